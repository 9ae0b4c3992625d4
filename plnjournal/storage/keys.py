"""Which journals are encrypted, and the data keys this process has been given for them: the
light part of the key handling, on every journal's start (the wrapping is ``key_wrap``).

A journal is encrypted when a key file (``<journal>.keys``) sits beside it and the file is not
plain SQLite. Data keys are held by the journal's id (in its key file), so its backups, which
carry a copy of the key file, open with the same key.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from plnjournal.lazy import lazy_module
from plnjournal.paths import write_whole

if TYPE_CHECKING:
    import json
else:
    # Only a journal with a key file reads one: off a plain journal's start
    # (docs/performance.md, "Where the start-up deferrals are").
    json = lazy_module("json")

KEY_SUFFIX = ".keys"
SQLITE_MAGIC = b"SQLite format 3\x00"

_registry: dict[str, bytearray] = {}  # journal id -> data key, for this process
_registry_lock = threading.Lock()


def key_file(path: Path) -> Path:
    """Where the wrapped keys of the journal (or backup) at ``path`` live."""
    return path.with_name(path.name + KEY_SUFFIX)


def is_encrypted(path: Path) -> bool:
    """Cheap (no key derivation): the journal has a key file and is not plain SQLite.

    A plain header beside a key file is a plain journal (an encryption stopped by a crash
    before its copy replaced the file); a missing or empty file with a key file counts as
    encrypted (a copy about to be written for it)."""
    if not key_file(path).exists():
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError:
        return True
    return head != SQLITE_MAGIC


def journal_id(path: Path) -> str | None:
    """The id in the key file beside ``path``; None when there is no readable one."""
    try:
        doc = json.loads(key_file(path).read_bytes())
        return str(doc["journal_id"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def copy_key_file(src: Path, dest: Path) -> None:
    """Put ``src``'s key file beside ``dest`` (a backup, a staged copy), whole or not at all."""
    write_whole(key_file(dest), key_file(src).read_bytes(), what="the journal's keys")


def register(journal: str, data_key: bytearray) -> None:
    """Remember the data key for this process: every open of the journal and its backups."""
    with _registry_lock:
        old = _registry.get(journal)
        _registry[journal] = data_key
    if old is not None and old is not data_key:
        zero(old)


def forget(journal: str) -> None:
    """Drop the data key, zeroing its bytes (the copies SQLite and the keyring hold are beyond
    Python's reach: docs/privacy.md)."""
    with _registry_lock:
        old = _registry.pop(journal, None)
    if old is not None:
        zero(old)


def zero(key: bytearray) -> None:
    """Overwrite a key's bytes in place."""
    key[:] = bytes(len(key))


def registered_key(path: Path) -> bytearray | None:
    """The data key given for the journal (or backup) at ``path`` in this process, if any."""
    ident = journal_id(path)
    if ident is None:
        return None
    with _registry_lock:
        return _registry.get(ident)


def pragma_key(data_key: bytes | bytearray) -> str:
    """The ``PRAGMA key`` statement for a raw 256-bit key (SQLCipher runs no KDF for it)."""
    return f"PRAGMA key = \"x'{bytes(data_key).hex()}'\""
