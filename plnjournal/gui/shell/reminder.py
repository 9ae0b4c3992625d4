"""The daily reminder: at the chosen time, if today has no reflection yet, a tray notification
(or, where there is no system tray, a message in the window and a taskbar alert).

The reminder time is read and written through gui/tasks.py (a write may wait for another
program's lock); the twice-a-minute check reads today's count on the plain read-only
connection, which never waits on a writer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStyle,
    QSystemTrayIcon,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.journal.days import entry_counts
from plnjournal.core.journal.settings import reminder_time, set_reminder_time
from plnjournal.errors import JournalLocked
from plnjournal.gui.tasks import Task, run_in_background
from plnjournal.storage.db import Database

CHECK_EVERY_MS = 30_000
MESSAGE = "Time for today's reflection: a few honest lines are enough."


def tray_available() -> bool:
    """Whether a tray notification can be shown; without one the window says it instead."""
    return QSystemTrayIcon.isSystemTrayAvailable()


class DailyReminder(QObject):
    """Checks twice a minute whether it is time to remind, and whether today is written yet."""

    reminded = Signal(str)

    def __init__(
        self,
        db: Database,
        window: QMainWindow,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        *,
        load: bool = True,
    ) -> None:
        """``load=False``: read the reminder time later, with ``reload()`` (the window does,
        once the journal has loaded after the first paint); else it is read now, in the
        background (``time`` is None until it lands)."""
        super().__init__(window)
        self.db = db
        self.window = window
        self._now = now
        self.time: dt.time | None = None
        self._done_for: dt.date | None = None
        self._generation = 0  # the newest read or write of the time (older ones: dropped)
        self.tray: QSystemTrayIcon | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        if load:
            self.reload()

    def reload(self) -> Task:
        """Read the reminder time in the background; checking starts or stops when it lands."""
        db = self.db

        def read(_progress: object) -> dt.time | None:
            with db.session() as s:
                return reminder_time(s)

        return self._update(read)

    def store(
        self, when: dt.time | None, then: Callable[[dt.time | None], None] | None = None
    ) -> Task:
        """Write ``when`` (None: no reminder) on the write worker; it applies once written,
        and ``then`` gets it as stored."""
        db = self.db

        def write(_progress: object) -> dt.time | None:
            with db.session() as s:
                set_reminder_time(s, when)
                return reminder_time(s)  # as stored, which is what a reload would read

        return self._update(write, writes=True, then=then)

    def _update(
        self,
        work: Callable[[object], dt.time | None],
        *,
        writes: bool = False,
        then: Callable[[dt.time | None], None] | None = None,
    ) -> Task:
        self._generation += 1
        generation = self._generation

        def landed(when: dt.time | None) -> None:
            if generation != self._generation:
                return  # a newer read or write supersedes it
            self.set_time(when)
            if then is not None:
                then(when)

        return run_in_background(self.window, work, on_success=landed, writes=writes)

    def set_time(self, when: dt.time | None) -> None:
        """Remind at ``when`` (as stored) from now on, or never with None."""
        self.time = when
        now = self._now()
        # Opening the app after the time is as good as being reminded: no reminder today.
        self._done_for = now.date() if self.time and now.time() >= self.time else None
        if self.time is None:
            self._timer.stop()
            if self.tray is not None:
                self.tray.hide()
            return
        self._timer.start()
        if tray_available() and self.tray is None:
            icon = self.window.windowIcon()
            if icon.isNull():
                icon = self.window.style().standardIcon(
                    QStyle.StandardPixmap.SP_FileDialogDetailedView
                )
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("PLN Journal")
            self.tray.activated.connect(lambda _r: self._raise())
        if self.tray is not None:
            self.tray.show()

    def check(self) -> bool:
        """Remind if the time has come and today has no reflection; True if it reminded."""
        if self.time is None:
            return False
        now = self._now()
        today = now.date()
        if self._done_for == today or now.time() < self.time:
            return False
        try:
            with self.db.reading() as conn:
                if entry_counts(conn, today, today):
                    self._done_for = today
                    return False
        except JournalLocked:  # the app lock is on (gui/privacy): asked again once unlocked
            return False
        self._done_for = today
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage("PLN Journal", MESSAGE, QSystemTrayIcon.MessageIcon.Information)
        else:
            self.window.statusBar().showMessage(MESSAGE, 0)
            QApplication.alert(self.window)
        self.reminded.emit(MESSAGE)
        return True

    def _raise(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()


class ReminderDialog(QDialog):
    """Choose the time of the daily reminder, or turn it off."""

    def __init__(self, current: dt.time | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Daily reminder")
        self.enabled = QCheckBox("Remind me every day at")
        self.enabled.setAccessibleName("Daily reminder on")
        self.enabled.setChecked(current is not None)
        self.time = QTimeEdit(QTime(current.hour, current.minute) if current else QTime(20, 0))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Reminder time")
        self.time.setEnabled(current is not None)
        self.enabled.toggled.connect(self.time.setEnabled)
        note = QLabel(
            "The reminder appears only on days without a reflection, while PLN Journal is running."
            + (
                ""
                if tray_available()
                else " This desktop has no notification area, so it shows in the window instead."
            )
        )
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.enabled)
        row.addWidget(self.time)
        row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def chosen(self) -> dt.time | None:
        """The time asked for, in whole minutes; None when the reminder is off."""
        if not self.enabled.isChecked():
            return None
        t = self.time.time()
        return dt.time(t.hour(), t.minute())


def edit_reminder(
    parent: QWidget,
    reminder: DailyReminder,
    on_stored: Callable[[dt.time | None], None] | None = None,
) -> Task | None:
    """Show the dialog and store the choice in the background (None if cancelled);
    ``on_stored`` gets the time once it is written and the reminder follows it."""
    dialog = ReminderDialog(reminder.time, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return reminder.store(dialog.chosen(), then=on_stored)
