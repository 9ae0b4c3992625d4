"""The Feedback window: the inbox of feedback waiting for a reflection (grouped by skill, newest
first), and all feedback by date, mentor and skill.

Selecting an item shows it in full in the detail pane (``detail.py``: sanitized, wrapped),
with "Respond" under it (also a double-click away). "Respond" writes a reflection
that quotes the item, linked to it and to its skill. "This was praise" records that a comment
read as critical was not (reversible; the item is kept, and a low rating still waits).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.feedback.inbox import (
    FeedbackRow,
    has_feedback,
    list_feedback,
    list_mentors,
    mark_praise,
    respond_to_feedback,
    unanswered_feedback,
)
from plnjournal.core.skills.lookup import list_skills
from plnjournal.gui.empty_state import no_feedback_yet
from plnjournal.gui.feedback.detail import FeedbackDetail, group_html, item_html
from plnjournal.gui.feedback.filter_proxy import FeedbackFilterProxy
from plnjournal.gui.feedback.inbox_model import I_MENTOR, I_RATING, I_WHEN, I_WHY, InboxModel
from plnjournal.gui.feedback.models import (
    F_DATE,
    F_MENTOR,
    F_RATING,
    F_SKILL,
    F_STATE,
    FeedbackListModel,
    order_words,
    praise_notice,
)
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.sort_arrows import sort_arrows
from plnjournal.gui.tasks import ProgressFn, run_in_background
from plnjournal.gui.theme import make_primary
from plnjournal.storage.db import Database


@dataclass(frozen=True)
class _Loaded:
    """What one reload read: the rows, and the filters' choices when they were read too."""

    generation: int
    rows: list[FeedbackRow]
    mentors: list[str] | None = None
    skills: list[tuple[int, str]] | None = None
    imported: bool = True  # any feedback at all, ever (else the panel's empty state shows)


