"""The export dialog's list of reflections to include, each with a checkbox.

Private reflections are listed — the user should see that they exist and are left out — but
unticked, marked, and only tickable once "Include private reflections" is on.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from plnjournal.core.report.content import PeriodEntry
from plnjournal.core.report.queries import fmt_date

Index = QModelIndex | QPersistentModelIndex
PRIVATE_COLOUR = QColor("#8a5a00")
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ReportEntriesModel(QAbstractListModel):
    """Rows are reflections of the period; the check state says "include it in full"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[PeriodEntry] = []
        self._checked: set[int] = set()
        self._private_allowed = False

    def set_entries(self, entries: list[PeriodEntry]) -> None:
        """Show ``entries``; the highlights are ticked, except private ones."""
        self.beginResetModel()
        self._entries = list(entries)
        self._checked = {e.entry_id for e in entries if e.highlight and not e.private}
        self.endResetModel()

    def set_private_allowed(self, allowed: bool) -> None:
        """Let private reflections be ticked, or untick and lock them."""
        self._private_allowed = allowed
        if not allowed:
            self._checked -= {e.entry_id for e in self._entries if e.private}
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def set_checked(self, entry_ids: set[int]) -> None:
        """Tick exactly these reflections (private ones only when allowed)."""
        allowed = {e.entry_id for e in self._entries if self._allowed(e)}
        self._checked = set(entry_ids) & allowed
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def highlight_ids(self) -> set[int]:
        """The reflections marked as highlights, for the Highlights button."""
        return {e.entry_id for e in self._entries if e.highlight}

    def checked_ids(self) -> tuple[int, ...]:
        """The ticked reflections, in date order."""
        return tuple(e.entry_id for e in self._entries if e.entry_id in self._checked)

    def chosen_ids(self, include_private: bool) -> tuple[int, ...] | None:
        """What the report's options take: None while the ticks are exactly what the report
        would pick by itself (the highlights, or with none marked the deepest reflections),
        else the ticked reflections."""
        ticked = self.checked_ids()
        default = {
            e.entry_id for e in self._entries if e.highlight and (include_private or not e.private)
        }
        return None if set(ticked) == default else ticked

    def _allowed(self, entry: PeriodEntry) -> bool:
        return self._private_allowed or not entry.private

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Qt model API."""
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Qt model API."""
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        e = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            marks = (" ★" if e.highlight else "") + ("  · private" if e.private else "")
            return f"{fmt_date(e.entry_date)}   {e.title}{marks}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if e.entry_id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if e.private and not self._private_allowed:
                return "Private: left out unless you include private reflections"
            if e.highlight:
                return "Marked as a highlight"
            return None
        if role == Qt.ItemDataRole.ForegroundRole and e.private:
            return PRIVATE_COLOUR
        if role == Qt.ItemDataRole.FontRole and e.private:
            font = QFont()
            font.setItalic(True)
            return font
        if role == ENTRY_ID_ROLE:
            return e.entry_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Qt model API: a private reflection is locked until private ones are allowed."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        e = self._entries[index.row()]
        if not self._allowed(e):
            return Qt.ItemFlag.ItemNeverHasChildren
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Qt model API: ticking, refused for a locked private reflection."""
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        e = self._entries[index.row()]
        if not self._allowed(e):
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(e.entry_id)
        else:
            self._checked.discard(e.entry_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
