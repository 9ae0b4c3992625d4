"""One window per journal: a second launch brings the running window forward, then exits.

A launch claims the journal with a lock file named after the journal's path (and the user), in
the user's own runtime folder (``paths.runtime_dir``, never the shared temporary folder),
so two different journals can be open at once, but never the same one twice. The lock is
Qt's ``QLockFile``: a lock whose process has died is taken over, so a crash never blocks the
next launch. Claiming needs only QtCore, so the first window does not wait for QtNetwork: the
local server that hears "come forward" from a later launch starts once the window has loaded,
or before a dialog the user must answer first (``listen``); a later launch knocks for a few
seconds meanwhile.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QCryptographicHash, QDir, QLockFile, QObject, Signal
from PySide6.QtWidgets import QWidget

from plnjournal.lazy import lazy_module
from plnjournal.paths import runtime_dir

# Off the first paint: QtNetwork, for the local server started once the window has loaded
# (docs/performance.md, "Where the start-up deferrals are").
QtNetwork = lazy_module("PySide6.QtNetwork")

log = logging.getLogger(__name__)

RAISE = b"raise\n"
CONNECT_MS = 500
KNOCK_SECONDS = 8.0  # how long a later launch waits for a starting window to listen


def _digest(db_path: Path) -> str:
    """20 hex digits unique to this user and journal file (the same file by any path)."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    key = QByteArray(f"{user}\0{os.path.realpath(db_path)}".encode())
    digest = QCryptographicHash.hash(key, QCryptographicHash.Algorithm.Sha256)
    return bytes(digest.toHex().data()).decode()[:20]


def _private_folder() -> Path:
    """Where the lock and the socket go: on POSIX the user's own runtime folder
    (``paths.runtime_dir``), never the shared temporary folder, where another user could
    create them first and keep the window from opening (issue 18); elsewhere the temporary
    folder, which is the user's own there. OSError when it cannot be made."""
    if os.name == "posix":
        return runtime_dir()
    return Path(QDir.tempPath())


def server_name(db_path: Path) -> str:
    """The local socket of this user and journal: a path in the user's own folder on POSIX
    (short: socket paths are limited to about 100 bytes), a pipe name elsewhere."""
    if os.name == "posix":
        return os.fspath(_private_folder() / f"{_digest(db_path)}.sock")
    return "plnjournal-" + _digest(db_path)


def lock_path(db_path: Path) -> Path:
    """The journal's lock file: per user and journal path, in the user's own folder."""
    return _private_folder() / f"{_digest(db_path)}.lock"


class InstanceGuard(QObject):
    """Holds the journal's lock, and later its local server, while the window is open."""

    raise_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        try:
            self.name = server_name(db_path)
            where = os.fspath(lock_path(db_path))
        except OSError as exc:  # no folder of the user's own: the guard is off
            log.warning("single-instance guard off: %s", exc)
            self.name, where = "", ""
        self.lock = QLockFile(where)
        # Stale only when its process has died: a window may stay open for days.
        self.lock.setStaleLockTime(0)
        self.server = None  # a QLocalServer once listening

    def claim(self) -> bool:
        """Take the journal for this launch; False when a live launch holds it. A lock that
        cannot be written (no temporary folder) turns the guard off rather than block."""
        if not self.name:
            return True
        if self.lock.tryLock(0):
            return True
        if self.lock.error() == QLockFile.LockError.LockFailedError:
            return False
        log.warning("single-instance guard off: cannot write %s", self.lock.fileName())
        return True

    def forward_to_running(self, knock_seconds: float = KNOCK_SECONDS) -> bool:
        """Ask the window holding this journal to come forward, knocking until it listens
        (it starts to once loaded); True if it was told."""
        if not self.name:
            return False
        deadline = time.monotonic() + knock_seconds
        while True:
            socket = QtNetwork.QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(CONNECT_MS):
                socket.write(RAISE)
                # Typed here: QtNetwork comes through lazy_module, so the checker sees Any.
                sent: bool = socket.waitForBytesWritten(CONNECT_MS)
                socket.disconnectFromServer()
                log.info("another window has this journal open; asked it to come forward")
                return sent
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)

    def listen(self) -> bool:
        """Hear later launches from now on (once; only while holding the journal's lock);
        False if the server cannot be made (they then cannot bring the window forward)."""
        if self.server is not None:
            return True
        if not self.name or not self.lock.isLocked():
            return False
        QLocalServer = QtNetwork.QLocalServer
        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket file left by a crashed run: this launch holds the lock, so it is stale.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning(
                    "later launches cannot bring this window forward: %s", server.errorString()
                )
                return False
        server.newConnection.connect(self._connected)
        self.server = server
        return True

    def _connected(self) -> None:
        if self.server is None:
            return
        while (socket := self.server.nextPendingConnection()) is not None:
            # Read what is there, then let the caller go: one short message per connection.
            socket.waitForReadyRead(CONNECT_MS)
            if bytes(socket.readAll().data()).startswith(RAISE.strip()):
                log.info("another launch asked for this window")
                self.raise_requested.emit()
            socket.abort()
            socket.deleteLater()

    def close(self) -> None:
        """Stop listening and give up the lock, so the next launch opens the journal itself."""
        if self.server is not None:
            self.server.newConnection.disconnect(self._connected)
            self.server.close()
            self.server.deleteLater()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()


def bring_forward(window: QWidget) -> None:
    """Show ``window`` un-minimised, on top, with focus (as far as the window manager allows)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
