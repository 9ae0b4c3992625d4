"""The session's lock and sleep, heard over D-Bus where there is a bus; none is no problem."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from plnjournal.gui.privacy.session_watch import SessionWatch, logind_label


def test_no_bus_is_no_problem(qtbot, monkeypatch) -> None:
    # This process's buses are absent (no daemon, no address): nothing is connected, nothing said.
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS") or os.path.exists("/run/dbus/system_bus_socket"):
        pytest.skip("a D-Bus is running here")
    watch = SessionWatch()
    assert watch.sources == []


def test_logind_writes_session_ids_escaped() -> None:
    assert logind_label("2") == "_32"
    assert logind_label("c1") == "c1"
    assert logind_label("a-b") == "a_2db"


WATCH = """
import subprocess
from PySide6.QtCore import QCoreApplication, QTimer
from plnjournal.gui.privacy.session_watch import SessionWatch
app = QCoreApplication([])
watch = SessionWatch()
heard = []
watch.session_locked.connect(lambda: (heard.append(1), app.quit()))
def send():
    subprocess.run(["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
                    "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:false"], check=True)
    subprocess.run(["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
                    "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"], check=True)
QTimer.singleShot(0, send)
QTimer.singleShot(10000, app.quit)
app.exec()
print("sources", watch.sources, "heard", len(heard))
"""


@pytest.mark.slow
def test_the_screen_saver_starting_is_heard() -> None:
    if not shutil.which("dbus-run-session") or not shutil.which("dbus-send"):
        pytest.skip("no dbus-daemon here")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", WATCH],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "heard 1" in done.stdout, done.stdout + done.stderr[-2000:]
    assert "org.freedesktop.ScreenSaver" in done.stdout
