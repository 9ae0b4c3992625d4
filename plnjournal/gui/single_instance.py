"""One window per journal: a second launch brings the running window forward, then exits.

The running app listens on a local socket named after the journal's path (and the user), so
two different journals can be open at once, but never the same one twice.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

RAISE = b"raise\n"
CONNECT_MS = 500


def server_name(db_path: Path) -> str:
    """A socket name unique to this user and journal file (short: some systems limit it)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or password database
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    key = f"{user}\0{os.path.realpath(db_path)}".encode()
    return "plnjournal-" + hashlib.sha256(key).hexdigest()[:20]


class InstanceGuard(QObject):
    """Holds the journal's local server while the window is open."""

    raise_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self.server: QLocalServer | None = None

    def forward_to_running(self) -> bool:
        """Ask a window already open on this journal to come forward; True if one answered."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return False
        socket.write(RAISE)
        sent = socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        log.info("another window has this journal open; asked it to come forward")
        return sent

    def listen(self) -> bool:
        """Become the running instance; False if the socket cannot be created (no guard)."""
        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket file left by a crashed run: nobody answered, so it is stale.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("single-instance guard off: %s", server.errorString())
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
        if self.server is not None:
            self.server.newConnection.disconnect(self._connected)
            self.server.close()
            self.server.deleteLater()
            self.server = None


def bring_forward(window: QWidget) -> None:
    """Show ``window`` un-minimised, on top, with focus (as far as the window manager allows)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
