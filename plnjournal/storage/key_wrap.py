"""The key file of an encrypted journal: the passphrase and recovery-key wrappings of its data
key (the light part, which journals are encrypted and the keys given, is ``keys``).

A random 256-bit data key opens the database (SQLCipher's raw key: no key derivation on each
open). The key file (``<journal>.keys``, JSON, 0600) holds it twice, wrapped with AES-256-GCM:
under a key derived from the passphrase with Argon2id (its parameters stored beside it), and
under the recovery key (random, 160 bits, shown once; HKDF is enough for a random secret). The
file is always replaced whole (``paths.write_whole``), so a crash leaves the old or the new one.
docs/privacy.md says why, and what the user must keep.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plnjournal.errors import StorageError, WrongPassphrase
from plnjournal.lazy import lazy_module
from plnjournal.paths import write_whole
from plnjournal.storage.keys import key_file

if TYPE_CHECKING:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers import aead
    from cryptography.hazmat.primitives.kdf import argon2, hkdf
else:
    # Only an encrypted journal needs them, and only to unlock or rewrap: kept off a plain
    # journal's start (docs/performance.md, "Where the start-up deferrals are").
    aead = lazy_module("cryptography.hazmat.primitives.ciphers.aead")
    argon2 = lazy_module("cryptography.hazmat.primitives.kdf.argon2")
    hashes = lazy_module("cryptography.hazmat.primitives.hashes")
    hkdf = lazy_module("cryptography.hazmat.primitives.kdf.hkdf")

FORMAT = "plnjournal-keys"
VERSION = 1

# Argon2id at 64 MiB, 3 passes, 4 lanes: docs/performance.md, "Encrypted journals", has what it
# costs here. Stored with each wrapping, so a later change of these never locks a journal out.
ARGON2_PARAMS = {"memory_kib": 65536, "iterations": 3, "lanes": 4}
# For tests only (they derive keys hundreds of times): the smallest parameters Argon2 allows.
# Stored in the file like any others, so a journal made with them stays weak; never set it.
FAST_KDF_ENV = "PLNJOURNAL_INSECURE_FAST_KDF"
_FAST_PARAMS = {"memory_kib": 8, "iterations": 1, "lanes": 1}

# The recovery key: 20 random bytes as 32 base32 letters, printed in 8 groups of 4.
_RECOVERY_FORM = re.compile(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}")
_CHECK_LABEL = b"plnjournal data key check"


@dataclass(frozen=True)
class KeyFile:
    """A key file as read: the journal's id and its wrappings (``slots``)."""

    journal_id: str
    check: str
    slots: dict[str, dict[str, Any]]

    def to_bytes(self) -> bytes:
        """The file's text (sorted keys: the same content always writes the same bytes)."""
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "journal_id": self.journal_id,
            "cipher": "sqlcipher4-raw-key",
            "check": self.check,
            "slots": self.slots,
        }
        return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode()


def read_key_file(path: Path) -> KeyFile:
    """The key file of the journal at ``path``; a clear error when it is missing or unreadable."""
    where = key_file(path)
    try:
        doc = json.loads(where.read_bytes())
        if doc.get("format") != FORMAT:
            raise ValueError("not a key file")
        if doc.get("version") != VERSION:
            raise StorageError(
                f"{where}: was written by a newer version of PLN Journal; update it to open "
                "this journal"
            )
        return KeyFile(str(doc["journal_id"]), str(doc["check"]), dict(doc["slots"]))
    except FileNotFoundError as exc:
        raise StorageError(
            f"{path}: is encrypted but its key file ({where.name}) is missing; copy it back "
            "beside the journal (it travels with the journal and its backups)"
        ) from exc
    except OSError as exc:
        raise StorageError(f"{where}: cannot read the journal's key file: {exc.strerror}") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StorageError(f"{where}: the journal's key file is damaged") from exc


def write_key_file(path: Path, keys: KeyFile) -> None:
    """Replace the key file whole (new private file, synced, renamed over the old one)."""
    write_whole(key_file(path), keys.to_bytes(), what="the journal's keys")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: object) -> bytes:
    return base64.b64decode(str(text), validate=True)


