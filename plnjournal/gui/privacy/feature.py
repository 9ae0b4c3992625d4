"""File ▸ Privacy… and the app lock, plugged into the main window (``main_window.FEATURES``).

Light at import: the dialog, the lock and the D-Bus watch load once the journal has loaded
(an encrypted journal) or the dialog is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    from plnjournal.gui.privacy.app_lock import AppLock
    from plnjournal.gui.privacy.keys import JournalKeys
    from plnjournal.gui.privacy.unlock_screen import Schedule
    from plnjournal.gui.shell.main_window import MainWindow

# Off the first paint (docs/performance.md, "Where the start-up deferrals are"): the keys'
# module, the lock (with the unlock screen), QtDBus and the dialog load after it.
keys_module = lazy_module("plnjournal.gui.privacy.keys")
app_lock = lazy_module("plnjournal.gui.privacy.app_lock")
session_watch = lazy_module("plnjournal.gui.privacy.session_watch")
settings_dialog = lazy_module("plnjournal.gui.privacy.settings_dialog")


def install(window: MainWindow) -> None:
    """Add File ▸ Privacy… and File ▸ Lock; start the app lock once an encrypted journal has
    loaded."""
    privacy = QAction("&Privacy…", window)
    privacy.setObjectName("privacyAction")
    privacy.triggered.connect(lambda: open_privacy(window))
    lock = QAction("Loc&k the journal", window)
    lock.setObjectName("lockAction")
    lock.setVisible(False)  # shown for an encrypted journal
    lock.triggered.connect(lambda: lock_now(window))
    window.menu("file").addAction(privacy)
    window.menu("file").addAction(lock)
    window.loaded.connect(lambda: _start(window, lock))


def _start(window: MainWindow, lock: QAction) -> None:
    keys = keys_module.journal_keys()
    if keys.is_encrypted(window.db.path):
        start_lock(window, keys)
        lock.setVisible(True)


def start_lock(
    window: MainWindow,
    keys: JournalKeys,
    *,
    interval_ms: int | None = None,
    schedule: Schedule | None = None,
) -> AppLock:
    """The window's app lock: after idle minutes (``interval_ms`` for tests), and when the
    desktop session locks or sleeps (where D-Bus says so)."""
    lock: AppLock = app_lock.AppLock(window, keys, interval_ms=interval_ms, schedule=schedule)
    watch = session_watch.SessionWatch(lock)
    watch.session_locked.connect(lock.lock)
    return lock


def lock_of(window: MainWindow) -> AppLock | None:
    """The window's app lock (None for a plain journal, or before it has loaded)."""
    found: AppLock | None = window.findChild(app_lock.AppLock)
    return found


def lock_now(window: MainWindow) -> None:
    """File ▸ Lock the journal."""
    lock = lock_of(window)
    if lock is not None:
        lock.lock()


def open_privacy(window: MainWindow, keys: JournalKeys | None = None) -> None:
    """File ▸ Privacy…: the settings dialog, on the app lock when there is one."""
    keys = keys or keys_module.journal_keys()
    lock = lock_of(window)
    dialog = settings_dialog.PrivacyDialog(
        keys,
        window.db.path,
        window,
        encrypted=keys.is_encrypted(window.db.path),
        lock_now=lock.lock if lock is not None else None,
        minutes_changed=(lambda m: lock.idle.set_interval(m * 60_000)) if lock else None,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
