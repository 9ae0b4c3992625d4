"""File ▸ Programme… and the programme's status line: a journal in a programme syncs on
start and every few minutes while open, off the GUI thread; without a programme nothing
shows and nothing of programme mode loads beyond this module."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction

from plnjournal.errors import PlnError
from plnjournal.gui.plain import plain_label
from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    from plnjournal.gui.programme.comments_line import CommentsLine
    from plnjournal.gui.programme.share_toggle import ShareToggle
    from plnjournal.gui.shell.main_window import MainWindow
    from plnjournal.programme.state import ProgrammeState
    from plnjournal.programme.sync import SyncResult

# All off the window's start (docs/performance.md, "Where the start-up deferrals are"): the
# journal's programme settings, read once the journal has loaded; the sync (psycopg), only
# for a journal in a programme; the dialog and the share toggle, when first needed.
tasks = lazy_module("plnjournal.gui.tasks")
state_module = lazy_module("plnjournal.programme.state")
sync_module = lazy_module("plnjournal.programme.sync")
connection = lazy_module("plnjournal.programme.connection")
dialog_module = lazy_module("plnjournal.gui.programme.dialog")
share_toggle = lazy_module("plnjournal.gui.programme.share_toggle")
comments_line = lazy_module("plnjournal.gui.programme.comments_line")
logs = lazy_module("plnjournal.logs")

log = logging.getLogger(__name__)

SYNC_EVERY_MS = 5 * 60 * 1000
CLOCK_MS = 30 * 1000  # how often "synced 2 min ago" is brought up to date


def ago(when: dt.datetime, now: dt.datetime) -> str:
    """ "just now", "12 min ago", "3 h ago", or the day."""
    minutes = int((now - when).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    if minutes < 24 * 60:
        return f"{minutes // 60} h ago"
    return f"on {when.date().isoformat()}"


class ProgrammeLink(QObject):
    """The window's link to its programme: the status line, the periodic sync, the toggle."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.label = plain_label()
        self.label.setObjectName("programmeStatus")
        self.label.setAccessibleName("Programme sync")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.state: ProgrammeState | None = None
        self.result: SyncResult | None = None
        self.problem = ""
        self.syncing = False
        # Typed in File ▸ Programme… when there is no keyring: kept for this session only.
        self.password: str | None = None
        self.toggle: ShareToggle | None = None
        self.comments: CommentsLine | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_EVERY_MS)
        self.timer.timeout.connect(self.sync_now)
        self.clock = QTimer(self)
        self.clock.setInterval(CLOCK_MS)
        self.clock.timeout.connect(self.show_status)
        window.loaded.connect(lambda: self.read_state(sync=True))

    def read_state(self, *, sync: bool = False) -> None:
        """Read the journal's programme settings; sync after when asked and connected."""
        tasks.run_in_background(
            self.window,
            lambda _p: state_module.read_state(self.window.db),
            on_success=lambda state: self._got_state(state, sync),
            on_failure=lambda exc: log.warning(
                "programme state unreadable: %s %s", type(exc).__name__, logs.error_words(exc)
            ),
        )

    def _got_state(self, state: ProgrammeState, sync: bool) -> None:
        self.state = state
        if not state.connected:
            self.label.hide()
            self.timer.stop()
            self.clock.stop()
            if self.toggle is not None:
                self.toggle.hide()
            if self.comments is not None:
                self.comments.hide()
            return
        if self.toggle is None:
            self.toggle = share_toggle.ShareToggle(self.window, after_change=self.sync_now)
        if self.comments is None:
            self.comments = comments_line.CommentsLine(self.window)
        self.toggle.show()
        self.label.show()
        self.timer.start()
        self.clock.start()
        self.show_status()
        if sync:
            self.sync_now()

    def sync_now(self) -> None:
        """Sync on a worker (the network wait never touches the GUI thread)."""
        if self.syncing or self.state is None or not self.state.connected:
            return
        self.syncing = True
        self.show_status()
        # On the reading pool: a server that is slow to answer must not hold the editor's
        # saves back; the sync's own writes are short transactions of their own.
        tasks.run_in_background(
            self.window,
            lambda _p: sync_module.sync(self.window.db, password=self.password),
            on_success=self._synced,
            on_failure=self._failed,
        )

    def _synced(self, result: SyncResult) -> None:
        self.syncing = False
        self.result, self.problem = result, ""
        if result.feedback or result.comments:
            self.window.notify_changed("feedback", "ratings")
        if result.unshared and self.toggle is not None:
            self.toggle.reload()
        if result.comments and self.comments is not None:
            self.comments.reload()
        self.read_state()

    def _failed(self, exc: BaseException) -> None:
        self.syncing = False
        if isinstance(exc, connection.PasswordNeeded):
            self.problem = "password needed (File ▸ Programme…)"
        elif isinstance(exc, PlnError):
            self.problem = exc.message
        else:
            logs.log_exception(exc)
            self.problem = "sync failed; details are in the log"
        self.show_status()

    def status_text(self) -> str:
        """The status line's words."""
        if self.syncing:
            return "Programme: syncing…"
        if self.problem:
            return f"Programme: {self.problem}"
        state, result = self.state, self.result
        if result is not None and result.state == "waiting":
            waiting = f" ({result.waiting} to send)" if result.waiting else ""
            return f"Programme: waiting to sync{waiting}"
        if result is not None and result.state == "refused":
            return "Programme: mentors' feedback could not be brought in"
        if state is not None and state.last_sync is not None:
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            return f"Programme: synced {ago(state.last_sync, now)}"
        return "Programme: not synced yet"

    def show_status(self) -> None:
        """Bring the status line up to date."""
        self.label.setText(self.status_text())
        tip = self.result.reason if self.result is not None and self.result.reason else ""
        self.label.setToolTip(tip)


def install(window: MainWindow) -> None:
    """Add File ▸ Programme… and the programme's status line to the main window."""
    link = ProgrammeLink(window)
    window.programme = link  # type: ignore[attr-defined]  # for tests and the dialog
    action = QAction("&Programme…", window)
    action.setObjectName("programmeAction")

    def open_dialog() -> Any:
        dialog = dialog_module.ProgrammeDialog(window, link)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    action.triggered.connect(open_dialog)
    window.menu("file").addAction(action)
