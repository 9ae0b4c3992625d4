"""Hearing the desktop session lock or go to sleep (D-Bus on Linux), so the app locks with it.

Where there is no bus (Windows, macOS, a container, a test), nothing is connected and nothing
is said: the idle lock still works. Three signals are heard, each where it exists: logind's
``PrepareForSleep`` (suspend) and the session's ``Lock`` on the system bus, and the screen
saver's ``ActiveChanged`` (KDE's and GNOME's names) on the session bus.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

log = logging.getLogger(__name__)

LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
SCREEN_SAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")
ASK_TIMEOUT_MS = 500  # logind answers at once; a hung bus must not hold the window up


def logind_label(text: str) -> str:
    """A session id as logind writes it in an object path (sd-bus's label escaping: every
    character but a letter or digit, and a leading digit, as ``_`` and two hex digits)."""
    out = []
    for i, ch in enumerate(text):
        if ch.isascii() and (ch.isalpha() or (ch.isdigit() and i > 0)):
            out.append(ch)
        else:
            out.append(f"_{ord(ch):02x}")
    return "".join(out) or "_"


def _listen(
    bus: QDBusConnection,
    service: str,
    path: str,
    interface: str,
    name: str,
    receiver: QObject,
    slot: str,
) -> bool:
    """QDBusConnection.connect with the slot as ``SLOT()`` gives it: PySide takes the text,
    though its type stubs say bytes (which it refuses at run time)."""
    return bool(cast(Any, bus).connect(service, path, interface, name, receiver, slot))


class SessionWatch(QObject):
    """Emits ``session_locked`` when the desktop session locks, its screen saver starts, or
    the computer is about to sleep. ``sources`` names what could be listened to."""

    session_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sources: list[str] = []
        self._own_session = ""  # logind's object path for this session, when known
        self._listen_system()
        self._listen_session()
        if self.sources:
            log.info("the app locks with the session: %s", ", ".join(self.sources))

    def _listen_system(self) -> None:
        bus = QDBusConnection.systemBus()
        if not bus.isConnected():
            return
        if _listen(
            bus,
            LOGIND,
            LOGIND_PATH,
            f"{LOGIND}.Manager",
            "PrepareForSleep",
            self,
            SLOT("_sleeping(bool)"),
        ):
            self.sources.append("sleep")
        self._own_session = self._session_path(bus)
        if _listen(
            bus, LOGIND, "", f"{LOGIND}.Session", "Lock", self, SLOT("_lock_asked(QDBusMessage)")
        ):
            self.sources.append("session lock")

    def _session_path(self, bus: QDBusConnection) -> str:
        """This session's object path: logind sends ``Lock`` on it (never on ``session/auto``)."""
        ask = QDBusMessage.createMethodCall(
            LOGIND,
            f"{LOGIND_PATH}/session/auto",
            "org.freedesktop.DBus.Properties",
            "Get",
        )
        ask.setArguments([f"{LOGIND}.Session", "Id"])
        reply = bus.call(ask, QDBus.CallMode.Block, ASK_TIMEOUT_MS)
        values = reply.arguments()
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not values:
            return ""  # not in a logind session: every session's lock is heard
        return f"{LOGIND_PATH}/session/{logind_label(str(values[0]))}"

    def _listen_session(self) -> None:
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for interface in SCREEN_SAVERS:
            # Any sender: a screen saver's name differs by desktop, and a false alarm only locks.
            if _listen(bus, "", "", interface, "ActiveChanged", self, SLOT("_screen_saver(bool)")):
                self.sources.append(interface)

    @Slot(bool)
    def _sleeping(self, going: bool) -> None:
        if going:
            self.session_locked.emit()

    @Slot(QDBusMessage)
    def _lock_asked(self, message: QDBusMessage) -> None:
        if not self._own_session or message.path() == self._own_session:
            self.session_locked.emit()

    @Slot(bool)
    def _screen_saver(self, active: bool) -> None:
        if active:
            self.session_locked.emit()