def key_check(journal_id: str, data_key: bytes | bytearray) -> str:
    """A value that tells a right data key from a wrong one without opening the database (a
    key from the keyring); it says nothing about the key itself."""
    return hmac.new(bytes(data_key), _CHECK_LABEL + journal_id.encode(), hashlib.sha256).hexdigest()


def kdf_params() -> dict[str, int]:
    """The Argon2id parameters for a new wrapping (the fast ones under the test hook)."""
    return dict(_FAST_PARAMS if os.environ.get(FAST_KDF_ENV) == "1" else ARGON2_PARAMS)


def _derive(secret: str, kdf: dict[str, Any]) -> bytes:
    salt = _unb64(kdf["salt"])
    if kdf.get("name") == "argon2id":
        return argon2.Argon2id(
            salt=salt,
            length=32,
            iterations=int(kdf["iterations"]),
            lanes=int(kdf["lanes"]),
            memory_cost=int(kdf["memory_kib"]),
        ).derive(secret.encode("utf-8"))
    if kdf.get("name") == "hkdf-sha256":
        return hkdf.HKDF(
            algorithm=hashes.SHA256(), length=32, salt=salt, info=b"plnjournal recovery"
        ).derive(secret.encode("ascii"))
    raise StorageError(f"unknown key derivation {kdf.get('name')!r} in the key file")


def wrap(journal_id: str, slot: str, secret: str, data_key: bytes | bytearray) -> dict[str, Any]:
    """One wrapping of the data key under ``secret`` (a passphrase, or the recovery key)."""
    salt = _b64(secrets.token_bytes(16))
    kdf: dict[str, Any] = (
        {"name": "argon2id", "salt": salt, **kdf_params()}
        if slot == "passphrase"
        else {"name": "hkdf-sha256", "salt": salt}
    )
    nonce = secrets.token_bytes(12)
    sealed = aead.AESGCM(_derive(secret, kdf)).encrypt(
        nonce, bytes(data_key), f"{journal_id}/{slot}".encode()
    )
    return {"kdf": kdf, "nonce": _b64(nonce), "wrapped": _b64(sealed)}


def unwrap(keys: KeyFile, slot: str, secret: str) -> bytearray | None:
    """The data key from one wrapping, or None when ``secret`` is not the one it was wrapped
    under."""
    entry = keys.slots.get(slot)
    if entry is None:
        return None
    try:
        key = aead.AESGCM(_derive(secret, entry["kdf"])).decrypt(
            _unb64(entry["nonce"]), _unb64(entry["wrapped"]), f"{keys.journal_id}/{slot}".encode()
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise StorageError("the journal's key file is damaged") from exc
    except Exception as exc:  # cryptography's InvalidTag: the wrong secret
        if type(exc).__name__ == "InvalidTag":
            return None
        raise
    return bytearray(key)


def new_recovery_key() -> str:
    """A random recovery key, in the form it is printed (8 groups of 4 letters and digits)."""
    text = base64.b32encode(secrets.token_bytes(20)).decode()
    return "-".join(text[i : i + 4] for i in range(0, 32, 4))


def as_recovery_key(secret: str) -> str | None:
    """``secret`` in the recovery key's printed form, when it has that form (spaces and case
    as the user typed them are forgiven); None for anything else (a passphrase)."""
    text = re.sub(r"[\s-]+", "", secret).upper()
    if len(text) != 32:
        return None
    shaped = "-".join(text[i : i + 4] for i in range(0, 32, 4))
    return shaped if _RECOVERY_FORM.fullmatch(shaped) else None


def open_with(path: Path, secret: str) -> tuple[KeyFile, bytearray]:
    """The data key of the journal at ``path`` from its passphrase or recovery key."""
    keys = read_key_file(path)
    data_key = None
    recovery = as_recovery_key(secret)
    if recovery is not None:
        data_key = unwrap(keys, "recovery", recovery)
    if data_key is None:
        data_key = unwrap(keys, "passphrase", secret)
    if data_key is None or not hmac.compare_digest(
        key_check(keys.journal_id, data_key), keys.check
    ):
        raise WrongPassphrase(f"{path}: wrong passphrase or recovery key")
    return keys, data_key
