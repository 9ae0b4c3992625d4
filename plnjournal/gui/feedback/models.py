"""Thin Qt models over the feedback core: the import preview, and feedback lists.

Colour is a tint (colour-blind-safe, both schemes, from ``gui.tones``) and never the only
signal: the Status column says in words what the tint means, and the tooltip says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import (
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from plnjournal.core.feedback.importer import PreviewRow
from plnjournal.core.feedback.inbox import FeedbackRow
from plnjournal.core.plain_text import one_line as plain_one_line
from plnjournal.gui.plain import literal
from plnjournal.gui.row_models import AnyIndex, RowTableModel
from plnjournal.gui.skills.matrix_model import Tone
from plnjournal.gui.tones import tone_background

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

# Import preview columns: where a row is, in words ("row 12"), not a file and line number.
P_STATUS, P_WHERE, P_DATE, P_MENTOR, P_SKILL, P_RATING, P_COMMENT = range(7)
PREVIEW_HEADERS = ("Status", "Where", "Date", "Mentor", "Skill", "Rating", "Comment")
CELL_FIELDS = {P_DATE: "date", P_MENTOR: "mentor", P_SKILL: "skill", P_RATING: "rating"}
CELL_FIELDS[P_COMMENT] = "comment"
# Files read as a table: their lines are a spreadsheet's rows to the person who made them.
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
STATUS_WORDS = {
    "new": "New",
    "duplicate": "Already in journal",
    "skipped": "Blank, skipped",
    "error": "Problem",
}


def one_line(text: str, limit: int = 160) -> str:
    """A comment on one line for a table cell, its Markdown read as plain text (the full
    text is in the tooltip and the detail pane)."""
    return plain_one_line(text, limit)


# The importer's messages name the command line's options (they are the CLI's words too);
# the window says where the same choice is made in it.
_WINDOW_WORDS = (
    (
        re.compile(r"name one with --map '[^']*'"),
        "say which column holds it on the column page (Columns…)",
    ),
    (
        re.compile(r"\(map it with --map '.*' if it holds feedback\)"),
        "(say what it holds on the column page if it holds feedback)",
    ),
    (
        re.compile(r"\(or add it with --create-missing-skills\)"),
        "(or tick “Add skills the files name but the framework lacks”)",
    ),
    (re.compile(r"'plnjournal skills list' shows them"), "the Skills menu lists them"),
    (re.compile(r"^--map (.+?)=[^:]*: "), r"the column “\1”: "),
)


def window_words(message: str) -> str:
    """An importer's message with the command line's options said as the window's choices."""
    for pattern, words in _WINDOW_WORDS:
        message = pattern.sub(words, message)
    return message


def where_words(file: str, line: int | None, *, with_file: bool = True) -> str:
    """Where a row or a problem is, as a person would look for it: "adeyemi.csv, row 12"
    ("row" in a table, "line" in a letter or JSON); the file alone when no line is known."""
    if line is None:
        return file
    unit = "row" if file.lower().endswith(TABLE_SUFFIXES) else "line"
    return f"{file}, {unit} {line}" if with_file else f"{unit} {line}"


def problem_words(file: str, line: int | None, column: object, message: str) -> str:
    """A problem with where it is in words, its column named when it has one."""
    where = where_words(file, line)
    if column not in (None, ""):
        where += f", column \u201c{column}\u201d"
    return f"{where}: {window_words(message)}"


def cues_text(row: FeedbackRow) -> str:
    """The words that made the comment count, quoted, for a cell or a line."""
    return ", ".join(f"\u201c{c}\u201d" for c in row.cues)


def praise_notice(row: FeedbackRow, *, inbox: bool) -> str:
    """What marking (or unmarking) an item as praise did, naming the item."""
    when = f"{row.given_on.day} {row.given_on:%b %Y}"
    who = f"{row.mentor or 'a mentor'}\u2019s feedback on {row.skill_code} ({when})"
    if not row.praise_marked:
        text = f"{who} is no longer marked as praise: {row.reason or 'it asks for nothing'}."
    elif row.reason:
        text = f"Marked {who} as praise; its rating still waits for a reflection."
    elif inbox:
        text = f"Marked {who} as praise; it left the inbox and stays in All feedback, marked."
    else:
        text = f"Marked {who} as praise; it no longer asks for a reflection."
    return text[:1].upper() + text[1:]


def refilter(proxy: QSortFilterProxyModel, change: Callable[[], None]) -> None:
    """Apply ``change`` to a proxy's filter state and re-filter: Qt 6.10 deprecates
    ``invalidateFilter()`` for ``begin/endFilterChange()``; keep both working."""
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        change()
        proxy.endFilterChange()
    else:
        change()
        proxy.invalidateFilter()


def _palette() -> QPalette:
    app = QApplication.instance()
    return app.palette() if isinstance(app, QApplication) else QPalette()


