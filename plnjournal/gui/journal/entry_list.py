"""The day's reflections: a thin list model over core data, and the panel showing it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from plnjournal.core.escape import escape
from plnjournal.core.journal.days import day_entries
from plnjournal.core.plain_text import plain_text
from plnjournal.core.words import shorten
from plnjournal.gui.html_delegate import HTML_ROLE, HtmlDelegate
from plnjournal.gui.journal.markdown_edit import word_count
from plnjournal.gui.muted_label import MutedLabel
from plnjournal.gui.plain import literal
from plnjournal.gui.row_models import AnyIndex, RowListModel
from plnjournal.storage.db import Database

if TYPE_CHECKING:  # annotations only: on the start path, PySide sets a class up when read
    from PySide6.QtGui import QKeyEvent

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class EntryRow:
    """One reflection of the day as the list shows it, read before SQLAlchemy has loaded."""

    entry_id: int
    time: dt.time | None
    title: str
    first_words: str
    words: int
    private: bool
    skills: int
    highlight: bool = False  # marked for the progress report: a star on the row


def _first_words(body: str, limit: int = 70) -> str:
    """The body's first line with words, its Markdown read as plain text, cut at a word."""
    first = plain_text(body).partition("\n")[0]
    return shorten(first, limit, at_word=True)


def read_day_rows(db: Database, day: dt.date) -> list[EntryRow]:
    """The day's rows, read over the plain read-only connection (``db.reading()``: it never
    waits on the journal's write lock, and it is what the first paint reads before SQLAlchemy
    has loaded), so the list can be filled on the GUI thread."""
    with db.reading() as conn:
        return [
            EntryRow(
                e.entry_id,
                e.time,
                e.title,
                _first_words(e.body),
                word_count(e.body),
                e.private,
                e.skills,
                e.highlight,
            )
            for e in day_entries(conn, day)
        ]


class DayEntriesModel(RowListModel[EntryRow]):
    """One row per reflection of one day, in time order; it is handed rows, never reads."""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """QAbstractItemModel.data: the text, its escaped HTML, accessible text and id."""
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            when = row.time.strftime("%H:%M") + "  " if row.time else ""
            title = row.title or row.first_words or "(empty)"
            lock = "🔒 " if row.private else ""
            star = "★ " if row.highlight else ""
            words = f"{row.words} word" + ("" if row.words == 1 else "s")
            return f"{star}{lock}{when}{title}\n{words}"
        if role == HTML_ROLE:
            when = f"{row.time:%H:%M} · " if row.time else ""
            title = escape(row.title or row.first_words or "(empty)")
            star = "★ " if row.highlight else ""
            details = [f"{row.words} word" + ("" if row.words == 1 else "s")]
            if row.skills:
                details.append(f"{row.skills} skill" + ("" if row.skills == 1 else "s"))
            if row.highlight:
                details.append("highlight")
            if row.private:
                details.append("private 🔒")
            return f"<b>{star}{when}{title}</b><br><small>{' · '.join(details)}</small>"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [row.title or row.first_words or "empty reflection"]
            if row.time:
                parts.insert(0, row.time.strftime("%H:%M"))
            if row.highlight:
                parts.append("highlight")
            if row.private:
                parts.append("private")
            return ", ".join(parts)
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(row.first_words) or None
        if role == ENTRY_ID_ROLE:
            return row.entry_id
        return None

    def row_of(self, entry_id: int | None) -> int:
        """The reflection's row, or -1 (a new draft is not in the list yet)."""
        for i, row in enumerate(self.rows):
            if row.entry_id == entry_id:
                return i
        return -1


class EntryListPanel(QWidget):
    """The day's reflections: choosing one opens it; a new one, or Delete, is asked of the view."""

    entry_chosen = Signal(int)
    new_requested = Signal()
    delete_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = DayEntriesModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Reflections of the day")
        self.view.setWordWrap(True)
        self.view.setSpacing(4)
        self.view.setUniformItemSizes(False)
        self.view.setItemDelegate(HtmlDelegate(self.view))
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.empty = MutedLabel("No reflection on this day yet.\nStart typing to write one.")
        self.empty.setWordWrap(True)
        self.new_button = QPushButton("New reflection")
        self.new_button.setToolTip("Another reflection on this day (Ctrl+N)")
        self.new_button.setAccessibleName("New reflection")
        heading = QLabel("Reflections")
        heading.setObjectName("panelHeading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.new_button)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.new_button.clicked.connect(self.new_requested)
        self._quiet = False

    def load(self, day: dt.date, current: int | None) -> None:
        """Read the day's rows (the read-only connection never waits on a writer) and show them."""
        self.model.set_rows(read_day_rows(self.db, day))
        self.select(current)
        self.empty.setVisible(not self.model.rows)

    def select(self, entry_id: int | None) -> None:
        """Show ``entry_id`` as current without announcing it (the view opened it already)."""
        self._quiet = True
        try:
            row = self.model.row_of(entry_id)
            if row < 0:
                self.view.clearSelection()
                self.view.setCurrentIndex(QModelIndex())
            else:
                self.view.setCurrentIndex(self.model.index(row))
        finally:
            self._quiet = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid():
            self.entry_chosen.emit(current.data(ENTRY_ID_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """QWidget.keyPressEvent: Delete in the list asks to delete the chosen reflection."""
        if event.key() == Qt.Key.Key_Delete and self.view.hasFocus():
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)
