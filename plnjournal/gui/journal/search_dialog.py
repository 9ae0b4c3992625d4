"""Search (Ctrl+F): ranked results with highlighted snippets, by skill and date range; opening
a result goes to that reflection.

Its reads (the skills, each search) run on the GUI thread on purpose: a session that only
reads never takes the write lock (storage/dialect.py takes it at a transaction's first write),
and in WAL mode a reader never waits on a writer, so another program writing cannot freeze the
dialog; and a search stays quick however big the journal (FTS5 ranks a bounded number of the
newest matches: docs/performance.md, "search in-process" up to 100,000 reflections).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
from plnjournal.core.journal.search import (
    order_explained,
    search_page,
    snippet_highlights,
    snippet_html,
)
from plnjournal.core.skills.lookup import list_skills
from plnjournal.errors import PlnError
from plnjournal.gui.html_delegate import HTML_ROLE, HtmlDelegate
from plnjournal.gui.journal.calendar_panel import to_date, to_qdate
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.row_models import AnyIndex, RowListModel
from plnjournal.storage.db import Database

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DATE_ROLE = Qt.ItemDataRole.UserRole + 2
LIMIT = 100
_NO_DATE = QDate(1900, 1, 1)


@dataclass(frozen=True)
class ResultRow:
    """One hit as the list shows it; the snippet keeps the core's marks until it is escaped."""

    entry_id: int
    day: dt.date
    title: str
    snippet: str  # with the core's highlight marks
    private: bool


class SearchResultsModel(RowListModel[ResultRow]):
    """One row per hit, best first; the HTML role escapes the text and marks the matches."""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """QAbstractItemModel.data: plain text for the screen reader, escaped HTML to draw."""
        row = self.row_at(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            plain = snippet_highlights(row.snippet)[0]
            return f"{row.day.isoformat()} {row.title}: {plain}"
        if role == HTML_ROLE:
            lock = " 🔒" if row.private else ""
            title = escape(row.title or "(untitled)")
            return (
                f"<b>{row.day:%a} {row.day.day} {row.day:%b %Y}</b> · {title}{lock}"
                f"<br>{snippet_html(row.snippet)}"
            )
        if role == ENTRY_ID_ROLE:
            return row.entry_id
        if role == DATE_ROLE:
            return row.day
        return None


class SearchDialog(QDialog):
    """Search as you type (after a pause), narrowed by skill and dates; a result opens its day."""

    open_entry = Signal(int, object)  # entry id, its date

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Search reflections")
        self.query = QLineEdit()
        self.query.setPlaceholderText('Words, "a phrase", prefix*, or OR between words')
        self.query.setAccessibleName("Search for")
        self.query.setClearButtonEnabled(True)
        self.skill = QComboBox()
        self.skill.setAccessibleName("Only reflections on this skill")
        self.date_from = self._date_edit("From (any date)")
        self.date_to = self._date_edit("To (any date)")
        self.results = SearchResultsModel(self)
        self.view = QListView()
        self.view.setModel(self.results)
        self.view.setItemDelegate(HtmlDelegate(self.view))
        self.view.setAccessibleName("Search results, best first")
        self.view.setWordWrap(True)
        self.view.setSpacing(4)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.status = QLabel()
        self.status.setAccessibleName("Search status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        filters = QHBoxLayout()
        filters.addWidget(QLabel("Skill:"))
        filters.addWidget(self.skill, 1)
        filters.addWidget(QLabel("From:"))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("To:"))
        filters.addWidget(self.date_to)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        remember_geometry(self, "search", (720, 520))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda: self._timer.start())
        self.query.returnPressed.connect(self._open_first)
        self.skill.activated.connect(lambda: self.run_search())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._timer.start())
        self.view.activated.connect(self._open)
        self.view.doubleClicked.connect(self._open)
        self.reload_skills()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText("any date")  # shown at the minimum: no limit
        edit.setDate(_NO_DATE)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def reload_skills(self) -> None:
        """Refill the skill filter (after the framework changed), keeping the chosen skill."""
        current = self.skill.currentData()
        self.skill.clear()
        self.skill.addItem("any skill", None)
        with self.db.session() as s:
            for sk in list_skills(s):
                self.skill.addItem(f"{sk.code} · {sk.name}", sk.code)
        self.skill.setCurrentIndex(max(self.skill.findData(current), 0))

    def set_range(self, date_from: dt.date | None, date_to: dt.date | None) -> None:
        """Limit the search to these dates (None: no limit on that side)."""
        self.date_from.setDate(to_qdate(date_from) if date_from else _NO_DATE)
        self.date_to.setDate(to_qdate(date_to) if date_to else _NO_DATE)

    def _limit(self, edit: QDateEdit) -> dt.date | None:
        return None if edit.date() == _NO_DATE else to_date(edit.date())

    def run_search(self) -> None:
        """Search now with what is typed and chosen (the typing pause's timer calls it)."""
        self._timer.stop()
        text = self.query.text().strip()
        if not text:
            self.results.set_rows([])
            self.status.setText("")
            return
        try:
            with self.db.session() as s:
                page = search_page(
                    s,
                    text,
                    limit=LIMIT,
                    date_from=self._limit(self.date_from),
                    date_to=self._limit(self.date_to),
                    skill=self.skill.currentData(),
                )
        except PlnError as exc:
            self.results.set_rows([])
            self.status.setText(exc.message)
            return
        hits = page.hits
        self.results.set_rows(
            [ResultRow(h.entry_id, h.entry_date, h.title, h.snippet, h.private) for h in hits]
        )
        n = len(hits)
        self.status.setText(
            f"{order_explained(page)} Enter or double-click opens one."
            if n
            else "Nothing found. Try fewer words, or word* for words starting with it."
        )
        if n:
            self.view.setCurrentIndex(self.results.index(0))

    def _open_first(self) -> None:
        self.run_search()
        index = self.view.currentIndex()
        if index.isValid():
            self._open(index)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_entry.emit(index.data(ENTRY_ID_ROLE), index.data(DATE_ROLE))

    def showEvent(self, event: QShowEvent) -> None:
        """QWidget.showEvent: the query is ready to type over each time the dialog shows."""
        super().showEvent(event)
        self.query.setFocus()
        self.query.selectAll()
