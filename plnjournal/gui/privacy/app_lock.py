"""The app lock: after some idle minutes, or when the desktop session locks or sleeps, the window
saves what is typed, hides every trace of the journal, drops the key and asks for it again.

Only an encrypted journal locks (a plain one has nothing to unlock with); ``feature.py``
starts the lock once the window has loaded.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

from plnjournal.gui.prefs import app_settings, read_int
from plnjournal.gui.privacy.keys import JournalKeys
from plnjournal.gui.privacy.unlock_screen import Schedule, UnlockScreen
from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    from plnjournal.gui.shell.main_window import MainWindow

# Loaded by the window after its first paint anyway; named here so this module stays light.
tasks = lazy_module("plnjournal.gui.tasks")

log = logging.getLogger(__name__)

# The window types that come back on unlock (not popups: menus, tooltips).
WINDOW_KINDS = frozenset({Qt.WindowType.Window, Qt.WindowType.Dialog})

LOCK_MINUTES_KEY = "privacy/lock_minutes"
DEFAULT_LOCK_MINUTES = 10
MINUTES_RANGE = (1, 240)

# What counts as the user being there: any key, click, wheel turn or pointer move.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.HoverMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def lock_minutes(settings: QSettings | None = None) -> int:
    """The idle minutes before the window locks (a setting of this computer; default 10)."""
    minutes = read_int(settings or app_settings(), LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES)
    low, high = MINUTES_RANGE
    return min(max(minutes, low), high)


def set_lock_minutes(minutes: int, settings: QSettings | None = None) -> None:
    """Store the idle minutes before the window locks."""
    settings = settings or app_settings()
    settings.setValue(LOCK_MINUTES_KEY, int(minutes))
    settings.sync()


class IdleWatch(QObject):
    """Emits ``idle`` once no input has reached the app for ``interval_ms``: an event filter on
    the whole application restarts the countdown on every key, click and pointer move."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # Precise: a coarse timer may fire up to 5% late (30 s on the default 10 minutes).
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.idle.emit)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_interval(self, interval_ms: int) -> None:
        """A new idle time, counted from now when the watch is running."""
        self.timer.setInterval(interval_ms)
        if self.timer.isActive():
            self.timer.start()

    def start(self) -> None:
        """Count from now."""
        self.timer.start()

    def stop(self) -> None:
        """Stop counting (while locked)."""
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """QObject.eventFilter: input restarts the countdown; nothing is filtered out."""
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False


class AppLock(QObject):
    """Locks ``window`` on ``lock()`` (idle, the session locking, or the user asking) and
    unlocks it once the unlock screen has the key again."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        window: MainWindow,
        keys: JournalKeys,
        *,
        interval_ms: int | None = None,
        schedule: Schedule | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.keys = keys
        self._schedule = schedule
        if interval_ms is None:
            interval_ms = lock_minutes() * 60_000
        self.idle = IdleWatch(interval_ms, self)
        self.idle.idle.connect(self.lock)
        self.screen: UnlockScreen | None = None
        self._hidden: list[QWidget] = []
        window.installEventFilter(self)  # the lock screen follows the window's size
        self.idle.start()

    def is_locked(self) -> bool:
        """Whether the journal is hidden behind the unlock screen."""
        return self.screen is not None

    def lock(self) -> None:
        """Save the text, hide the journal (the window's panels, its other windows), drop the
        key, and show the unlock screen."""
        if self.screen is not None:
            return
        window = self.window
        if not window.journal.flush():  # a failed save keeps the text in the editor, hidden
            log.warning("the reflection could not be saved before the lock; it is kept")
        self._hide_other_windows()
        window.journal.hide()
        window.menuBar().setEnabled(False)  # and with it every menu's shortcuts
        window.menuBar().hide()
        window.statusBar().hide()  # its messages name reflections
        screen = UnlockScreen(
            self.keys,
            window.db.path,
            window,
            schedule=self._schedule,
            heading="PLN Journal is locked",
        )
        screen.setAutoFillBackground(True)
        screen.setGeometry(window.rect())
        screen.unlocked.connect(self._unlocked)
        screen.show()
        screen.raise_()
        screen.field.setFocus()
        self.screen = screen
        self.idle.stop()
        # Reads still running finish before their connections (which hold the key) close.
        tasks.wait_for_background_work(5000)
        window.db.forget_engine()  # SQLCipher's connections and the engine hold the key
        self.keys.lock(window.db.path)
        log.info("the window locked")
        self.locked.emit()

    def _hide_other_windows(self) -> None:
        """A question being asked (a modal dialog) is cancelled; the app's other windows
        (search, feedback, insights, progress) are hidden, and all but progress come back on
        unlock."""
        for top in QApplication.topLevelWidgets():
            if not shiboken6.isValid(top) or top is self.window or not top.isVisible():
                continue  # (a dialog closed by its parent's closing is gone by now)
            if isinstance(top, QDialog) and top.isModal() and not isinstance(top, QProgressDialog):
                top.reject()
                if top.isVisible():  # one that refuses (a new recovery key shown) comes back
                    top.hide()
                    self._hidden.append(top)
            else:
                top.hide()
                # Windows come back (a menu or a tooltip does not; a progress dialog's work
                # goes on, and its result is shown as usual).
                kind = top.windowType()
                if kind in WINDOW_KINDS and not isinstance(top, QProgressDialog):
                    self._hidden.append(top)

    def _unlocked(self) -> None:
        screen, self.screen = self.screen, None
        if screen is None:
            return
        window = self.window
        screen.hide()
        screen.deleteLater()
        window.menuBar().setEnabled(True)
        window.menuBar().show()
        window.statusBar().show()
        window.journal.show()
        hidden, self._hidden = self._hidden, []
        for top in hidden:
            if shiboken6.isValid(top):
                top.show()
        window.journal.focus_editor()
        self.idle.start()
        log.info("the window unlocked")
        self.unlocked.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """QObject.eventFilter on the window: the lock screen covers all of it; closing while
        locked with text not yet saved waits for the unlock (the window's own close would
        put that text on the clipboard when its save fails)."""
        if self.screen is None or watched is not self.window:
            return False
        if event.type() == QEvent.Type.Resize:
            self.screen.setGeometry(self.window.rect())
        elif event.type() == QEvent.Type.Close and self.window.journal.editor.is_dirty():
            event.ignore()
            self.screen.message.setText(
                "Unlock first: what you were writing is not saved yet, and PLN Journal cannot "
                "save it while the journal is locked."
            )
            return True
        return False
