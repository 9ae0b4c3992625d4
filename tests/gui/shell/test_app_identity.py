"""The window and taskbar show the app icon, and the app names its .desktop file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from plnjournal.gui.shell.app_identity import (
    APP_ID,
    ICON_SIZES,
    app_icon,
    apply_identity,
    apply_window_icon,
)


def test_app_icon_has_every_size(qapp) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(ICON_SIZES)
    # The 16 px rendering is the small variant drawn on the pixel grid (full-bleed, crisp
    # arrow), not the large icon shrunk.
    small = icon.pixmap(16, 16).toImage()
    assert small.pixelColor(8, 3).name() == "#f4a338"  # the arrow's head
    assert small.pixelColor(0, 8).alpha() == 255


def test_identity_gives_windows_the_icon(qapp, qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    before = (qapp.windowIcon(), qapp.desktopFileName())
    try:
        apply_identity(qapp)
        apply_window_icon(qapp)  # run_gui: right after the first paint
        key = qapp.windowIcon().cacheKey()
        apply_window_icon(qapp)  # and before a dialog shown first: made once, not again
        assert qapp.windowIcon().cacheKey() == key
        assert qapp.desktopFileName() == APP_ID
        window = QWidget()
        qtbot.addWidget(window)
        assert window.windowIcon().cacheKey() == qapp.windowIcon().cacheKey()
        assert not window.windowIcon().isNull()
    finally:
        qapp.setWindowIcon(before[0])
        qapp.setDesktopFileName(before[1])


@pytest.mark.slow
def test_smoke_test_option_opens_the_window_and_quits(demo_template: Path, tmp_path: Path) -> None:
    from plnjournal.storage.backup import copy_database

    journal = copy_database(demo_template, tmp_path / "journal.sqlite3")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLNJOURNAL_HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [sys.executable, "-m", "plnjournal", "--db", str(journal), "gui", "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "smoke test: window shown: 'PLN Journal'" in result.stdout
    assert f"icon set, desktop file {APP_ID}.desktop" in result.stdout


def test_screenshot_needs_the_smoke_test(capsys, db_path: Path, tmp_path: Path) -> None:
    from plnjournal.cli import main

    code = main(["--db", str(db_path), "gui", "--screenshot", str(tmp_path / "w.png")])
    assert code == 2
    assert "--screenshot works with --smoke-test only" in capsys.readouterr().err