class PreviewModel(RowTableModel[PreviewRow]):
    """What an import will do, row by row: new, duplicate, skipped, or a problem (and why)."""

    HEADERS = PREVIEW_HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.several_files = False  # then "Where" names the file too

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        """Qt model API."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return PREVIEW_HEADERS[section]
        return None

    def tone(self, row: PreviewRow) -> Tone:
        """What the row's status tints: problems first, then warnings, then rows left out."""
        if row.status == "error":
            return Tone.BAD
        if row.warnings:
            return Tone.WARN
        if row.status in ("duplicate", "skipped"):
            return Tone.INFO
        return Tone.NONE

    def status_text(self, row: PreviewRow) -> str:
        """The status in words, with the first problem or warning itself."""
        if row.status == "error":
            first = window_words(row.messages[0]) if row.messages else "a problem"
            more = f" (+{len(row.messages) - 1})" if len(row.messages) > 1 else ""
            return f"✗ {first}{more}"
        word = STATUS_WORDS.get(row.status, row.status)
        if row.warnings:
            return f"⚠ {word}: {window_words(row.warnings[0])}"
        return word

    def cell_tone(self, row: PreviewRow, col: int) -> Tone:
        """Tint the cell that has the problem (and the status), not the whole row."""
        if col == P_STATUS:
            return self.tone(row)
        flag = (row.flags or {}).get(CELL_FIELDS.get(col, ""))
        if flag == "error":
            return Tone.BAD
        if flag == "warning":
            return Tone.WARN
        return Tone.NONE

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Qt model API."""
        row = self.row_at(index)
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.status_text(row),
                where_words(row.file, row.line, with_file=self.several_files),
                row.date,
                row.mentor,
                row.skill,
                row.rating,
                one_line(row.comment),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = row.messages + row.warnings
            if notes:
                return literal("\n".join(window_words(n) for n in notes))
            if col == P_WHERE:
                return literal(where_words(row.file, row.line))
            return literal(row.comment) if col == P_COMMENT and row.comment else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return tone_background(self.cell_tone(row, col), _palette())
        if role == Qt.ItemDataRole.ForegroundRole and row.status in ("duplicate", "skipped"):
            return _palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == STATUS_ROLE:
            return row.status
        if role == Qt.ItemDataRole.TextAlignmentRole and col == P_RATING:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


# Feedback list columns.
F_DATE, F_MENTOR, F_SKILL, F_RATING, F_STATE, F_COMMENT = range(6)
FEEDBACK_HEADERS = ("Date", "Mentor", "Skill", "Rating", "Answered", "Comment")


def order_words(column: int, order: Qt.SortOrder) -> str:
    """The list's order in words, for the header's tooltip ("newest first")."""
    up = order == Qt.SortOrder.AscendingOrder
    if column == F_DATE:
        return "oldest first" if up else "newest first"
    if column == F_RATING:
        return "lowest rating first" if up else "highest rating first"
    if 0 <= column < len(FEEDBACK_HEADERS):
        return f"by {FEEDBACK_HEADERS[column].lower()}, {'A to Z' if up else 'Z to A'}"
    return "as read"


class FeedbackListModel(RowTableModel[FeedbackRow]):
    """All feedback items (newest first from the core); the state column says whether a
    reflection answers it, or that it waits for one. (The inbox is ``inbox_model``.)"""

    HEADERS = FEEDBACK_HEADERS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        """Qt model API."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return FEEDBACK_HEADERS[section]
        return None

    def _state(self, row: FeedbackRow) -> str:
        if row.answered:
            return "✓ answered"
        if row.reason:
            return "⚠ waiting"
        return "marked as praise" if row.praise_marked else ""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Qt model API."""
        row = self.row_at(index)
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            rating = "" if row.level is None else str(row.level)
            return (
                f"{row.given_on.day} {row.given_on:%b %Y}",
                row.mentor,
                f"{row.skill_code} {row.skill_name}",
                rating,
                self._state(row),
                one_line(row.comment),
            )[col]
        if role == Qt.ItemDataRole.EditRole:  # what the proxy sorts by
            return (
                row.given_on.isoformat(),
                row.mentor.casefold(),
                row.skill_code,
                -1 if row.level is None else row.level,
                self._state(row),
                row.comment.casefold(),
            )[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == F_RATING:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == F_RATING and row.level is not None:
                return literal(f"{row.level} {row.level_label} (target {row.target_level})")
            if col == F_STATE and row.reason and not row.answered:
                return literal(f"Waiting for a reflection: {row.reason}")
            if col == F_STATE and row.praise_marked:
                return literal("You marked this comment as praise: it asks for nothing.")
            if col == F_COMMENT and row.comment:
                return literal(row.comment[:1500])
            return None
        if role == Qt.ItemDataRole.BackgroundRole and col == F_STATE:
            if row.reason and not row.answered:
                return tone_background(Tone.WARN, _palette())
            return None
        if role == ID_ROLE:
            return row.id
        return None
