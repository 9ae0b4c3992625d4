"""An encrypted journal's start: the unlock screen is the first window, and nothing of the
journal is opened or read before the key is held."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from plnjournal.gui.privacy.unlock_screen import UnlockWindow
from plnjournal.gui.shell import app, app_guard, first_start
from plnjournal.gui.shell.main_window import MainWindow

# Windows open before a test started (another test's) are not its own.
_BEFORE: list[object] = []


def _tops(kind):
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, kind) and w.isVisible() and all(w is not b for b in _BEFORE)
    ]


@pytest.fixture(autouse=True)
def _only_this_test_s_windows():
    _BEFORE[:] = QApplication.topLevelWidgets()
    yield
    _BEFORE.clear()


def test_the_unlock_screen_comes_before_the_journal(qtbot, teaching_db, plain_keys, monkeypatch):
    first_start.mark_done(teaching_db)  # an answered first start: straight to the window
    keys = plain_keys
    keys.encrypted = True
    opened: list[object] = []
    real_open = app_guard.open_journal_or_explain
    monkeypatch.setattr(
        app_guard,
        "open_journal_or_explain",
        lambda *a, **k: opened.append(a) or real_open(*a, **k),
    )
    seen: dict[str, object] = {}

    def at_the_unlock_screen() -> None:
        unlock = _tops(UnlockWindow)
        if not unlock:
            QTimer.singleShot(20, at_the_unlock_screen)
            return
        seen["journal opened"] = bool(opened)
        seen["main windows"] = len(_tops(MainWindow))
        screen = unlock[0].screen_
        screen.field.setText("correct horse")
        screen.button.click()
        QTimer.singleShot(20, in_the_window)

    def in_the_window() -> None:
        windows = _tops(MainWindow)
        if not windows:
            QTimer.singleShot(20, in_the_window)
            return
        seen["unlocked before the window"] = keys.unlocked
        windows[0].close()

    QTimer.singleShot(0, at_the_unlock_screen)
    assert app.run_gui(teaching_db.path) == 0
    assert seen == {
        "journal opened": False,
        "main windows": 0,
        "unlocked before the window": True,
    }
    assert opened and keys.calls[0] == ("unlock", "correct horse")


def test_closing_the_unlock_screen_ends_without_opening(
    qtbot, teaching_db, plain_keys, monkeypatch
):
    plain_keys.encrypted = True
    opened: list[object] = []
    monkeypatch.setattr(app_guard, "open_journal_or_explain", lambda *a, **k: opened.append(a))

    def close_it() -> None:
        unlock = _tops(UnlockWindow)
        if not unlock:
            QTimer.singleShot(20, close_it)
            return
        unlock[0].close()

    QTimer.singleShot(0, close_it)
    assert app.run_gui(teaching_db.path) == 0
    assert opened == [] and not plain_keys.unlocked


def test_a_smoke_test_on_a_locked_journal_is_refused(qtbot, teaching_db, plain_keys) -> None:
    import pytest

    from plnjournal.errors import InputError

    plain_keys.encrypted = True
    with pytest.raises(InputError, match="encrypted"):
        app.run_gui(teaching_db.path, smoke_test=True)
    assert plain_keys.calls == []
