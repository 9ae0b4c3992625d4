"""The Feedback window's detail pane: one item in full (its comment rendered sanitized, wrapped),
or a skill's group in the inbox in a sentence.

Comments are untrusted Markdown, shown through ``core.render.markdown_to_html`` (sanitized: no
scripts, nothing fetched); links open only on an explicit click.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

from plnjournal.core.escape import escape
from plnjournal.core.feedback.inbox import FeedbackRow
from plnjournal.core.render import markdown_to_html
from plnjournal.core.words import plural
from plnjournal.gui.feedback.inbox_model import InboxGroup
from plnjournal.gui.feedback.models import cues_text, where_words
from plnjournal.gui.plain import close_browser, open_safe_link


def item_html(row: FeedbackRow) -> str:
    """One item for the detail pane: who, when, what, the comment (sanitized), and where from."""
    rating = ""
    if row.level is not None:
        label = f" ({escape(row.level_label)})" if row.level_label else ""
        rating = f" · rated <b>{row.level}</b>{label}, target {row.target_level}"
    head = (
        f"<p><b>{escape(row.mentor or 'A mentor')}</b> on "
        f"<b>{escape(row.skill_code)} {escape(row.skill_name)}</b> · "
        f"{row.given_on.day} {row.given_on:%B %Y}{rating}</p>"
    )
    body = markdown_to_html(row.comment) if row.comment.strip() else "<p><i>No comment.</i></p>"
    state = ""
    if row.answered:
        state = "<p>✓ A reflection responds to this.</p>"
    elif row.reason:
        state = f"<p>⚠ Waiting for a reflection: {escape(row.reason)}.</p>"
    if row.praise_marked:
        state += (
            "<p>You marked this comment as praise: it does not ask for a reflection "
            f"(it read as critical because of {escape(cues_text(row))}).</p>"
        )
    elif row.cues and not row.answered:
        state += "<p>If the comment was praise, say so with <i>This was praise</i>.</p>"
    where = escape(where_words(row.file_name, row.line))
    return f"{head}{body}{state}<p><small>From {where}.</small></p>"


def group_html(group: InboxGroup) -> str:
    """A skill's row in the inbox: how much waits on it, from whom, since when."""
    mentors = sorted({r.mentor or "a mentor" for r in group.items})
    oldest = min(r.given_on for r in group.items)
    return (
        f"<p><b>{escape(group.skill_code)} {escape(group.skill_name)}</b></p>"
        f"<p>{plural(len(group.items), 'item')} of feedback from "
        f"{escape(', '.join(mentors))} wait for a reflection, the oldest from "
        f"{oldest.day} {oldest:%B %Y}.</p>"
        "<p>Choose one to read it in full and respond to it.</p>"
    )


class FeedbackDetail(QTextBrowser):
    """Shows sanitized HTML; never follows or fetches anything by itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        close_browser(self)  # no image or style sheet from anywhere (ClosedDocument)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.setAccessibleName("Feedback item")

    def _clicked(self, url: QUrl) -> None:
        open_safe_link(url)
