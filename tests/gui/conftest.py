"""GUI fixtures: a main window on a journal, opened on the demo's TODAY, closed afterwards."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY


@pytest.fixture
def make_window(qtbot):
    """Build main windows on a journal; each is closed (and so saved) after the test."""
    from plnjournal.gui.shell.main_window import MainWindow

    opened = []

    def make(database, today=TODAY, size=(1024, 700)):
        window = MainWindow(database, today=lambda: today)
        qtbot.addWidget(window)
        if size is not None:  # None: keep the size remembered from last time
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # focus events (and so save-on-focus-loss) need it
        qtbot.waitUntil(window.isActiveWindow)
        opened.append(window)
        settle()
        return window

    def settle() -> None:
        """Let start-up work (today's nudge, recorded as shown) finish and deliver its
        result, so a test's "nothing was written" snapshot is not raced by it."""
        from PySide6.QtWidgets import QApplication

        from plnjournal.gui.tasks import busy, wait_for_background_work

        for _ in range(3):  # work whose result starts more work (the panels' reads) too
            while busy():
                wait_for_background_work()
                QApplication.processEvents()
            QApplication.processEvents()

    yield make
    from plnjournal.gui.tasks import wait_for_background_work

    for window in opened:
        window.close()
    wait_for_background_work()  # nothing still reading a journal the test is about to remove
