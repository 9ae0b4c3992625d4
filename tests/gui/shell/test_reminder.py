"""File ▸ Daily reminder…: the time is written on the write worker, so a journal locked by
another program leaves the window working; the reminder and the status bar follow once it lands."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import QDialog

from plnjournal.core.journal.settings import reminder_time, set_reminder_time
from plnjournal.gui.shell import reminder as reminder_module
from plnjournal.gui.tasks import busy


@pytest.fixture
def answer_dialog(monkeypatch: pytest.MonkeyPatch):
    """The reminder dialog answers by itself: on at ``when``, or off with None."""

    def answer(when: dt.time | None) -> None:
        def exec_(dialog: reminder_module.ReminderDialog) -> int:
            dialog.enabled.setChecked(when is not None)
            if when is not None:
                dialog.time.setTime(QTime(when.hour, when.minute))
            return QDialog.DialogCode.Accepted.value

        monkeypatch.setattr(reminder_module.ReminderDialog, "exec", exec_)

    return answer


def test_reminder_time_is_written_off_the_gui_thread(
    qtbot, make_window, demo_db, answer_dialog
) -> None:
    window = make_window(demo_db)
    qtbot.waitUntil(lambda: window.is_loaded and not busy())
    assert window.reminder.time is None
    answer_dialog(dt.time(7, 30))
    other = sqlite3.connect(demo_db.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program writes, holding the lock
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    try:
        window.actions_by_name["reminder"].trigger()  # returns at once: written on the worker
        qtbot.waitUntil(lambda: len(ticks) >= 20)  # the GUI thread goes on meanwhile
        assert busy() and window.reminder.time is None
    finally:
        timer.stop()
        other.rollback()
        other.close()
    with qtbot.waitSignal(window.data_changed, timeout=30000) as changed:
        pass  # the lock released: the time lands
    assert changed.args == [{"settings"}]
    assert window.reminder.time == dt.time(7, 30)
    assert window.status_text.text() == "Daily reminder at 07:30."
    with demo_db.session() as s:
        assert reminder_time(s) == dt.time(7, 30)

    answer_dialog(None)
    window.actions_by_name["reminder"].trigger()
    qtbot.waitUntil(lambda: window.status_text.text() == "Daily reminder turned off.")
    assert window.reminder.time is None


def test_a_read_landing_after_a_newer_write_is_dropped(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    qtbot.waitUntil(lambda: window.is_loaded and not busy())
    with demo_db.session() as s:
        set_reminder_time(s, dt.time(21, 0))
    daily = window.reminder
    read = daily.reload()  # reads 21:00 ...
    daily.store(dt.time(6, 15))  # ... but this write was asked for after it
    qtbot.waitUntil(lambda: read.done and not busy())
    qtbot.waitUntil(lambda: daily.time == dt.time(6, 15))
