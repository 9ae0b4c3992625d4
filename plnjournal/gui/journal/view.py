"""The daily journaling view: composes the calendar, the day's reflections, the hard-conversation
panel, the editor and the side panels (skills, commitments), and keeps them on one reflection.

Panels never talk to each other; this view moves them together and tells the window what
changed, so every other view refreshes through the one ``data_changed`` hook.

The view opens light: the calendar, the day's list and the editor read the day with plain
sqlite3 (``core.journal_days``), so typing can start before SQLAlchemy has loaded. The side
panels (skills, commitments) and the hard-conversation panel are made on first use, which the
window makes right after its first paint (``build_panels``): their tabs are in place from the
start, and they show nothing before the journal has loaded anyway. The window then loads
SQLAlchemy off the GUI thread and calls ``finish_loading``, which fills those panels, lets the
autosave run, and starts today's hard-conversation nudge.

The panels' reads and every write go through the background helper (``gui/tasks.py``; writes
in order on its one worker). The day and the open reflection are read over ``db.reading()``,
which never waits for a writer; only leaving a reflection and closing wait for its save.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from plnjournal.core.journal.days import adjacent_day, day_entries
from plnjournal.core.journal.days import open_entry as read_open_entry
from plnjournal.core.journal.reflection_models import load_reflection_models
from plnjournal.errors import PlnError
from plnjournal.gui.journal import entry_writes
from plnjournal.gui.journal.calendar_panel import CalendarPanel
from plnjournal.gui.journal.editor import EntryEditor
from plnjournal.gui.journal.entry_list import EntryListPanel
from plnjournal.gui.journal.record_actions import RecordActions
from plnjournal.gui.muted_label import MutedLabel
from plnjournal.gui.prefs import read_bool, read_int
from plnjournal.lazy import lazy_module
from plnjournal.storage.db import Database

if TYPE_CHECKING:  # for annotations only
    from PySide6.QtGui import QShowEvent

    from plnjournal.core.feedback.inbox import FeedbackRow
    from plnjournal.gui.journal.commitments_panel import CommitmentsPanel
    from plnjournal.gui.journal.feedback_answers import FeedbackAnswers
    from plnjournal.gui.journal.nudge_panel import NudgePanel
    from plnjournal.gui.journal.skills_panel import SkillsPanel
    from plnjournal.gui.tasks import Task

# Off the first paint (docs/performance.md, "Where the start-up deferrals are"): the side
# panels, made right after the first paint (build_panels); the background helper (its
# dialogs' Qt types), first used once the journal has loaded.
commitments_panel = lazy_module("plnjournal.gui.journal.commitments_panel")
feedback_answers = lazy_module("plnjournal.gui.journal.feedback_answers")
nudge_panel = lazy_module("plnjournal.gui.journal.nudge_panel")
skills_panel = lazy_module("plnjournal.gui.journal.skills_panel")
tasks = lazy_module("plnjournal.gui.tasks")

log = logging.getLogger(__name__)

Today = Callable[[], dt.date]
_NUDGE_INPUTS = {"entries", "feedback", "nudges", "skills", "framework", "ratings"}
_ANSWERS_INPUTS = {"feedback", "skills", "framework"}
# The side panel's width when first shown: at least the first, a quarter of a wide window up
# to the second.
SIDE_WIDTH = (330, 520)


class JournalView(QWidget):
    """The journaling page: calendar, day list and editor first; the side panels after the first paint."""

    message = Signal(str)  # for the status bar
    deleted = Signal(str)  # a reflection was deleted (its title), undo is possible

    def __init__(
        self,
        db: Database,
        notify: Callable[..., None],
        today: Today = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._notify = notify
        self._today = today
        self.day = today()
        self._body_changed_since_notice = False
        self._filling: list[Task | None] = []  # the panels' first reads (finish_loading)

        self.calendar = CalendarPanel(db, today)
        self.entries = EntryListPanel(db)
        self.editor = EntryEditor(db)
        # Delete and undo, a reflection about the nudge, commitments: record_actions.py.
        self.records = RecordActions(self)
        self._skills: SkillsPanel | None = None  # these three: build_panels()
        self._commitments: CommitmentsPanel | None = None
        self._nudge: NudgePanel | None = None
        self._answers: FeedbackAnswers | None = None

        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(self.calendar)
        self.left.addWidget(self.entries)
        self.left.setChildrenCollapsible(False)
        self.left.setStretchFactor(1, 1)
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addWidget(self.editor, 1)  # the nudge goes above it: build_panels()
        self._center_layout = center_layout
        self.side = QTabWidget()
        self.side.setAccessibleName("Side panel")
        self._pages = (QWidget(), QWidget())  # the skills and commitments panels' places
        self._page_layouts = tuple(QVBoxLayout(page) for page in self._pages)
        for page, title, box in zip(
            self._pages, ("Skills", "Commitments"), self._page_layouts, strict=True
        ):
            box.setContentsMargins(0, 0, 0, 0)
            self.side.addTab(page, title)
        self._waiting = MutedLabel("Loading skills…")  # what the skills panel says until loaded
        self._page_layouts[0].addWidget(self._waiting, 0, Qt.AlignmentFlag.AlignTop)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([250, 560, SIDE_WIDTH[0]])
        self._split_restored = False  # a remembered split is kept; else fitted when shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

        self.calendar.day_chosen.connect(self.go_to_day)
        self.entries.entry_chosen.connect(self.open_entry)
        self.entries.new_requested.connect(self.new_entry)
        self.entries.delete_requested.connect(self.records.delete_current)
        self.editor.saved.connect(self._saved)

        models, self.model_problems = load_reflection_models()
        self.editor.set_models(models)
        for p in self.model_problems:
            log.warning("reflection model skipped: %s", p)
        self.loaded = False  # until finish_loading(): the day is shown, the panels wait
        self.editor.set_save_ready(False)
        self.go_to_day(self.day)

    # --- the panels made after the first paint ---------------------------------------------

    def build_panels(self) -> None:
        """Make the skills, commitments and hard-conversation panels (once). Called right
        after the first paint, or by whatever needs one of them first."""
        if self._skills is not None:
            return
        self._skills = skills_panel.SkillsPanel(self.db)
        self._commitments = commitments_panel.CommitmentsPanel(self.db, self._today)
        self._nudge = nudge_panel.NudgePanel(self.db, self._today)  # hidden until there is a nudge
        self._waiting.deleteLater()
        for box, panel in zip(self._page_layouts, (self._skills, self._commitments), strict=True):
            box.addWidget(panel)
        self._center_layout.insertWidget(0, self._nudge)
        self._answers = feedback_answers.FeedbackAnswers()  # hidden until there is feedback
        self.editor.set_answers(self._answers)
        self._answers.answers_changed.connect(self._answers_changed)
        self._skills.links_changed.connect(self._links_changed)
        self._skills.comfort_changed.connect(self._comfort_changed)
        self._commitments.changed.connect(lambda: self._notify("commitments"))
        self._commitments.add_requested.connect(self.records.add_commitment)
        self._commitments.from_entry_requested.connect(self.records.commit_from_entry)
        self._nudge.write_requested.connect(self.records.write_about)
        # Appearing above the editor, the nudge must not push the text the user is typing.
        self._nudge.hold_back = lambda: self.editor.typed
        self._nudge.acted.connect(self._nudge_acted)

    @property
    def skills(self) -> SkillsPanel:
        """The skills panel, made now if the first paint has not made it yet."""
        self.build_panels()
        assert self._skills is not None
        return self._skills

    @property
    def answers(self) -> FeedbackAnswers:
        """The editor's "Answers feedback" section, made now if the first paint has not."""
        self.build_panels()
        assert self._answers is not None
        return self._answers

    @property
    def commitments(self) -> CommitmentsPanel:
        """The commitments panel, made now if the first paint has not made it yet."""
        self.build_panels()
        assert self._commitments is not None
        return self._commitments

    @property
    def nudge(self) -> NudgePanel:
        """The hard-conversation panel, made now if the first paint has not made it yet."""
        self.build_panels()
        assert self._nudge is not None
        return self._nudge

    def finish_loading(self, then: Callable[[], None] | None = None) -> None:
        """The journal's writing side has loaded: fill the panels that wait for it, save
        what was typed meanwhile, and start working out today's nudge (once only). ``then``
        runs once the panels show what they read and that save has landed."""
        if not self.loaded:
            self.loaded = True
            self._filling = [self.skills.reload_skills(), self.commitments.refresh()]
            self._show_entry_panels()
            self._filling.append(self.editor.set_save_ready(True))
            self.nudge.refresh()
        if then is not None:
            tasks.after_all(self._filling, then)

    # --- moving around ---------------------------------------------------------------------

    def _leave_entry(self) -> None:
        self.editor.flush()
        if self._nudge is not None:
            self._nudge.release()
        if self._body_changed_since_notice:
            self._body_changed_since_notice = False
            self._notify("entries")

    def go_to_day(self, day: dt.date, entry_id: int | None = None) -> None:
        """Show ``day``: the given reflection, else the day's last one, else a new one."""
        self._leave_entry()
        self.day = day
        self.calendar.show_day(day)
        with self.db.reading() as conn:
            ids = [e.entry_id for e in day_entries(conn, day)]
        if entry_id is None and ids:
            entry_id = ids[-1]
        if entry_id is not None:
            self.editor.open_entry(entry_id)
        else:
            self.editor.open_draft(day)
        self._show_entry_panels()

    def open_entry(self, entry_id: int, day: dt.date | None = None) -> None:
        """Open a reflection (on ``day``, going there first if it is another day)."""
        if day is not None and day != self.day:
            self.go_to_day(day, entry_id)
            return
        if entry_id == self.editor.entry_id:
            return
        self._leave_entry()
        self.editor.open_entry(entry_id)
        self._show_entry_panels()

    def new_entry(self) -> None:
        """Start another reflection on the shown day (saved once it has text)."""
        self._leave_entry()
        self.editor.open_draft(self.day)
        self._show_entry_panels()
        self.focus_editor()

    def step_day(self, days: int) -> None:
        """Go ``days`` days back or forward, written on or not."""
        self.go_to_day(self.day + dt.timedelta(days=days))

    def step_written(self, direction: int) -> None:
        """The nearest earlier/later day that has reflections (skipping empty days)."""
        with self.db.reading() as conn:
            day = adjacent_day(conn, self.day, forward=direction > 0)
        if day is None:
            self.message.emit(
                "No reflections " + ("after" if direction > 0 else "before") + " this day."
            )
            return
        self.go_to_day(day)

    def go_today(self) -> None:
        """Back to today's page (the reflections already written, or a new one)."""
        self.go_to_day(self._today())

    def focus_editor(self) -> None:
        """Put the keyboard in the reflection's text."""
        self.editor.body.setFocus()

    def _show_entry_panels(self) -> None:
        entry_id = self.editor.entry_id
        self.entries.load(self.day, entry_id)
        if not self.loaded:
            return  # finish_loading() shows them
        links: dict[int, int | None] = {}
        comfort = None
        if entry_id is not None:
            with self.db.reading() as conn:
                entry = read_open_entry(conn, entry_id)
            if entry is not None:
                links, comfort = entry.links, entry.comfort
        self.skills.set_entry(links, comfort)
        self.commitments.set_entry(entry_id)
        self.answers.clear()  # the last reflection's items must not show on this one
        self._read_answers(links)

    # --- saving what the panels change -----------------------------------------------------

    def _saved(self, entry_id: int, created: bool) -> None:
        self.entries.load(self.day, entry_id)
        if self.loaded:
            self.commitments.set_entry(entry_id)
        if created:
            self._notify("entries")
        else:
            self._body_changed_since_notice = True

    def _links_changed(self, links: dict[int, int | None]) -> None:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, PlnError):
                self.message.emit(f"Skills not saved: {exc.message}")
            else:
                tasks.show_error(self, exc)

        done = lambda _r: self._notify("entries", "ratings")  # noqa: E731
        self.editor.write(entry_writes.links(links), on_done=done, on_error=failed)
        self._read_answers(links)

    def _read_answers(self, links: dict[int, int | None]) -> None:
        """Show the feedback the open reflection answers, and the open items on its skills.
        Read on the write queue, so it sees the ticks and links queued before it."""
        answers = self.answers
        generation = answers.next_read()
        if self.editor.entry_id is None and not links:
            answers.show_rows([], set(), generation)
            return
        read = entry_writes.answer_choices(set(links))

        def show(found: tuple[list[FeedbackRow], set[int]]) -> None:
            answers.show_rows(found[0], found[1], generation)

        self.editor.write(read, create=False, on_done=show)

    def _answers_changed(self, item_ids: set[int]) -> None:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, PlnError):
                self.message.emit(f"Feedback answers not saved: {exc.message}")
                self._read_answers(self.skills.links())
            else:
                tasks.show_error(self, exc)

        done = lambda _r: self._notify("feedback")  # noqa: E731
        self.editor.write(entry_writes.answers(item_ids), on_done=done, on_error=failed)

    def _comfort_changed(self, comfort: int | None) -> None:
        self.editor.write(entry_writes.comfort(comfort), on_done=lambda _r: self._notify("entries"))

    def flush(self) -> bool:
        """Save what is being typed and wait for it (closing, a restore, the session ending):
        what follows needs it written."""
        ok = self.editor.flush()
        self._tell_body_changed()
        return ok

    def save_later(self, then: Callable[[], None] | None = None) -> None:
        """Save what is being typed on the write worker (Ctrl+S, focus leaving the app);
        ``then`` once it is saved."""

        def saved() -> None:
            self._tell_body_changed()
            if then is not None:
                then()

        self.editor.save_later(then=saved)

    def _tell_body_changed(self) -> None:
        if self._body_changed_since_notice:
            self._body_changed_since_notice = False
            self._notify("entries")

    # --- what the panels report ----------------------------------------------------------

    def _nudge_acted(self, text: str) -> None:
        self.message.emit(text)
        self._notify("nudges")

    def write_about_skill(self, skill_id: int, title: str, prompt: str) -> Task:
        """Start a new reflection today on the skill, with the prompt quoted at the top
        (Insights' "Write about it now")."""
        return self.records.write_prompted(skill_id, title, prompt)

    def _skill_choices(self) -> list[tuple[int, str]]:
        return self.skills.choices()

    # --- refresh after changes anywhere ----------------------------------------------------

    def on_data_changed(self, what: set[str]) -> None:
        """Refresh what shows data that changed (``MainWindow.data_changed``)."""
        if {"entries", "framework"} & what:
            self.calendar.refresh_marks()
            self.entries.load(self.day, self.editor.entry_id)
        if not self.loaded:
            return  # finish_loading() reads the rest as it then is
        if {"skills", "framework"} & what:
            self.skills.reload_skills()
            self.skills.set_entry(self.skills.links(), self.skills.comfort.currentData())
        if {"commitments", "entries", "skills", "framework"} & what:
            self.commitments.refresh()
        if _NUDGE_INPUTS & what:
            self.nudge.refresh()
        if _ANSWERS_INPUTS & what:
            self._read_answers(self.skills.links())

    # --- remembered layout -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """QWidget.showEvent: the first time, with no remembered split, the side panel gets a
        quarter of a wide window (skill names whole at 1920 px), never less than it had."""
        super().showEvent(event)
        if self._split_restored:
            return
        self._split_restored = True
        width, left = self.splitter.width(), self.splitter.sizes()[0]
        side = max(SIDE_WIDTH[0], min(width // 4, SIDE_WIDTH[1]))
        self.splitter.setSizes([left, max(width - left - side, 300), side])

    def save_state(self, settings: QSettings) -> None:
        """Remember the layout (splitters, side tab, preview) in the window's settings."""
        settings.setValue("journal/splitter", self.splitter.saveState())
        settings.setValue("journal/left", self.left.saveState())
        settings.setValue("journal/editor", self.editor.splitter.saveState())
        settings.setValue("journal/side_tab", self.side.currentIndex())
        settings.setValue("journal/side_visible", self.side.isVisible())
        settings.setValue("journal/preview_visible", self.editor.preview_visible())
        settings.setValue("journal/preview_beside", self.editor.preview_beside())

    def restore_state(self, settings: QSettings) -> None:
        """Put back the layout the last session left (missing keys keep the defaults)."""
        for key, splitter in (
            ("journal/splitter", self.splitter),
            ("journal/left", self.left),
            ("journal/editor", self.editor.splitter),
        ):
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)
                self._split_restored |= splitter is self.splitter
        self.side.setCurrentIndex(read_int(settings, "journal/side_tab", 0))
        self.side.setVisible(read_bool(settings, "journal/side_visible", True))
        self.editor.set_preview(
            read_bool(settings, "journal/preview_visible", False),
            read_bool(settings, "journal/preview_beside", True),
        )
