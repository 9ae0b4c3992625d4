"""Helpers for the encryption tests: cheap Argon2 parameters, a fresh key registry per test, a
keyring backend that lives in memory, and every table's rows read as they are."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest

from plnjournal.storage import keys
from plnjournal.storage.cipher import connect
from plnjournal.storage.key_wrap import FAST_KDF_ENV

PLANTED = (b"Zebracorn", b"quillfeather", b"Okafor-Mbeki", b"marmalade-ward")


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The documented test hook: Argon2 at its cheapest (the real parameters: one test); and
    no data key carried from one test to the next."""
    monkeypatch.setenv(FAST_KDF_ENV, "1")
    yield
    for ident in list(keys._registry):
        keys.forget(ident)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring in memory, for tests (``keyring.set_keyring``)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


def all_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, read through the one opening (encrypted or not)."""
    conn = connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                "'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
            )
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
    finally:
        conn.close()


def readable_words(*files: Path) -> list[tuple[str, bytes]]:
    """Which planted words can be read in the raw bytes of ``files`` (grep -c on the bytes)."""
    found = []
    for name in files:
        if name.is_file():
            data = name.read_bytes()
            found += [(name.name, w) for w in PLANTED if w.lower() in data.lower()]
    return found


def plain_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()
