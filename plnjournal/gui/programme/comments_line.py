"""Mentors' comments under a shared reflection's text, as plain text (a comment is someone
else's words: never read as HTML), hidden when there are none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from plnjournal.gui import tasks
from plnjournal.gui.plain import set_plain
from plnjournal.programme.state import MentorComment, mentor_comments

if TYPE_CHECKING:
    from plnjournal.gui.shell.main_window import MainWindow

SHOWN = 3  # the newest comments shown; the rest are counted
CHARS = 400  # of each comment


def comments_text(comments: list[MentorComment]) -> str:
    """The newest comments, each "Mentor, 3 Dec: text", then how many more there are."""
    lines = []
    for c in comments[:SHOWN]:
        body = " ".join(c.body.split())
        if len(body) > CHARS:
            body = body[: CHARS - 1] + "…"
        lines.append(f"{c.mentor}, {c.written_at.day} {c.written_at:%b}: {body}")
    if len(comments) > SHOWN:
        lines.append(f"and {len(comments) - SHOWN} earlier comment(s)")
    return "\n".join(lines)


class CommentsLine(QLabel):
    """Follows the open reflection; ``reload`` after a sync brought comments."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("mentorComments")
        self.setAccessibleName("Mentors' comments")
        self.setWordWrap(True)
        self.setContentsMargins(8, 4, 8, 4)
        set_plain(self, "")
        self.hide()
        self.main = window
        editor = window.journal.editor
        editor.add_below(self)
        editor.opened.connect(lambda _id: self.reload())
        self.reload()

    def reload(self) -> None:
        """Read the open reflection's comments off the GUI thread."""
        entry_id = self.main.journal.editor.entry_id
        if entry_id is None:
            self._show(entry_id, [])
            return
        tasks.run_in_background(
            self,
            lambda _p: mentor_comments(self.main.db, entry_id),
            on_success=lambda found: self._show(entry_id, found),
        )

    def _show(self, entry_id: int | None, comments: list[MentorComment]) -> None:
        if entry_id != self.main.journal.editor.entry_id:
            return  # another reflection was opened meanwhile
        self.setText(("Your mentors said:\n" + comments_text(comments)) if comments else "")
        self.setVisible(bool(comments))