class FeedbackPanel(QWidget):
    """A feedback table with a detail pane; the inbox and the full list are two of these."""

    respond_requested = Signal(int)  # a feedback item id
    praise_requested = Signal(int, bool)  # a feedback item id, and whether it was praise
    loaded = Signal()  # the rows of a reload are in the table
    import_requested = Signal()  # the empty state's action: the feedback import

    def __init__(self, db: Database, *, inbox: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.inbox = inbox
        self.model: FeedbackListModel | InboxModel
        self.table: QTableView | QTreeView
        if inbox:  # grouped by skill, in the one order that keeps the groups whole
            self.model, tree = InboxModel(self), QTreeView()
            tree.setUniformRowHeights(True)
            tree.setExpandsOnDoubleClick(False)  # a double-click responds
            tree.setAllColumnsShowFocus(True)
            self.table, self.header = tree, tree.header()
        else:
            self.model, table = FeedbackListModel(self), QTableView()
            table.setSortingEnabled(True)
            table.verticalHeader().hide()
            self.table, self.header = table, table.horizontalHeader()
            sort_arrows(self.header, order_words)
        self.proxy = FeedbackFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Feedback inbox" if inbox else "All feedback")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.doubleClicked.connect(self._double_clicked)
        self.detail = FeedbackDetail()
        self.respond_button = QPushButton("Respond with a reflection…")
        make_primary(self.respond_button)  # what the inbox is for
        self.respond_button.setToolTip(
            "Write a reflection that quotes this feedback; it is linked to the item and its skill."
        )
        self.respond_button.clicked.connect(self._respond)
        self.praise_button = QPushButton("Not praise after all")
        self.praise_button.setMinimumWidth(self.praise_button.sizeHint().width())  # both texts
        self.praise_button.setText("This was praise")
        self.praise_button.clicked.connect(self._toggle_praise)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        # What the last "This was praise" did, with a way to take it back.
        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # mentor names: never markup
        self.notice.setWordWrap(True)
        self.undo_button = QPushButton("Undo")
        self.undo_button.clicked.connect(self._undo)
        self._undo_request: tuple[int, bool] | None = None
        notice_bar = QWidget()
        notice_layout = QHBoxLayout(notice_bar)
        notice_layout.setContentsMargins(0, 0, 0, 0)
        notice_layout.addWidget(self.notice, 1)
        notice_layout.addWidget(self.undo_button)
        self.notice_bar = notice_bar
        self.notice_bar.hide()
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        filters = QHBoxLayout()
        self.mentor_combo = QComboBox()
        self.mentor_combo.setAccessibleName("Mentor")
        self.skill_combo = QComboBox()
        self.skill_combo.setAccessibleName("Skill")
        self.search = QLineEdit()
        self.search.setAccessibleName("Search feedback")
        self.search.setPlaceholderText("Search comments, mentors, skills")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.search.textChanged.connect(lambda _t: self._open_groups())
        if not inbox:
            filters.addWidget(QLabel("Mentor:"))
            filters.addWidget(self.mentor_combo)
            filters.addWidget(QLabel("Skill:"))
            filters.addWidget(self.skill_combo, 1)
            self.mentor_combo.currentIndexChanged.connect(lambda _i: self.reload())
            self.skill_combo.currentIndexChanged.connect(lambda _i: self.reload())
        filters.addWidget(self.search, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.praise_button)
        buttons.addStretch(1)
        buttons.addWidget(self.respond_button)
        right_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.notice_bar)
        layout.addWidget(split, 1)
        self.split, self.empty_state = split, no_feedback_yet(self.import_requested.emit)
        layout.addWidget(self.empty_state, 1)  # nothing ever imported: says so, offers it
        self._filling = False
        self._generation = 0  # results of older reloads are dropped
        self.reload()

    def reload(self, *, refresh_filters: bool = False) -> None:
        """Read the panel's feedback off the GUI thread (and the filters' mentors and skills,
        the first time or when asked); the table follows when the rows are in."""
        if self._filling:
            return
        db, inbox = self.db, self.inbox
        fill = not inbox and (refresh_filters or self.mentor_combo.count() == 0)
        mentor, skill_id = self.mentor_combo.currentData(), self.skill_combo.currentData()
        self._generation += 1
        generation = self._generation

        def read(_progress: ProgressFn) -> _Loaded:
            with db.session() as session:
                imported = has_feedback(session)
                if inbox:
                    return _Loaded(generation, unanswered_feedback(session), imported=imported)
                if not fill:
                    rows = list_feedback(session, mentor=mentor, skill_id=skill_id)
                    return _Loaded(generation, rows, imported=imported)
                mentors = list_mentors(session)
                skills = [(s.id, f"{s.code} {s.name}") for s in list_skills(session)]
                # A mentor or skill that is gone falls back to "All", as the combo box will.
                chosen_mentor = mentor if mentor in mentors else None
                chosen_skill = skill_id if skill_id in {i for i, _ in skills} else None
                rows = list_feedback(session, mentor=chosen_mentor, skill_id=chosen_skill)
                return _Loaded(generation, rows, mentors, skills, imported)

        run_in_background(self, read, on_success=self._loaded)

    def _loaded(self, loaded: _Loaded) -> None:
        if loaded.generation != self._generation:
            return  # a newer reload is on its way
        selected = self.current_item()
        shown = self.shown_items()
        current = self.table.currentIndex().siblingAtColumn(0)
        at = shown.index(current) if current in shown else -1
        if loaded.mentors is not None and loaded.skills is not None:
            self._fill_filters(loaded.mentors, loaded.skills)
        rows = loaded.rows
        self.model.set_rows(rows)
        if self.inbox:
            self._open_groups()
        elif self.proxy.sortColumn() < 0:
            self.table.sortByColumn(F_DATE, Qt.SortOrder.DescendingOrder)
        self._size_columns()
        self.empty.setText(
            (
                "Nothing is waiting: every low rating and critical comment has a reflection "
                "that responds to it."
                if self.inbox
                else "No mentor feedback yet. Import a file with Feedback › Import feedback…"
            )
            if not rows
            else ""
        )
        self.empty.setVisible(not rows)
        self.empty_state.stand_in_for(self.split, self.search, empty=not loaded.imported)
        self.select_item(selected.id if selected else None, fallback_row=at)
        self.loaded.emit()

    def _fill_filters(self, mentors: list[str], skills: list[tuple[int, str]]) -> None:
        self._filling = True
        mentor, skill = self.mentor_combo.currentData(), self.skill_combo.currentData()
        self.mentor_combo.clear()
        self.mentor_combo.addItem("All mentors", None)
        for name in mentors:
            self.mentor_combo.addItem(name or "(no name)", name)
        self.skill_combo.clear()
        self.skill_combo.addItem("All skills", None)
        for skill_id, text in skills:
            self.skill_combo.addItem(text, skill_id)
        self.mentor_combo.setCurrentIndex(max(self.mentor_combo.findData(mentor), 0))
        self.skill_combo.setCurrentIndex(max(self.skill_combo.findData(skill), 0))
        self._filling = False

    def _open_groups(self) -> None:
        """Every skill's group open, its name and count across the row (after each filter)."""
        tree = self.table
        if not isinstance(tree, QTreeView):
            return
        tree.expandAll()
        for r in range(self.proxy.rowCount()):
            tree.setFirstColumnSpanned(r, QModelIndex(), True)

    def _size_columns(self) -> None:
        fm = self.table.fontMetrics()
        em, pad = fm.horizontalAdvance("M"), 18
        if self.inbox:
            indent = self.table.indentation() if isinstance(self.table, QTreeView) else 0
            widths = {
                I_WHEN: fm.horizontalAdvance("30 Sep 2026") + pad + 2 * indent,
                I_MENTOR: 9 * em,
                I_RATING: fm.horizontalAdvance("Rating") + pad,
                I_WHY: 11 * em,
            }
        else:
            widths = {
                F_DATE: fm.horizontalAdvance("30 Sep 2026") + pad,
                F_MENTOR: 8 * em,
                # Whole skill names where there is room (a few dozen skills at most).
                F_SKILL: max(
                    14 * em,
                    min(
                        max(
                            (
                                fm.horizontalAdvance(f"{r.skill_code} {r.skill_name}")
                                for r in self.model.rows[:2000]
                            ),
                            default=0,
                        )
                        + pad,
                        self.table.viewport().width() // 3,
                    ),
                ),
                F_RATING: fm.horizontalAdvance("Rating") + pad,
                F_STATE: fm.horizontalAdvance("marked as praise") + pad,
            }
        for col, width in widths.items():
            self.table.setColumnWidth(col, width)
        if isinstance(self.table, QTableView):
            self.table.verticalHeader().setDefaultSectionSize(fm.height() + 8)

    def shown_items(self) -> list[QModelIndex]:
        """The items as shown, top to bottom (column 0 of the view's model); not the inbox's
        skill rows."""
        proxy = self.proxy
        tops = [proxy.index(r, 0) for r in range(proxy.rowCount())]
        if not self.inbox:
            return tops
        return [proxy.index(r, 0, top) for top in tops for r in range(proxy.rowCount(top))]

    def current_item(self) -> FeedbackRow | None:
        """The selected item, through the sort and filter, or None (none, or a skill's row)."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index))

    def select_item(self, item_id: int | None, *, fallback_row: int = -1) -> None:
        """Select an item by id after a reload (the first item for None); when it has left
        the list (answered, marked praise), the one that took its place."""
        shown = self.shown_items()
        for index in shown:
            row = self.model.row_at(self.proxy.mapToSource(index))
            if item_id is None or (row is not None and row.id == item_id):
                self.table.setCurrentIndex(index)
                self._show_current()
                return
        if shown and fallback_row >= 0:
            self.table.setCurrentIndex(shown[min(fallback_row, len(shown) - 1)])
        self._show_current()

    def _double_clicked(self, index: QModelIndex) -> None:
        """An item: respond to it. A skill's row: open or close its group."""
        if self.current_item() is not None:
            self._respond()
        elif isinstance(self.table, QTreeView):
            first = index.siblingAtColumn(0)
            self.table.setExpanded(first, not self.table.isExpanded(first))

    def _show_current(self) -> None:
        row = self.current_item()
        if row is None:
            group = None
            if isinstance(self.model, InboxModel):
                source = self.proxy.mapToSource(self.table.currentIndex())
                group = self.model.group_at(source.siblingAtColumn(0))
            self.detail.setHtml(group_html(group) if group is not None else "")
            self.respond_button.setEnabled(False)
            self.praise_button.setEnabled(False)
            return
        self.detail.setHtml(item_html(row))
        self.respond_button.setEnabled(not row.answered)
        self._label_praise(row)

    def _label_praise(self, row: FeedbackRow) -> None:
        """The praise button says what it would do to this item, and why it cannot."""
        button = self.praise_button
        if row.praise_marked:
            button.setText("Not praise after all")
            button.setToolTip("The comment counts as asking for change again.")
        else:
            button.setText("This was praise")
            button.setToolTip(
                "The comment was not critical: it stops asking for a reflection. The item is "
                "kept, a rating below target still counts, and you can take this back."
                if row.cues
                else "This comment was not read as critical."
            )
        button.setEnabled(row.praise_marked or bool(row.cues))

    def _respond(self) -> None:
        row = self.current_item()
        if row is not None and not row.answered:
            self.respond_requested.emit(row.id)

    def _toggle_praise(self) -> None:
        row = self.current_item()
        if row is not None and (row.praise_marked or row.cues):
            self.praise_requested.emit(row.id, not row.praise_marked)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        row = self.current_item()
        if row is None:
            return
        menu = QMenu(self)
        respond = menu.addAction(self.respond_button.text())
        respond.setEnabled(self.respond_button.isEnabled())
        respond.triggered.connect(self._respond)
        praise = menu.addAction(self.praise_button.text())
        praise.setEnabled(self.praise_button.isEnabled())
        praise.triggered.connect(self._toggle_praise)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def show_praise_notice(self, row: FeedbackRow) -> None:
        """Say what marking (or unmarking) did, with Undo: in the inbox the item leaves."""
        self.notice.setText(praise_notice(row, inbox=self.inbox))
        self._undo_request = (row.id, not row.praise_marked)
        self.notice_bar.show()

    def _undo(self) -> None:
        if self._undo_request is not None:
            self.praise_requested.emit(*self._undo_request)
            self._undo_request = None
            self.notice_bar.hide()


