"""The import preview's table: every reflection that will come in (a thin model over core rows)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from plnjournal.core.journal_io.importer import PreviewRow

DATE, TIME, TITLE, LINKS, WHERE = range(5)
HEADERS = ("Date", "Time", "Title", "Skills and tags", "From")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class ImportPreviewModel(QAbstractTableModel):
    """One row per reflection of the plan, sortable by ``SORT_ROLE`` (dates in time order)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []

    def set_rows(self, rows: list[PreviewRow]) -> None:
        """Show the plan's rows (one reset: the whole preview changes at once)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractItemModel.rowCount."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractItemModel.columnCount."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        """QAbstractItemModel.headerData."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """QAbstractItemModel.data: the text, tooltips for long columns, and sort keys."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and col in (TITLE, LINKS, WHERE):
            return self._text(row, col)
        if role == SORT_ROLE:
            if col in (DATE, TIME):
                when = row.entry_time.isoformat() if row.entry_time else "99"
                return f"{row.entry_date.isoformat()} {when}"
            return self._text(row, col).casefold()
        return None

    @staticmethod
    def _text(row: PreviewRow, col: int) -> str:
        if col == DATE:
            return row.entry_date.isoformat()
        if col == TIME:
            return row.entry_time.strftime("%H:%M") if row.entry_time else ""
        if col == TITLE:
            return row.title or "(no title)"
        if col == LINKS:
            return "  ".join([*row.skills, *(f"#{t}" for t in row.tags)])
        return row.where
