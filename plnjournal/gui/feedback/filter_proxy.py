"""The Feedback window's search box as a filter over either list: the flat list of all feedback,
or the inbox's skills and their items (a skill is shown while one of its items is)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QWidget

from plnjournal.gui.feedback.inbox_model import InboxModel
from plnjournal.gui.feedback.models import FeedbackListModel, refilter


class FeedbackFilterProxy(QSortFilterProxyModel):
    """The Feedback window's search: every word in an item's mentor, skill or comment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.setSortRole(Qt.ItemDataRole.EditRole)
        self.setRecursiveFilteringEnabled(True)  # the inbox: a skill shows while an item does

    def set_text(self, text: str) -> None:
        """Filter by what the user typed, case and surrounding spaces ignored."""
        refilter(self, lambda: setattr(self, "text", text.casefold().strip()))

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        """Whether every word of the search is in the item's mentor, skill or comment."""
        if not self.text:
            return True
        model = self.sourceModel()
        item = None
        if isinstance(model, FeedbackListModel):
            item = model.row_at(row)
        elif isinstance(model, InboxModel):  # a skill's row is shown for its items only
            item = model.row_at(model.index(row, 0, parent))
        if item is None:
            return False
        hay = f"{item.mentor} {item.skill_code} {item.skill_name} {item.comment}".casefold()
        return all(word in hay for word in self.text.split())
