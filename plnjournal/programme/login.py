"""A mentor's or lead's login to the programme's server, with no journal to keep it in: the
password from a file a script names, the OS keyring, or the person, never the command line."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import psycopg

from plnjournal.errors import InputError
from plnjournal.programme.connection import (
    Offline,
    PasswordNeeded,
    ask_password,
    connect,
    split_password,
    store_password,
    stored_password,
)

PASSWORD_FILE_ENV = "PLNJOURNAL_PASSWORD_FILE"
T = TypeVar("T")


def password_from_file(env: dict[str, str] | None = None) -> str | None:
    """The first line of the file $PLNJOURNAL_PASSWORD_FILE names, if it is set."""
    name = (env if env is not None else os.environ).get(PASSWORD_FILE_ENV)
    if not name:
        return None
    try:
        text = Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"${PASSWORD_FILE_ENV}: cannot read {name} ({exc.strerror})") from None
    return text.splitlines()[0] if text.strip() else None


def address_of(server: str | None, *, from_argv: bool) -> tuple[str, str | None]:
    """The address without a password, and the password an environment variable's address
    held; one written in it on the command line is refused (others on the machine can read
    a command line)."""
    if not server:
        raise InputError(
            "--server: give your programme's server, e.g. postgresql://LOGIN@HOST/PROGRAMME"
        )
    address, password = split_password(server)
    if password is not None and from_argv:
        raise InputError(
            "--server: leave the password out of the address (anyone on this computer can "
            f"read a command line); use the keyring or ${PASSWORD_FILE_ENV}, or type it when asked"
        )
    return address, password


def known_password(address: str) -> str | None:
    """The password for ``address`` without asking: the file, else the keyring."""
    return password_from_file() or stored_password(address)


def login(
    address: str, password: str | None = None, *, ask: bool = True
) -> psycopg.Connection[Any]:
    """Connect as the person the address names; asked on the terminal when the server wants a
    password nothing else gave, and kept in the keyring once it worked."""
    password = password or known_password(address)
    try:
        return connect(address, password)
    except PasswordNeeded:
        typed = ask_password(address) if ask else None
        if typed is None:
            raise
        conn = connect(address, typed)
        store_password(address, typed)
        return conn


class ServerSession:
    """One person's connection for a window: opened when first needed, used by one worker
    at a time (a psycopg connection is not for two threads at once), opened again after the
    server went away. ``password``: typed in the window when nothing else gave one."""

    def __init__(self, address: str, password: str | None = None) -> None:
        self.address = address
        self.password = password
        self._conn: psycopg.Connection[Any] | None = None
        self._lock = threading.Lock()

    def run(self, fn: Callable[[psycopg.Connection[Any]], T]) -> T:
        """``fn(connection)``, on the caller's thread; ``Offline`` when the server is away."""
        with self._lock:
            if self._conn is None or self._conn.closed or self._conn.broken:
                self._conn = login(self.address, self.password, ask=False)
                # Each call's transaction is its own: a read left open would hold every
                # later write in one transaction that never commits.
                self._conn.autocommit = True
            try:
                return fn(self._conn)
            except psycopg.OperationalError as exc:  # the server went away mid-call
                self._conn.close()
                self._conn = None
                raise Offline(str(exc).strip() or "the connection was lost") from exc

    def close(self) -> None:
        """Close the connection (the window closes)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
