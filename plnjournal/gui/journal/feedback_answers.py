"""The editor's "Answers feedback" section: the open feedback on the reflection's skills, one
checkbox each, ticked for the items this reflection answers.

A feedback item stays in the inbox until a reflection is linked to it; writing about the skill
is not enough. This section makes the link where the user writes: it appears, quietly, only
when the linked skills have open items (or the reflection answers some already). The journaling
view reads its rows and writes what is ticked on the open reflection's write queue
(``gui/journal/entry_writes.py``), so a tick is saved with the text, in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
from plnjournal.core.plain_text import one_line

if TYPE_CHECKING:  # for annotations only
    from plnjournal.core.feedback.inbox import FeedbackRow

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET = 60  # characters of the comment shown on the row (the tooltip has all of it)
VISIBLE_ROWS = 3  # more scroll: the text being written keeps its room


def snippet(text: str, limit: int = SNIPPET) -> str:
    """The comment's start on one line (its Markdown as plain text), cut at a word with an
    ellipsis when longer."""
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(",.;:!?") + "\u2026"


def row_text(row: FeedbackRow) -> str:
    """How one item reads in the list: who, when, on what and the rating on its first line,
    the start of the comment on the second."""
    when = f"{row.given_on.day} {row.given_on:%b %Y}"
    first = f"{row.mentor or 'A mentor'}, {when}, {row.skill_code}"
    if row.level is not None:
        named = f" ({row.level_label})" if row.level_label else ""
        first += f": rated {row.level}{named}"
    if not row.comment.strip():
        return first
    return f"{first}\n\u201c{snippet(row.comment)}\u201d"


def row_tooltip(row: FeedbackRow) -> str:
    """The whole comment and why it asks for an answer, as escaped HTML."""
    parts = [f"<p>{escape(row.comment)}</p>"] if row.comment.strip() else []
    if row.reason:
        parts.append(f"<p><i>Asks for an answer: {escape(row.reason)}</i></p>")
    parts.append(f"<p>{escape(row.skill_code)} {escape(row.skill_name)}</p>")
    return "".join(parts)


class FeedbackAnswers(QWidget):
    """Open feedback on the reflection's skills; ticking one says this reflection answers it."""

    answers_changed = Signal(object)  # set[int]: the ids of the items ticked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.generation = 0  # the newest read asked for (an older one landing later is dropped)
        self.heading = QLabel("Answers feedback")
        self.heading.setToolTip(
            "Feedback on this reflection's skills that still waits for an answer. Tick what "
            "this reflection answers: the item leaves the inbox."
        )
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        # One column as wide as the editor: each of an item's two lines is cut with "…" to
        # fit (the tooltip has the whole comment), so nothing hides behind a sideways scroll.
        self.list = QTreeWidget()
        self.list.setAccessibleName("Feedback this reflection answers")
        self.list.setHeaderHidden(True)
        self.list.setColumnCount(1)
        self.list.setRootIsDecorated(False)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setAlternatingRowColors(True)  # two lines an item: where one ends shows
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self.list.itemChanged.connect(self._item_changed)
        self._filling = False
        self.hide()

    def next_read(self) -> int:
        """A new read is on its way: only its rows will be shown."""
        self.generation += 1
        return self.generation

    def show_rows(self, rows: list[FeedbackRow], ticked: set[int], generation: int) -> None:
        """Show these items (``ticked``: those the reflection answers); hidden when none."""
        if generation != self.generation:
            return
        self._filling = True
        try:
            self.list.clear()
            for row in rows:
                item = QTreeWidgetItem([row_text(row)])
                item.setData(0, ITEM_ID_ROLE, row.id)
                item.setToolTip(0, row_tooltip(row))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                checked = row.id in ticked
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                item.setCheckState(0, state)
                self.list.addTopLevelItem(item)
        finally:
            self._filling = False
        self._fit()
        self.setVisible(bool(rows))

    def clear(self) -> None:
        """Nothing to show (another reflection is being read); stale rows never linger."""
        self.next_read()
        self.list.clear()
        self.hide()

    def items(self) -> list[QTreeWidgetItem]:
        """The items shown, oldest first."""
        found = (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
        return [item for item in found if item is not None]

    def ticked(self) -> set[int]:
        """The ids of the items ticked."""
        return {
            int(item.data(0, ITEM_ID_ROLE))
            for item in self.items()
            if item.checkState(0) == Qt.CheckState.Checked
        }

    def _fit(self) -> None:
        """As tall as the first few items: the rest scroll."""
        shown = self.items()[:VISIBLE_ROWS]
        height = sum(self.list.sizeHintForRow(i) for i in range(len(shown)))
        self.list.setFixedHeight(height + 2 * self.list.frameWidth())

    def _item_changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        if not self._filling:
            self.answers_changed.emit(self.ticked())
