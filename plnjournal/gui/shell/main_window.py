"""The main window: composes the journaling view and the features' menus, does little itself.

Features (skills matrix, feedback import, insights, backups, …) live in their own modules and
plug in through ``FEATURES``: each has ``install(window)`` which adds its actions to
``window.menu(...)``. Feature modules stay light at import; they name heavy things (matplotlib,
importers, dialogs) with ``plnjournal.lazy.lazy_module``, so start-up stays fast.

The window shows the day before SQLAlchemy has loaded (see ``journal_view``); right after its
first paint it loads SQLAlchemy and the core on a worker thread (``load_journal``), then fills
the panels that wait for it (their reads, off the GUI thread too) and emits ``loaded``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QPushButton

from plnjournal.gui import late_types, theme
from plnjournal.gui.journal.calendar_panel import pick_date
from plnjournal.gui.journal.editor import HIGHLIGHT_SHORTCUT
from plnjournal.gui.journal.view import JournalView
from plnjournal.gui.plain import plain_label
from plnjournal.gui.prefs import app_settings, fit_to_screen
from plnjournal.lazy import lazy_module
from plnjournal.storage.db import Database

if TYPE_CHECKING:  # for annotations (a close event's type: its set-up cost the start)
    from PySide6.QtGui import QCloseEvent

    from plnjournal.gui.journal.search_dialog import SearchDialog
    from plnjournal.gui.shell.reminder import DailyReminder
    from plnjournal.gui.tasks import Task

# Off the first paint (docs/performance.md, "Where the start-up deferrals are"): the background
# helper (its dialogs' Qt types), the reminder and the reflection language, used once the
# journal has loaded; the search dialog (SQLAlchemy through the core's search), when first opened.
tasks = lazy_module("plnjournal.gui.tasks")
reminder = lazy_module("plnjournal.gui.shell.reminder")
journal_language = lazy_module("plnjournal.gui.shell.journal_language")
search_dialog = lazy_module("plnjournal.gui.journal.search_dialog")
about_dialog = lazy_module("plnjournal.gui.shell.about_dialog")  # Help ▸ About, when asked
icons = lazy_module("plnjournal.gui.icons")  # QIcon, QPixmap: after the first paint

log = logging.getLogger(__name__)

# Menus in the order they appear in the menu bar.
MENUS = ("&File", "&Edit", "&View", "&Journal", "&Skills", "&Feedback", "&Insights", "&Help")

# Feature modules, each with ``install(window: MainWindow) -> None``.
FEATURES: tuple[str, ...] = (
    "plnjournal.gui.skills.feature",
    "plnjournal.gui.report.feature",
    "plnjournal.gui.shell.backups_feature",
    "plnjournal.gui.privacy.feature",
    "plnjournal.gui.journal.trash_feature",
    "plnjournal.gui.journal_io.transfer",
    "plnjournal.gui.feedback.feature",
    "plnjournal.gui.insights.feature",
    "plnjournal.gui.programme.feature",
)

UNDO_VISIBLE_MS = 20_000

# What the panels and the autosave use (SQLAlchemy through the core's services): imported by
# ``prepare_orm`` on a worker thread after the first paint, never by the GUI thread.
ORM_MODULES = (
    "plnjournal.core.insights.nudges",
    "plnjournal.core.journal.commitments",
    "plnjournal.core.journal.entries",
    "plnjournal.core.journal.settings",
    "plnjournal.core.skills.lookup",
)


def prepare_orm(db: Database) -> None:
    """Import SQLAlchemy and what the panels and the autosave use, and make the journal's
    engine and sessions (a second or so on a slow machine; run off the GUI thread)."""
    for name in ORM_MODULES:
        importlib.import_module(name)
    with db.session() as s:
        s.connection()  # the first connection applies the journal's pragmas


class MainWindow(QMainWindow):
    """The app's one window: menus, status bar and the journaling view; features add their menus."""

    # Emitted after a change to the journal, with what changed: any of "entries", "skills",
    # "framework", "ratings", "feedback", "commitments", "nudges", "settings". Every view that
    # shows such data refreshes itself on it (one hook, many listeners).
    data_changed = Signal(set)
    # Emitted once the first frame with the day's text has been drawn: the rest loads then.
    first_painted = Signal()
    # Emitted once the journal's writing side has loaded and every panel shows its data.
    loaded = Signal()

    def __init__(self, db: Database, *, today: Callable[[], dt.date] | None = None) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle("PLN Journal")
        self.setObjectName("mainWindow")
        self._menus: dict[str, QMenu] = {}
        for title in MENUS:
            self._menus[title.replace("&", "").lower()] = self.menuBar().addMenu(title)
        self.journal = JournalView(db, self.notify_changed, today or dt.date.today, self)
        self.setCentralWidget(self.journal)
        self.data_changed.connect(self.journal.on_data_changed)
        self._search: SearchDialog | None = None  # made when first opened
        self._build_status_bar()
        self.reminder: DailyReminder | None = None  # made once the journal has loaded
        self._reminder_read: Task | None = None  # its first read of the reminder time
        self._language_read: Task | None = None  # the first read of the reflection language
        self.is_loaded = False
        self._loading = False
        self.actions_by_name: dict[str, QAction] = {}
        self._build_actions()
        fit_to_screen(self, 1100, 750)  # until _restore_state finds a remembered size
        for name in FEATURES:
            importlib.import_module(name).install(self)
        self.menu("file").addSeparator()
        self._action("file", "quit", "&Quit", self.close, "Ctrl+Q")
        self.journal.editor.body.reserve_shortcuts(
            [a.shortcut() for a in self.menu_actions() if not a.shortcut().isEmpty()]
        )
        self._restore_state()
        self.journal.message.connect(self.show_message)
        self.journal.deleted.connect(self._deleted)
        for problem in self.journal.model_problems[:1]:
            self.show_message(f"A reflection model file was skipped: {problem}")
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._app_state_changed)
            app.commitDataRequest.connect(lambda _m: self.journal.flush())
        self.journal.focus_editor()
        # The first paint of the editor starts loading the rest (nothing competes with it).
        self.journal.editor.body.first_painted.connect(
            lambda: QTimer.singleShot(0, self.first_painted.emit)  # once the frame is done
        )
        self.first_painted.connect(self.load_journal)
        self.first_painted.connect(self._finish_chrome)

    # --- loading after the first paint -----------------------------------------------------

    def _finish_chrome(self) -> None:
        """The app style (no stock icons on dialog buttons, primary buttons) and the icon set's
        icons on the day's arrows and the list and link buttons, set after the first paint:
        their Qt types cost the start (docs/performance.md)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.use_app_style(app)
        calendar, buttons = self.journal.calendar, self.journal.editor.format_buttons
        for button, name in (
            (calendar.prev_button, "previous"),
            (calendar.next_button, "next"),
            (buttons[3], "list"),
            (buttons[4], "link"),
        ):
            icons.set_icon(button, name)
        for arrow in (calendar.prev_button, calendar.next_button):
            arrow.setText("")  # the icon says it; the accessible name says it in words

    def load_journal(self) -> None:
        """Load SQLAlchemy and the core off the GUI thread, then fill the waiting panels."""
        if self._loading or self.is_loaded:
            return
        self._loading = True
        self.journal.build_panels()  # their tabs are placed; they fill once loaded
        db = self.db
        tasks.run_in_background(
            self,
            lambda _progress: prepare_orm(db),
            on_success=lambda _r: self.load_now(),
            on_failure=self._load_failed,
        )

    def load_now(self) -> None:
        """Finish loading here and now (at once if the worker has done its part); ``loaded``
        follows once the panels show what they read."""
        self._loading = True
        if self.is_loaded:
            return
        prepare_orm(self.db)
        self.reminder = reminder.DailyReminder(self.db, self, load=False)
        self._reminder_read = self.reminder.reload()
        self._language_read = journal_language.read_language(
            self, self.db, self.journal.editor.depth_line.set_language
        )
        self.is_loaded = True
        read = [self._reminder_read, self._language_read]
        self.journal.finish_loading(then=lambda: tasks.after_all(read, self.loaded.emit))

    def _load_failed(self, exc: BaseException) -> None:
        tasks.show_error(self, exc)  # a busy or unreadable journal: said, then tried again
        self._loading = False
        QTimer.singleShot(5000, self.load_journal)

    def menu(self, name: str) -> QMenu:
        """The menu called ``name`` ("file", "edit", "view", "journal", "skills", "feedback",
        "insights", "help")."""
        return self._menus[name.lower()]

    def menu_actions(self) -> list[QAction]:
        """Every action of the menu bar (cheaper than searching the whole widget tree)."""
        return [a for menu in self._menus.values() for a in menu.actions() if not a.isSeparator()]

    def notify_changed(self, *what: str) -> None:
        """Tell every view what changed in the journal (``data_changed``)."""
        self.data_changed.emit(set(what))

    # --- actions ---------------------------------------------------------------------------

    def _action(
        self,
        menu: str,
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | None = None,
        *,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(lambda *_: slot())
        self.menu(menu).addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        j, editor = self.journal, self.journal.editor
        body = editor.body
        self._action("file", "save", "&Save now", self.save_now, "Ctrl+S")
        self._action("file", "reminder", "Daily &reminder…", self._edit_reminder)
        self._action("file", "language", "Reflection &language…", self._edit_language)

        self.undo_delete_action = self._action(
            "edit", "undo_delete", "&Undo delete", j.records.undo_delete
        )
        self.undo_delete_action.setEnabled(False)
        self.menu("edit").addSeparator()
        self._action("edit", "bold", "&Bold", lambda: body.wrap_selection("**"), "Ctrl+B")
        self._action("edit", "italic", "&Italic", lambda: body.wrap_selection("_"), "Ctrl+I")
        self._action("edit", "heading", "&Heading", body.toggle_heading, "Ctrl+Shift+H")
        self._action("edit", "list", "&List", body.toggle_list, "Ctrl+Shift+L")
        self._action("edit", "link", "Lin&k", body.insert_link, "Ctrl+K")
        self.menu("edit").addSeparator()
        self._action("edit", "search", "&Search reflections…", self.open_search, "Ctrl+F")

        self.preview_action = self._action(
            "view", "preview", "&Preview", self.toggle_preview, "Ctrl+P", checkable=True
        )
        self.beside_action = self._action(
            "view",
            "preview_beside",
            "Preview &beside the text",
            self._preview_beside,
            checkable=True,
        )
        self.side_action = self._action(
            "view", "side_panel", "&Skills and commitments panel", self._toggle_side, checkable=True
        )

        self._action("journal", "new", "&New reflection", j.new_entry, "Ctrl+N")
        self._action("journal", "delete", "&Delete reflection", j.records.delete_current)
        self.highlight_action = self._action(
            "journal",
            "highlight",
            "&Highlight",
            editor.highlight.toggle,
            HIGHLIGHT_SHORTCUT,
            checkable=True,
        )
        self.highlight_action.setStatusTip("A highlight is shown in full in the progress report")
        editor.highlight.toggled.connect(self.highlight_action.setChecked)
        self.menu("journal").addSeparator()
        self._action("journal", "previous_day", "&Previous day", lambda: j.step_day(-1), "Alt+Left")
        self._action("journal", "next_day", "Ne&xt day", lambda: j.step_day(1), "Alt+Right")
        self._action(
            "journal",
            "previous_written",
            "Previous day &with reflections",
            lambda: j.step_written(-1),
            "Alt+Up",
        )
        self._action(
            "journal",
            "next_written",
            "Next day with r&eflections",
            lambda: j.step_written(1),
            "Alt+Down",
        )
        self._action("journal", "today", "&Today", j.go_today, "Ctrl+T")
        self._action("journal", "go_to", "&Go to date…", self.go_to_date, "Ctrl+G")
        self.menu("journal").addSeparator()
        self._action("journal", "add_commitment", "Add &commitment…", j.records.add_commitment)
        self._action(
            "journal",
            "commit_from_entry",
            "Commitments from this &reflection…",
            j.records.commit_from_entry,
        )
        self._action("help", "shortcuts", "&Keyboard shortcuts", self._show_shortcuts, "F1")
        self._action("help", "about", "&About PLN Journal", self.show_about)

    def _build_status_bar(self) -> None:
        self.status_text = plain_label()  # messages name reflections and files
        self.status_text.setAccessibleName("Status")
        self.undo_button = QPushButton("Undo")
        self.undo_button.setAccessibleName("Undo delete")
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.journal.records.undo_delete)
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.undo_button)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self.undo_button.hide)

    def show_message(self, text: str) -> None:
        """Say ``text`` in the status bar (the undo button goes once nothing is left to undo)."""
        self.status_text.setText(text)
        self.undo_delete_action.setEnabled(self.journal.records.can_undo_delete())
        if not self.journal.records.can_undo_delete():
            self.undo_button.hide()

    def _deleted(self, title: str) -> None:
        self.show_message(f"Deleted “{title}”.")
        self.undo_button.show()
        self._undo_timer.start(UNDO_VISIBLE_MS)

    # --- slots -----------------------------------------------------------------------------

    def save_now(self) -> None:
        """Save the open reflection now (Ctrl+S), on the write worker; says so once saved."""
        self.journal.save_later(then=lambda: self.show_message("Saved."))

    def toggle_preview(self) -> None:
        """View ▸ Preview: show or hide the rendered reflection."""
        editor = self.journal.editor
        editor.set_preview(not editor.preview_visible(), editor.preview_beside())
        self._sync_view_actions()
        if not editor.preview_visible() or editor.preview_beside():
            self.journal.focus_editor()

    def _preview_beside(self) -> None:
        editor = self.journal.editor
        editor.set_preview(editor.preview_visible(), self.beside_action.isChecked())
        self._sync_view_actions()

    def _toggle_side(self) -> None:
        self.journal.side.setVisible(self.side_action.isChecked())

    def _sync_view_actions(self) -> None:
        editor = self.journal.editor
        self.preview_action.setChecked(editor.preview_visible())
        self.beside_action.setChecked(editor.preview_beside())
        self.side_action.setChecked(not self.journal.side.isHidden())

    def open_search(self) -> None:
        """Show the search dialog (one per window: it keeps its query between uses)."""
        search = self._search
        if search is None:
            search = self._search = search_dialog.SearchDialog(self.db, self)
            search.open_entry.connect(self._open_found)
            self.data_changed.connect(
                lambda what: search.reload_skills() if {"skills", "framework"} & what else None
            )
        search.show()
        search.raise_()
        search.activateWindow()

    def _open_found(self, entry_id: int, day: dt.date) -> None:
        self.journal.open_entry(entry_id, day)
        self.activateWindow()
        self.journal.focus_editor()

    def go_to_date(self) -> None:
        """Jump to a day picked in a small calendar dialog (Ctrl+G)."""
        day = pick_date(self, "Go to date", self.journal.day, act="Go")
        if day is not None:
            self.journal.go_to_day(day)
            self.journal.focus_editor()

    def _edit_reminder(self) -> None:
        self.load_now()  # the reminder is read with the rest of the journal
        daily = self.reminder
        assert daily is not None  # made by load_now()
        # The dialog starts from the time as read (at once, unless the read is still going).
        tasks.after_all(
            [self._reminder_read],
            lambda: reminder.edit_reminder(self, daily, on_stored=self._reminder_stored),
        )

    def _reminder_stored(self, when: dt.time | None) -> None:
        self.notify_changed("settings")
        self.show_message(
            f"Daily reminder at {when:%H:%M}." if when else "Daily reminder turned off."
        )

    def _edit_language(self) -> None:
        self.load_now()  # the language is read with the rest of the journal
        line = self.journal.editor.depth_line
        tasks.after_all(
            [self._language_read],
            lambda: journal_language.edit_language(
                self, self.db, line.language, on_stored=self._language_stored
            ),
        )

    def _language_stored(self, language: str | None) -> None:
        self.journal.editor.depth_line.set_language(language)
        self.notify_changed("settings")
        self.show_message(journal_language.stored_message(language))

    def show_about(self) -> None:
        """Help ▸ About: version, data folder, licence, diagnostics to copy."""
        about_dialog.AboutDialog(self, self.db.path).exec()

    def _show_shortcuts(self) -> None:
        lines = []
        for action in self.menu_actions():
            if not action.shortcut().isEmpty() and action.text():
                key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                lines.append(
                    f"<tr><td><b>{key}</b></td><td>{action.text().replace('&', '')}</td></tr>"
                )
        late_types.QMessageBox.information(
            self,
            "Keyboard shortcuts",
            "<table cellspacing=4>" + "".join(sorted(lines)) + "</table>",
        )

    # --- state, focus, closing -------------------------------------------------------------

    def _app_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.journal.save_later()

    def _restore_state(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.journal.restore_state(settings)
        self._sync_view_actions()

    def save_state(self) -> None:
        """Remember the window's geometry and layout for the next start."""
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        self.journal.save_state(settings)
        settings.sync()

    def changeEvent(self, event: QEvent) -> None:
        """QWidget.changeEvent: leaving the window saves what is typed."""
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.journal.save_later()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save and close without asking; only a failed save (disk full…) is worth a question."""
        if not self.journal.flush():
            QMessageBox = late_types.QMessageBox
            text = self.journal.editor.body.toPlainText()
            QGuiApplication.clipboard().setText(text)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Not saved",
                f"{self.journal.editor.status_text()}\n\nYour text is on the clipboard.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self,
            )
            box.button(QMessageBox.StandardButton.Yes).setText("Quit without saving")
            box.button(QMessageBox.StandardButton.No).setText("Keep the window open")
            box.setDefaultButton(QMessageBox.StandardButton.No)
            if box.exec() != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.save_state()
        event.accept()
