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
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape

if TYPE_CHECKING:  # for annotations only
    from plnjournal.core.feedback.inbox import FeedbackRow

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET = 60  # characters of the comment shown on the row (the tooltip has all of it)
VISIBLE_ROWS = 3  # more scroll: the text being written keeps its room


def snippet(text: str, limit: int = SNIPPET) -> str:
    """The comment's start on one line, cut at a word with an ellipsis when longer."""
    flat = " ".join(text.split())
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
        self.list = QListWidget()
        self.list.setAccessibleName("Feedback this reflection answers")
        self.list.setFrameShape(QListWidget.Shape.NoFrame)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # Two lines an item, wrapped to the column: nothing hides behind a sideways scroll.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)  # the items' two lines read as one item each
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 2)
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
                item = QListWidgetItem(row_text(row))
                item.setData(ITEM_ID_ROLE, row.id)
                item.setToolTip(row_tooltip(row))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                checked = row.id in ticked
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.list.addItem(item)
        finally:
            self._filling = False
        self._fit()
        self.setVisible(bool(rows))

    def clear(self) -> None:
        """Nothing to show (another reflection is being read); stale rows never linger."""
        self.next_read()
        self.list.clear()
        self.hide()

    def ticked(self) -> set[int]:
        """The ids of the items ticked."""
        return {
            int(self.list.item(i).data(ITEM_ID_ROLE))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        }

    def _fit(self) -> None:
        """As tall as the first few items: the rest scroll."""
        self.list.doItemsLayout()  # the items wrapped to the list's width as it is now
        rows = range(min(self.list.count(), VISIBLE_ROWS))
        gap = 2 * self.list.spacing()
        height = sum(self.list.visualItemRect(self.list.item(i)).height() + gap for i in rows)
        self.list.setFixedHeight(height + 2 * self.list.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """QWidget.resizeEvent: a narrower column wraps the items onto more lines."""
        super().resizeEvent(event)
        self._fit()

    def _item_changed(self, _item: QListWidgetItem) -> None:
        if not self._filling:
            self.answers_changed.emit(self.ticked())
