"""Thin Qt models over rows the core has read: one place keeps the rows and answers Qt's row
count, so each model says only how a row shows. Models are handed rows, never a database."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
)

AnyIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class _Rows(Generic[RowT]):
    """The rows, and what every such model answers the same way."""

    rows: list[RowT]

    def set_rows(self, rows: Iterable[RowT]) -> None:
        """Show these rows (one reset: a new read replaces the whole list)."""
        model = cast(QAbstractItemModel, self)
        model.beginResetModel()
        self.rows = list(rows)
        model.endResetModel()

    def row_at(self, index: AnyIndex | int) -> RowT | None:
        """The row behind an index (or a row number), None when there is none."""
        if isinstance(index, int):
            r = index
        elif index.isValid():
            r = index.row()
        else:
            return None
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """QAbstractItemModel.rowCount: a flat list, so children have none."""
        return 0 if parent.isValid() else len(self.rows)


class RowListModel(_Rows[RowT], QAbstractListModel):
    """A list of rows (one column)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = []


class RowTableModel(_Rows[RowT], QAbstractTableModel):
    """A table of rows; ``HEADERS`` names the columns."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = []

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """QAbstractItemModel.columnCount."""
        return 0 if parent.isValid() else len(self.HEADERS)
