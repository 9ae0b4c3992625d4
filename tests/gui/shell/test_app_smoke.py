"""The window opens offscreen, and Qt has real fonts (without them it silently draws boxes)."""

from __future__ import annotations


def test_fonts_are_installed(qtbot) -> None:
    from PySide6.QtGui import QFontDatabase

    assert QFontDatabase.families(), "no fonts: install fonts-dejavu-core"


def test_main_window_opens(qtbot, db) -> None:
    from plnjournal.gui.shell.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle().startswith("PLN Journal")