class FeedbackWindow(QWidget):
    """Inbox and all feedback, as tabs of one window."""

    responded = Signal(int, object)  # entry id, its date
    praise_changed = Signal(int)  # a feedback item id, marked as praise or unmarked
    import_requested = Signal()  # an empty panel's "Import feedback…"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle("Mentor feedback")
        self.setObjectName("feedbackWindow")
        self.inbox = FeedbackPanel(db, inbox=True)
        self.all = FeedbackPanel(db, inbox=False)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.inbox, "Inbox")
        self.tabs.addTab(self.all, "All feedback")
        for panel in (self.inbox, self.all):
            panel.respond_requested.connect(self.respond)
            panel.import_requested.connect(self.import_requested)
            panel.praise_requested.connect(
                lambda item_id, praise, panel=panel: self.mark_praise(item_id, praise, panel)
            )
        self.inbox.loaded.connect(self._update_titles)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        remember_geometry(self, "feedback", (1000, 620))
        self._update_titles()

    def _update_titles(self) -> None:
        n = len(self.inbox.model.rows)
        self.tabs.setTabText(0, f"Inbox ({n})" if n else "Inbox")

    def reload(self) -> None:
        """Read both lists again (the inbox's tab title follows when it is in)."""
        self.inbox.reload()
        self.all.reload(refresh_filters=True)

    def show_tab(self, inbox: bool) -> None:
        """Show the inbox or the full list."""
        self.tabs.setCurrentWidget(self.inbox if inbox else self.all)

    def respond(self, item_id: int) -> None:
        """Write the responding reflection (quoting the item) off the GUI thread, then tell
        the window."""
        db = self.db

        def write(_progress: ProgressFn) -> tuple[int, dt.date | None]:
            with db.session() as session:
                entry = respond_to_feedback(session, item_id)
                day = entry.entry_date
                return entry.id, day if isinstance(day, dt.date) else None

        run_in_background(self, write, on_success=self._responded, writes=True)

    def mark_praise(self, item_id: int, praise: bool, panel: FeedbackPanel | None = None) -> None:
        """Record (or take back) "this was praise" off the GUI thread; the panel that asked
        says what it did, and both lists are read again."""
        db = self.db

        def write(_progress: ProgressFn) -> FeedbackRow:
            with db.session() as session:
                return mark_praise(session, item_id, praise)

        def done(row: FeedbackRow) -> None:
            if panel is not None:
                panel.show_praise_notice(row)
            self.reload()
            self.praise_changed.emit(row.id)

        run_in_background(self, write, on_success=done, writes=True)

    def _responded(self, written: tuple[int, dt.date | None]) -> None:
        self.reload()
        self.responded.emit(*written)
