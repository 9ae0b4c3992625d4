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


WATCHER = """
from PySide6.QtCore import QCoreApplication, QTimer
from plnjournal.gui.privacy.session_watch import SessionWatch
app = QCoreApplication([])
watch = SessionWatch()
print("sources", watch.sources, flush=True)
watch.session_locked.connect(lambda: print("locked", flush=True))
QTimer.singleShot(4000, app.quit)
app.exec()
"""

LOGIND = """
import subprocess, sys
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage
app = QCoreApplication([])
bus = QDBusConnection.systemBus()  # this process plays logind on a private "system" bus
assert bus.registerService("org.freedesktop.login1")
watcher = subprocess.Popen([sys.executable, "-c", sys.argv[1]], stdout=subprocess.PIPE, text=True)

def emit(path, interface, name, args):
    message = QDBusMessage.createSignal(path, interface, name)
    message.setArguments(args)
    bus.send(message)

manager = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep")
session = ("/org/freedesktop/login1/session/_32", "org.freedesktop.login1.Session", "Lock")
QTimer.singleShot(1500, lambda: emit(*manager, [False]))  # waking up: nothing
QTimer.singleShot(1600, lambda: emit(*manager, [True]))
QTimer.singleShot(1700, lambda: emit(*session, []))
QTimer.singleShot(3000, app.quit)
app.exec()
print(watcher.communicate(timeout=20)[0])
"""


@pytest.mark.slow
def test_sleep_and_the_session_lock_are_heard_from_logind() -> None:
    if not shutil.which("dbus-daemon"):
        pytest.skip("no dbus-daemon here")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        address = daemon.stdout.readline().strip()
        env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS=address, QT_QPA_PLATFORM="offscreen")
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        done = subprocess.run(
            [sys.executable, "-c", LOGIND, WATCHER],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        daemon.terminate()
        daemon.wait(10)
    assert "sources ['sleep', 'session lock']" in done.stdout, done.stdout + done.stderr[-2000:]
    assert done.stdout.count("locked") == 2  # going to sleep, and the lock; not waking up
