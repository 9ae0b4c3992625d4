"""The import preview's table: every reflection that will come in (a thin model over core rows)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from plnjournal.core.journal_io.importer import PreviewRow
from plnjournal.gui.plain import literal
from plnjournal.gui.row_models import AnyIndex, RowTableModel

DATE, TIME, TITLE, LINKS, WHERE = range(5)
HEADERS = ("Date", "Time", "Title", "Skills and tags", "From")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class ImportPreviewModel(RowTableModel[PreviewRow]):
    """One row per reflection of the plan, sortable by ``SORT_ROLE`` (dates in time order)."""

    HEADERS = HEADERS  # the module's column names, for the base's columnCount

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

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """QAbstractItemModel.data: the text, tooltips for long columns, and sort keys."""
        row = self.row_at(index)
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and col in (TITLE, LINKS, WHERE):
            return literal(self._text(row, col))  # titles and tags from the file
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
