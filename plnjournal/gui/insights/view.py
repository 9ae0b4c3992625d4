"""The Insights window: what you keep avoiding (the ranked list with its reasons) and the
charts. Everything is computed off the GUI thread; matplotlib loads with the first chart."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.insights.avoidance import SkillScore, avoidance_scores, describe_score
from plnjournal.core.insights.chart_data import journal_span
from plnjournal.gui.insights import avoidance_model as am
from plnjournal.gui.insights.chart_pane import ChartPane, ChartRequest
from plnjournal.gui.tasks import ProgressFn, run_in_background, show_error
from plnjournal.gui.theme import is_dark
from plnjournal.storage.db import Database

CHARTS = (
    ("avoidance", "&Ranking", "Each bar is a skill's score, split into the signals it is made of."),
    ("heatmap", "&Heat map", "Reflections per skill per week: an empty row is a skill you avoid."),
    ("blindspots", "&Blind spots", "Your latest rating, your mentor's and your target, per skill."),
    ("trends", "&Trends", "Your ratings and your mentors' over time, per skill."),
    ("calendar", "&Calendar", "The days you wrote, and your streaks."),
)
PERIODS = (("Last 3 months", 91), ("Last 12 months", 365), ("Whole journal", None))
# What changes the scores and charts (see MainWindow.data_changed).
INPUTS = {"entries", "skills", "framework", "ratings", "feedback", "commitments", "nudges"}


def _day(date: QDate) -> dt.date:
    """A date edit's day as a ``date`` (``QDate.toPython`` is typed ``object`` in the stubs)."""
    return dt.date(date.year(), date.month(), date.day())


class InsightsView(QWidget):
    """Scores as of a date; charts for a period ending on it."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Insights — what you keep avoiding")
        self.scores: list[SkillScore] = []
        self.first_entry: dt.date | None = None
        self._stale = True
        self._computing = False

        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("d MMM yyyy")
        self.as_of.setAccessibleName("Scores as of")
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        self.period = QComboBox()
        self.period.setAccessibleName("Chart period")
        for label, days in PERIODS:
            self.period.addItem(label, days)
        self.period.setCurrentIndex(1)
        self.period.currentIndexChanged.connect(lambda _i: self.show_current_chart())
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter skills…")
        self.filter.setAccessibleName("Filter skills")
        self.filter.setClearButtonEnabled(True)
        self.status = QLabel("")
        bar = QHBoxLayout()
        for w in (QLabel("As of"), self.as_of, QLabel("Charts:"), self.period):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.status)

        self.model = am.AvoidanceTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(am.SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setAccessibleName("Skills ranked by avoidance score")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(am.RANK, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.hideColumn(am.AREA)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.details = QLabel("Select a skill to see every reason behind its score.")
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # mentor text is never HTML
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName("Reasons for the selected skill")
        self.details.setMargin(8)
        details_scroll = QScrollArea()
        details_scroll.setWidgetResizable(True)
        details_scroll.setWidget(self.details)
        ranked = QSplitter(Qt.Orientation.Horizontal)
        ranked.addWidget(self.table)
        ranked.addWidget(details_scroll)
        ranked.setStretchFactor(0, 3)
        ranked.setStretchFactor(1, 2)

        # The list first, then a tab per chart: each gets the window's whole width.
        self.tabs = QTabWidget()
        self.tabs.addTab(ranked, "What you &avoid")
        self.panes: dict[str, ChartPane] = {}
        for kind, title, blurb in CHARTS:
            pane = ChartPane(db, kind, blurb)
            pane.point_clicked.connect(self._chart_clicked)
            pane.width_changed.connect(self.show_current_chart)
            self.panes[kind] = pane
            self.tabs.addTab(pane, title)
        self.tabs.currentChanged.connect(lambda _i: self.show_current_chart())
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.resize(1280, 800)

    # --- scores ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Score again off the GUI thread, then redraw the visible chart."""
        as_of = _day(self.as_of.date())
        db = self.db

        def compute(_progress: ProgressFn) -> tuple[dt.date, list[SkillScore], dt.date | None]:
            with db.session() as session:
                return as_of, avoidance_scores(session, as_of), journal_span(session)[0]

        self._stale = False
        self._computing = True
        self.status.setText("Scoring…")
        run_in_background(self, compute, on_success=self._set_scores, on_failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._computing = False
        self.status.setText("")
        show_error(self, exc)

    def _set_scores(self, result: tuple[dt.date, list[SkillScore], dt.date | None]) -> None:
        as_of, scores, first = result
        if as_of != _day(self.as_of.date()):
            return  # the date changed meanwhile; its own computation follows
        self._computing = False
        selected = self.selected_skill_id()
        self.scores, self.first_entry = scores, first
        self.model.set_scores(scores)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(am.SKILL, min(self.table.columnWidth(am.SKILL), 260))
        n = len(scores)
        self.status.setText(f"{n} skills scored" if n else "No skills to score yet")
        if selected is not None:
            self.select_skill(selected)
        elif n:
            self.table.selectRow(0)
        for pane in self.panes.values():
            pane.shown = None  # the data changed: every chart is stale
        self.show_current_chart()

    def selected_skill_id(self) -> int | None:
        """The selected skill's id, or None."""
        index = self.table.currentIndex()
        return index.data(am.SKILL_ID_ROLE) if index.isValid() else None

    def select_skill(self, skill_id: int) -> bool:
        """Select a skill's row if the filter shows it; False if it does not."""
        row = self.model.row_of(skill_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, am.CODE))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.details.setText(
                describe_score(self.model.score_at(self.proxy.mapToSource(current).row()))
            )

    # --- charts ---------------------------------------------------------------------------

    def chart_request(self, kind: str) -> ChartRequest:
        """What the chart ``kind`` should show now: the period, the theme, the room."""
        end = _day(self.as_of.date())
        days = self.period.currentData()
        if days is None:
            start = min(self.first_entry or end, end)
        else:
            start = end - dt.timedelta(days=days - 1)
        pane = self.panes[kind]
        return ChartRequest(kind, start, end, is_dark(self.palette()), pane.available_width())

    def show_current_chart(self) -> None:
        """Draw the visible tab's chart if it is stale (not while scoring)."""
        pane = self.tabs.currentWidget()
        if isinstance(pane, ChartPane) and not self._computing and self.isVisible():
            pane.show_request(self.chart_request(pane.kind))

    def _chart_clicked(self, kind: str, text: str) -> None:
        """A click on a skill's row in a chart selects that skill in the list (its reasons
        show when you go back to the list)."""
        code = text.split(" ", 1)[0]
        for s in self.scores:
            if s.code == code:
                self.select_skill(s.skill_id)
                break

    # --- staying current ------------------------------------------------------------------

    def data_changed(self, what: set[str]) -> None:
        """Score again when an input changed; wait until shown if hidden."""
        if not what & INPUTS:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def changeEvent(self, event: QEvent) -> None:
        """Redraw in the new theme when the desktop switches light and dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.show_current_chart()  # the desktop switched light/dark: redraw in its theme

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up on changes missed while hidden."""
        super().showEvent(event)
        if self._stale:
            self.refresh()
        else:
            self.show_current_chart()
