"""One window per journal: a second launch brings the first window forward and exits."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket

from plnjournal.gui.shell.single_instance import InstanceGuard, lock_path, server_name


def test_second_launch_asks_the_first_to_come_forward(qtbot, db_path: Path) -> None:
    first = InstanceGuard(db_path)
    assert first.claim() and first.listen()
    try:
        second = InstanceGuard(db_path)
        assert not second.claim()  # the journal is held
        with qtbot.waitSignal(first.raise_requested, timeout=5000):
            assert second.forward_to_running()
    finally:
        first.close()
    again = InstanceGuard(db_path)
    assert again.claim()  # closed: the journal is free again
    again.close()


def test_a_launch_is_held_back_before_the_first_listens(db_path: Path) -> None:
    """The lock is taken before the first window exists; its server starts once loaded, so a
    later launch is refused meanwhile and knocks, in vain here, for the given time."""
    first = InstanceGuard(db_path)
    assert first.claim()
    try:
        second = InstanceGuard(db_path)
        assert not second.claim()
        started = time.monotonic()
        assert not second.forward_to_running(knock_seconds=0.3)
        assert time.monotonic() - started >= 0.3
    finally:
        first.close()


def test_another_journal_is_not_the_same_instance(tmp_path: Path) -> None:
    first = InstanceGuard(tmp_path / "a.sqlite3")
    second = InstanceGuard(tmp_path / "b.sqlite3")
    try:
        assert first.claim() and second.claim()
    finally:
        first.close()
        second.close()


def test_the_same_file_by_another_path_is_the_same_journal(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert server_name(tmp_path / "real" / "j.sqlite3") == server_name(tmp_path / "link/j.sqlite3")


def test_a_lock_left_by_a_killed_launch_is_taken_over(db_path: Path) -> None:
    code = (
        "import os, signal, sys; from pathlib import Path; "
        "from PySide6.QtCore import QCoreApplication; "
        "from plnjournal.gui.shell.single_instance import InstanceGuard; "
        "app = QCoreApplication([]); g = InstanceGuard(Path(sys.argv[1])); "
        "assert g.claim(); os.kill(os.getpid(), signal.SIGKILL)"
    )
    killed = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True)
    assert killed.returncode == -9, killed.stderr
    assert lock_path(db_path).exists()  # left behind by the killed process
    guard = InstanceGuard(db_path)
    try:
        assert guard.claim()
    finally:
        guard.close()


def test_no_folder_of_the_users_own_turns_the_guard_off(
    db_path: Path, tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "a-file").touch()
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("PLNJOURNAL_HOME", str(tmp_path / "a-file" / "home"))  # cannot be made
    monkeypatch.setenv("TMPDIR", str(tmp_path / "missing"))
    monkeypatch.setenv("TEMP", str(tmp_path / "missing"))
    guard = InstanceGuard(db_path)
    assert guard.claim()  # the window opens, unguarded, rather than not at all
    assert not guard.listen()
    guard.close()


@pytest.mark.skipif(os.name != "posix", reason="local sockets are files on POSIX only")
def test_a_socket_left_by_a_crash_is_taken_over(qtbot, db_path: Path) -> None:
    stale = Path(server_name(db_path))
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(stale))  # bound, never listening: what a killed app leaves behind
    sock.close()
    guard = InstanceGuard(db_path)
    try:
        assert guard.claim() and guard.listen()
        with qtbot.waitSignal(guard.raise_requested, timeout=5000):
            assert InstanceGuard(db_path).forward_to_running()
    finally:
        guard.close()


def _wait_listening(name: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        probe = QLocalSocket()
        probe.connectToServer(name)
        if probe.waitForConnected(200):
            probe.disconnectFromServer()
            return
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.1)
    raise AssertionError("the first window never started listening")


@pytest.mark.slow
def test_two_real_launches(qtbot, db_path: Path, _isolated_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "plnjournal", "--db", str(db_path)]
    first = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        _wait_listening(server_name(db_path), first)
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        log = _isolated_home / "logs" / "plnjournal.log"
        qtbot.waitUntil(
            lambda: log.exists() and "another launch asked for this window" in log.read_text(),
            timeout=10000,
        )
        assert first.poll() is None  # the first window is still open
    finally:
        first.terminate()
        first.wait(timeout=30)


OLD_NAME_HOLDER = (
    "import sys, time; from PySide6.QtCore import QCoreApplication, QDir, QLockFile; "
    "from PySide6.QtNetwork import QLocalServer; "
    "app = QCoreApplication([]); name = sys.argv[1]; "
    "lock = QLockFile(QDir.tempPath() + '/' + name + '.lock'); lock.setStaleLockTime(0); "
    "assert lock.tryLock(0); server = QLocalServer(); assert server.listen(name); "
    "print('ready', flush=True); time.sleep(60)"
)


def _old_name(db_path: Path) -> str:
    """The name the lock and socket had in the shared temporary folder before issue 18."""
    import hashlib

    key = f"{os.getuid()}\0{os.path.realpath(db_path)}".encode()
    return "plnjournal-" + hashlib.sha256(key).hexdigest()[:20]


@pytest.mark.skipif(os.name != "posix", reason="the shared temporary folder is a POSIX matter")
def test_another_users_files_in_the_temporary_folder_do_not_block(qtbot, db_path: Path) -> None:
    """Another local user could create the lock (and the socket) in /tmp first; neither is
    looked at any more: the lock and socket live in the user's own runtime folder."""
    holder = subprocess.Popen(
        [sys.executable, "-c", OLD_NAME_HOLDER, _old_name(db_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        guard = InstanceGuard(db_path)
        try:
            assert guard.claim() and guard.listen()
            assert lock_path(db_path).parent != Path(QDir.tempPath())
            with qtbot.waitSignal(guard.raise_requested, timeout=5000):
                assert InstanceGuard(db_path).forward_to_running()
        finally:
            guard.close()
    finally:
        holder.kill()
        holder.wait()


def test_the_runtime_folder_is_the_users_own(tmp_path: Path, monkeypatch, db_path: Path) -> None:
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert lock_path(db_path).parent == runtime / "plnjournal"
    assert (runtime / "plnjournal").stat().st_mode & 0o777 == 0o700
    runtime.chmod(0o755)  # shared with others: not used
    assert runtime not in lock_path(db_path).parents
    assert lock_path(db_path).parent.stat().st_mode & 0o777 == 0o700
