"""What survives when the app is killed while the user types, and what the start path loads.

The app runs in a child process (offscreen) that types into whatever has the keyboard focus
when the window opens (so it also proves the cursor starts in today's entry); the test kills
it with SIGKILL and reads the journal file.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from plnjournal.gui.shell.main_window import MainWindow
    from plnjournal.storage.db import open_database

    mode, path = sys.argv[1], sys.argv[2]
    app = QApplication([])
    window = MainWindow(open_database(path))
    window.show()
    window.activateWindow()
    app.processEvents()
    # What the start path loaded (the window is up, today's reflection open).
    heavy = [m for m in ("matplotlib", "alembic", "openpyxl") if m in sys.modules]
    print("heavy:" + ",".join(heavy), flush=True)

    def say(text):
        print(text, flush=True)

    def type_forever(text, every_ms, report_at):
        state = {"i": 0}
        def step():
            QTest.keyClicks(window.focusWidget(), text[state["i"] % len(text)])
            state["i"] += 1
            if state["i"] == report_at:
                say(f"typed {state['i']}")
        timer = QTimer(window)
        timer.timeout.connect(step)
        timer.start(every_ms)
        return timer

    if mode == "pause":
        def first():
            QTest.keyClicks(window.focusWidget(), "Before the pause.")
            QTimer.singleShot(1800, second)  # a pause longer than the autosave delay
        def second():
            window._typing = type_forever(" and after", 20, 5)
        QTimer.singleShot(50, first)
    else:  # typing without a pause
        window._typing = type_forever("abcdefghij", 20, 260)
    app.exec()
    """
)


def _start(mode: str, db_path: Path) -> subprocess.Popen:
    from plnjournal.storage.db import open_database

    open_database(db_path).close()  # an up-to-date journal, as after the first start
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, mode, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
    )


def _wait_for(proc: subprocess.Popen, prefix: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith(prefix):
            return line.strip()
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"the app never said {prefix!r} (exit code {proc.poll()})")


def _bodies_after_kill(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in conn.execute("SELECT body FROM entries ORDER BY id")]
    finally:
        conn.close()


def test_text_before_a_pause_survives_sigkill_and_the_start_path_is_light(tmp_path: Path) -> None:
    db_path = tmp_path / "journal.sqlite3"
    proc = _start("pause", db_path)
    # The window is up without matplotlib, Alembic or the spreadsheet reader on the start path.
    assert _wait_for(proc, "heavy:") == "heavy:"
    _wait_for(proc, "typed 5")  # typing again, a moment after the pause
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    (body,) = _bodies_after_kill(db_path)
    assert body.startswith("Before the pause.")
    assert ("Before the pause." + " and after" * 5).startswith(body)


def test_long_typing_without_a_pause_loses_only_the_last_seconds(tmp_path: Path) -> None:
    db_path = tmp_path / "journal.sqlite3"
    proc = _start("burst", db_path)
    _wait_for(proc, "typed 260")  # over 5 s of typing at 50 keys a second, never a pause
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    (body,) = _bodies_after_kill(db_path)
    # Saved at least every few seconds while typing: more than the first ~2 s survived,
    # and what survived is exactly what was typed.
    assert len(body) >= 100
    assert ("abcdefghij" * 40).startswith(body)
