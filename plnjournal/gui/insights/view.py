"""The Insights window: what you keep avoiding (the ranked list with its reasons and bands)
and the charts. Everything is computed off the GUI thread; matplotlib loads with the first chart.

A skill in the top band (act now) gets two actions: "Write about it now" (a new reflection
today, the skill linked, starting with a prompt built from its strongest reason) and "Ask for
feedback" (the feedback template for that skill). The window asks for them (its signals); the
Insights menu's owner opens the reflection or the dialog in the main window.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
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
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
from plnjournal.core.insights.avoidance import SkillScore, avoidance_scores, describe_score
from plnjournal.core.insights.chart_data import journal_span
from plnjournal.core.insights.prompts import writing_prompt, writing_title
from plnjournal.core.words import plural
from plnjournal.gui.empty_state import EmptyState
from plnjournal.gui.insights import avoidance_model as am
from plnjournal.gui.insights.chart_pane import ChartPane, ChartRequest
from plnjournal.gui.insights.focus_card import FocusCard
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.tasks import ProgressFn, run_in_background, show_error
from plnjournal.gui.theme import is_dark
from plnjournal.storage.db import Database
from plnjournal.values import Band

CHARTS = (
    (
        "avoidance",
        "&Ranking",
        "Each bar is a skill's score, split into the signals it is made of; hover a bar for "
        "all its reasons.",
    ),
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

    write_requested = Signal(int, str, str)  # skill id, title, prompt: a new reflection today
    feedback_requested = Signal(str)  # skill code: the feedback template for it
    start_writing = Signal()  # the empty state's action: today's reflection, in the window

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
        self.table.hideColumn(am.RANK)  # the order is the rank; sorting by it still works
        self.table.setItemDelegate(am.ScoreDelegate(self.table))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
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
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self._build_actions())
        side_layout.addWidget(details_scroll, 1)
        ranked = QSplitter(Qt.Orientation.Horizontal)
        ranked.addWidget(self.table)
        ranked.addWidget(side)
        ranked.setStretchFactor(0, 3)
        ranked.setStretchFactor(1, 2)
        ranked.setSizes([900, 360])  # the list keeps its reasons column; the actions fit

        # The most avoided skill above the list, unmistakable (gui/insights/focus_card.py).
        self.focus = FocusCard()
        self.focus.write_requested.connect(lambda: self._write_about(self.focus.score))
        self.focus.feedback_requested.connect(lambda: self._ask_about(self.focus.score))
        avoid = QWidget()
        avoid_layout = QVBoxLayout(avoid)
        avoid_layout.setContentsMargins(0, 8, 0, 0)
        avoid_layout.addWidget(self.focus)
        avoid_layout.addWidget(ranked, 1)

        # The list first, then a tab per chart: each gets the window's whole width.
        self.tabs = QTabWidget()
        self.tabs.addTab(avoid, "What you &avoid")
        self.panes: dict[str, ChartPane] = {}
        for kind, title, blurb in CHARTS:
            pane = ChartPane(db, kind, blurb)
            pane.point_clicked.connect(self._chart_clicked)
            pane.width_changed.connect(self.show_current_chart)
            self.panes[kind] = pane
            self.tabs.addTab(pane, title)
        self.tabs.currentChanged.connect(lambda _i: self.show_current_chart())
        # Said once above the list while the journal is younger than its longest cadence
        # (docs/avoidance.md, "Bands"): skills not yet due are not being avoided.
        self.getting_started = QLabel(
            "Getting started: your journal is younger than the longest cadence of its skills, "
            "so skills you have not reached yet are not counted against you. Feedback from "
            "your mentors counts from the first day."
        )
        self.getting_started.setTextFormat(Qt.TextFormat.PlainText)
        self.getting_started.setWordWrap(True)
        self.getting_started.setAccessibleName("Getting started")
        self.getting_started.hide()
        # A journal with nothing in it yet: one empty state instead of a list of zeros and
        # charts of empty grids.
        self.empty_state = EmptyState("", "", on_action=self.start_writing.emit, icon="chart")
        self.empty_state.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.getting_started)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.empty_state, 1)
        remember_geometry(self, "insights", (1280, 800))

    def _build_actions(self) -> QWidget:
        """What to do about a skill in the top band; hidden for the others."""
        self.actions_box = QWidget()
        self.act_label = QLabel(str(Band.ACT_NOW).capitalize() + ":")
        self.act_label.setToolTip("This skill is in the top band: the score asks you to act now")
        font = self.act_label.font()
        font.setBold(True)
        self.act_label.setFont(font)
        # Not primary: the card above the list has the screen's one primary action (on the
        # most avoided skill); this one acts on the selected row.
        self.write_button = QPushButton("&Write about it now")
        self.write_button.clicked.connect(self._write_now)
        self.ask_button = QPushButton("Ask for &feedback…")
        self.ask_button.setToolTip("Write a feedback template on this skill for a mentor")
        self.ask_button.clicked.connect(self._ask_for_feedback)
        box = QHBoxLayout(self.actions_box)
        box.setContentsMargins(8, 8, 8, 0)
        box.addWidget(self.act_label)
        box.addWidget(self.write_button)
        box.addWidget(self.ask_button)
        box.addStretch(1)
        # Its room is kept when hidden: the list and the reasons do not move between rows.
        policy = self.actions_box.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.actions_box.setSizePolicy(policy)
        self.actions_box.hide()
        return self.actions_box

    def selected_score(self) -> SkillScore | None:
        """The selected skill's score, or None."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.score_at(self.proxy.mapToSource(index).row())

    def _show_actions(self, score: SkillScore | None) -> None:
        act = score is not None and score.band == Band.ACT_NOW
        self.actions_box.setVisible(act)
        if score is None or not act:
            return
        prompt = escape(writing_prompt(score))
        self.write_button.setToolTip(
            f"<p>Start today's reflection on this skill with:</p><p><i>{prompt}</i></p>"
        )

    def _write_now(self) -> None:
        self._write_about(self.selected_score())

    def _ask_for_feedback(self) -> None:
        self._ask_about(self.selected_score())

    def _write_about(self, score: SkillScore | None) -> None:
        if score is not None:
            self.write_requested.emit(score.skill_id, writing_title(score), writing_prompt(score))

    def _ask_about(self, score: SkillScore | None) -> None:
        if score is not None:
            self.feedback_requested.emit(score.code)

    def _context_menu(self, pos: QPoint) -> None:
        """The two actions on a top-band row, where the user right-clicked it."""
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        score = self.model.score_at(self.proxy.mapToSource(index).row())
        if score.band != Band.ACT_NOW:
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction("Write about it now", self._write_now)
        menu.addAction("Ask for feedback…", self._ask_for_feedback)
        menu.popup(self.table.viewport().mapToGlobal(pos))

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
        self.focus.set_score(scores[0] if scores else None)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(am.SKILL, min(self.table.columnWidth(am.SKILL), 260))
        self.table.setColumnWidth(am.SCORE, max(self.table.columnWidth(am.SCORE), 110))
        n = len(scores)
        self.status.setText(f"{plural(n, 'skill')} scored" if n else "No skills to score yet")
        self.getting_started.setVisible(bool(scores) and scores[0].getting_started)
        self._show_empty_state(scores, first)
        if selected is not None:
            self.select_skill(selected)
        elif n:
            self.table.selectRow(0)
        for pane in self.panes.values():
            pane.shown = None  # the data changed: every chart is stale
        self.show_current_chart()

    def _show_empty_state(self, scores: list[SkillScore], first: dt.date | None) -> None:
        """Say what this window will show, and how to fill it, while there is nothing yet."""
        rated = any(s.self_rating or s.mentor_rating or s.unanswered for s in scores)
        empty = not scores or (first is None and not rated)
        if not scores:
            self.empty_state.set_text(
                "No skills to look at yet",
                "This window shows the skills you keep putting off, and why. Choose a skills "
                "framework first: the Skills menu has ready-made ones and can import your own.",
            )
        elif empty:
            self.empty_state.set_text(
                "What you keep avoiding will show here",
                "Once you have written a few reflections, this window ranks your "
                f"{plural(len(scores), 'skill')} by how much you put them off, says why, and "
                "draws charts of your reflections and ratings over time. Feedback from your "
                "mentors counts from the first day.",
                "Write your first reflection",
            )
        self.empty_state.stand_in_for(self.tabs, empty=empty)
        self.getting_started.setVisible(self.getting_started.isVisibleTo(self) and not empty)

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
        score = (
            self.model.score_at(self.proxy.mapToSource(current).row())
            if current.isValid()
            else None
        )
        if score is not None:
            self.details.setText(describe_score(score))
        self._show_actions(score)

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
