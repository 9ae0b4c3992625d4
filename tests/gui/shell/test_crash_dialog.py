"""An unexpected error shows the crash dialog; the app keeps running and the text stays."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPlainTextEdit

from plnjournal.gui.shell.crash_dialog import CrashDialog, versions
from plnjournal.gui.shell.crash_handler import install_crash_handler


@pytest.fixture
def editor(qtbot):
    """Stands in for the journaling window: text being written, and an autosave timer."""
    widget = QPlainTextEdit()
    widget.setPlainText("Today the Year 9 lesson finally went well because")
    qtbot.addWidget(widget)
    widget.show()
    widget.autosaves = 0
    timer = QTimer(widget)
    timer.setInterval(10)
    timer.timeout.connect(lambda: setattr(widget, "autosaves", widget.autosaves + 1))
    timer.start()
    return widget


@pytest.fixture
def handler(editor):
    crash = install_crash_handler(editor)
    yield crash
    crash.uninstall()
    if crash.dialog is not None:
        crash.dialog.close()


def _boom() -> None:
    raise ZeroDivisionError("a bug in a slot")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_the_dialog_and_the_app_goes_on(
    qtbot, editor, handler, _isolated_home
) -> None:
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    dialog = handler.dialog
    text = dialog.message.text()
    assert "ZeroDivisionError: a bug in a slot" in text
    assert "your writing is safe" in dialog.findChildren(type(dialog.message))[0].text()
    log_path = _isolated_home / "logs" / "plnjournal.log"
    assert str(log_path) in text
    assert "ZeroDivisionError" in log_path.read_text()
    details = dialog.details.toPlainText()
    for expected in ("PLN Journal", "Python", "Qt ", "SQLite", "OS ", "Traceback", "_boom"):
        assert expected in details
    # Not modal, not exiting: the text is intact and autosave keeps ticking.
    assert not dialog.isModal()
    before = editor.autosaves
    qtbot.waitUntil(lambda: editor.autosaves > before + 2)
    assert editor.toPlainText() == "Today the Year 9 lesson finally went well because"
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText(" I planned the transitions.")
    assert editor.toPlainText().endswith("transitions.")


@pytest.mark.qt_no_exception_capture
def test_repeated_errors_reuse_one_dialog(qtbot, handler) -> None:
    for _ in range(8):
        QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.count == 8)
    assert len(handler.dialog.parent().findChildren(CrashDialog)) == 1
    assert "8 times" in handler.dialog.message.text()
    assert handler.dialog.details.toPlainText().count("Traceback") == 5


def test_an_error_in_a_worker_thread_reaches_the_dialog(qtbot, handler) -> None:
    thread = threading.Thread(target=_boom)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    assert "a bug in a slot" in handler.dialog.message.text()


def test_hooks_are_restored(editor) -> None:
    before = (sys.excepthook, threading.excepthook)
    crash = install_crash_handler(editor)
    assert sys.excepthook == crash.excepthook
    crash.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_copy_details(qtbot, editor) -> None:
    from PySide6.QtGui import QGuiApplication

    dialog = CrashDialog("ValueError: x", "Traceback: here", "/tmp/log", editor)
    qtbot.addWidget(dialog)
    dialog.copy_details()
    copied = QGuiApplication.clipboard().text()
    assert "ValueError: x" in copied and "Traceback: here" in copied and versions() in copied
