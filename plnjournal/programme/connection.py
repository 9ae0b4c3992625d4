"""Reaching a programme's server: the address without its password, the password in the OS
keyring, and a connection that gives up quickly when the server cannot be reached."""

from __future__ import annotations

import contextlib
import getpass
import sys
from typing import Any

import keyring
import psycopg
from keyring.backends import fail
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from plnjournal.errors import InputError

# The keyring's service name: one password per server address (without its password).
KEYRING_SERVICE = "plnjournal-programme"
# A sync never hangs on a missing network: it waits for the next try instead.
CONNECT_TIMEOUT_S = 5


class Offline(Exception):
    """The server cannot be reached now (no network, server down): sync waits, quietly."""


class PasswordNeeded(InputError):
    """The server asks for a password and none was given (the keyring holds none)."""


def split_password(url: str) -> tuple[str, str | None]:
    """The address without its password, and the password if the address held one."""
    try:
        params: dict[str, Any] = conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise InputError(f"server address {url!r}: {exc}") from exc
    password = params.pop("password", None)
    if not params.get("dbname"):
        raise InputError(
            f"server address {url!r}: name the database, e.g. postgresql://NAME@HOST/DATABASE"
        )
    return make_conninfo(**params), password


def describe(address: str) -> str:
    """The address as a person reads it: user@host:port/database."""
    p = conninfo_to_dict(address)
    host = p.get("host") or "localhost"
    if str(host).startswith("/"):
        host = "local socket"
    port = f":{p['port']}" if p.get("port") else ""
    return f"{p.get('user') or getpass.getuser()}@{host}{port}/{p.get('dbname')}"


def _keyring() -> Any | None:
    """The keyring module when an OS keyring is usable; None otherwise (asked each time)."""
    try:
        if isinstance(keyring.get_keyring(), fail.Keyring):
            return None
    except Exception:  # a keyring that cannot even be chosen is none
        return None
    return keyring


def stored_password(address: str) -> str | None:
    """The password the keyring holds for this address, if any."""
    kr = _keyring()
    if kr is None:
        return None
    try:
        value = kr.get_password(KEYRING_SERVICE, address)
    except Exception:  # a locked or broken keyring is the same as none
        return None
    return value if isinstance(value, str) else None


def store_password(address: str, password: str) -> bool:
    """Keep the password in the OS keyring; False when there is none (it is never written
    anywhere else)."""
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.set_password(KEYRING_SERVICE, address, password)
    except Exception:
        return False
    return True


def forget_password(address: str) -> None:
    """Remove the address's password from the keyring (disconnecting)."""
    kr = _keyring()
    if kr is not None:
        with contextlib.suppress(Exception):  # nothing stored, or a locked keyring
            kr.delete_password(KEYRING_SERVICE, address)


def ask_password(address: str) -> str | None:
    """Ask on the terminal (never echoed); None when there is no terminal to ask on."""
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"Password for {describe(address)}: ")


def connect(address: str, password: str | None = None) -> psycopg.Connection[Any]:
    """A connection to the server; ``Offline`` when it cannot be reached, ``InputError`` when
    it refuses the login. Without a password libpq's own means apply (PGPASSWORD, ~/.pgpass,
    a local socket's peer authentication)."""
    params: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_S}
    if password is not None:
        params["password"] = password
    try:
        return psycopg.connect(address, **params)
    except psycopg.OperationalError as exc:
        text = str(exc)
        if "no password supplied" in text:
            raise PasswordNeeded(
                f"the server {describe(address)} needs your password; run "
                "'plnjournal connect' again on a terminal, or keep it in the OS keyring"
            ) from exc
        if "password authentication failed" in text:
            raise InputError(
                f"the server {describe(address)} refused the password; connect again "
                "with the right one"
            ) from exc
        if "does not exist" in text and ("role" in text or "database" in text):
            raise InputError(f"the server {describe(address)}: {text.strip()}") from exc
        first = text.strip().splitlines()[0] if text.strip() else ""
        raise Offline(first.removeprefix("connection failed: ") or "unreachable") from exc
