"""Encrypted journals, the one interface both front ends use: unlock, lock, encrypt, decrypt,
change the passphrase, make a new recovery key, remember the key in the OS keyring.

The design (docs/privacy.md): a random data key opens the database; the key file beside the
journal holds it wrapped under the passphrase (Argon2id) and under the recovery key. Backups
carry a copy of the key file and are kept in step when the passphrase or recovery key changes,
so every backup opens with the journal's current passphrase.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from plnjournal.errors import InputError, PlnError, StorageError
from plnjournal.lazy import lazy_module
from plnjournal.paths import data_dir, write_whole
from plnjournal.storage import key_wrap
from plnjournal.storage.backup import backup_infos
from plnjournal.storage.cipher import dbapi, key_for
from plnjournal.storage.convert import convert, encrypt_file, leftover, shred
from plnjournal.storage.db import open_database
from plnjournal.storage.key_wrap import KeyFile, read_key_file, write_key_file
from plnjournal.storage.keys import (
    copy_key_file,
    forget,
    is_encrypted,
    journal_id,
    key_file,
    register,
    registered_key,
    zero,
)

if TYPE_CHECKING:
    import keyring
    import keyring.errors as keyring_errors
else:
    # Only for a journal this computer remembers (``_marker``): keyring finds its backends
    # at import (docs/performance.md, "Encrypted journals").
    keyring = lazy_module("keyring")
    keyring_errors = lazy_module("keyring.errors")

__all__ = [
    "change_passphrase",
    "decrypt",
    "encrypt",
    "is_encrypted",
    "is_remembered",
    "is_unlocked",
    "lock",
    "new_recovery_key",
    "plaintext_leftovers",
    "remember",
    "unlock",
    "unlock_from_keyring",
]

log = logging.getLogger(__name__)

KEYRING_SERVICE = "PLN Journal"
LOST_BOTH = (
    "If you lose both your passphrase and this recovery key, your journal cannot be opened "
    "by anyone, including us."
)


def unlock(path: Path, secret: str) -> None:
    """Check the passphrase (or recovery key, told by its printed form) and hold the data key
    for this process; ``WrongPassphrase`` (exit 2) when it opens nothing."""
    _, data_key = key_wrap.open_with(path, secret)
    register(_journal_id(path), data_key)
    _clear_leftover(path)


def is_unlocked(path: Path) -> bool:
    """Whether this process holds the journal's data key (a plain journal: always)."""
    return not is_encrypted(path) or registered_key(path) is not None


def lock(path: Path) -> None:
    """Forget the journal's data key in this process (its bytes zeroed). Open connections keep
    their own copy inside SQLCipher: the caller closes the journal first."""
    ident = journal_id(path)
    if ident is not None:
        forget(ident)


def _journal_id(path: Path) -> str:
    ident = journal_id(path)
    if ident is None:
        return read_key_file(path).journal_id  # says what is wrong with the key file
    return ident


def _check_passphrase(passphrase: str) -> None:
    if not passphrase:
        raise InputError("the passphrase is empty; choose one you can remember")


def encrypt(path: Path, passphrase: str) -> str:
    """Encrypt the plain journal at ``path`` in place (and its plaintext backups); return the
    recovery key, in its printed form, to show the user once.

    The journal is opened first (checked, upgraded to this version's schema); the window or
    another program must not have it open (``StorageError`` says so)."""
    _check_passphrase(passphrase)
    if is_encrypted(path):
        raise InputError(f"{path}: the journal is already encrypted")
    open_database(path, create=False).close()
    data_key = bytearray(secrets.token_bytes(32))
    ident = str(uuid.uuid4())
    recovery = key_wrap.new_recovery_key()
    keys = KeyFile(
        ident,
        key_wrap.key_check(ident, data_key),
        {
            "passphrase": key_wrap.wrap(ident, "passphrase", passphrase, data_key),
            "recovery": key_wrap.wrap(ident, "recovery", recovery, data_key),
        },
    )
    # The key file first: beside a plain header it changes nothing (a plain header wins), and
    # the moment the encrypted file is renamed in, its key file is already there.
    write_key_file(path, keys)
    try:
        convert(path, None, data_key)
    except BaseException:
        key_file(path).unlink(missing_ok=True)
        raise
    register(ident, data_key)
    for info in backup_infos(path):
        if is_encrypted(info.path):
            continue
        try:
            copy_key_file(path, info.path)
            encrypt_file(info.path, data_key)
        except dbapi.Error + (PlnError, OSError) as exc:  # listed by plaintext_leftovers
            log.warning("could not encrypt the backup %s: %s", info.path, exc)
            key_file(info.path).unlink(missing_ok=True)
    return recovery


def plaintext_leftovers(path: Path) -> list[Path]:
    """Plain copies of an encrypted journal that are still readable: backups that could not be
    encrypted (damaged ones), the old file of an encryption a crash stopped."""
    if not is_encrypted(path):
        return []
    found = [info.path for info in backup_infos(path) if not is_encrypted(info.path)]
    if leftover(path).exists():
        found.append(leftover(path))
    return found


def _clear_leftover(path: Path) -> None:
    """An encryption stopped by a crash after its swap leaves the old plaintext: shred it."""
    if leftover(path).exists():
        with contextlib.suppress(OSError):
            shred(leftover(path))


def decrypt(path: Path) -> None:
    """Turn the encrypted journal back into a plain one (it must be unlocked). Its backups
    stay encrypted, each with its key file; the keyring entry is removed."""
    if not is_encrypted(path):
        raise InputError(f"{path}: the journal is not encrypted")
    data_key = key_for(path)
    convert(path, data_key, None)
    with contextlib.suppress(PlnError):
        remember(path, False)
    key_file(path).unlink(missing_ok=True)


def change_passphrase(path: Path, old: str, new: str) -> None:
    """Rewrap the data key under a new passphrase (``old`` may be the recovery key); nothing is
    re-encrypted. The key file is replaced whole, so a crash leaves the old or the new one."""
    _check_passphrase(new)
    keys, data_key = key_wrap.open_with(path, old)
    slots = dict(keys.slots)
    slots["passphrase"] = key_wrap.wrap(keys.journal_id, "passphrase", new, data_key)
    _write_everywhere(path, KeyFile(keys.journal_id, keys.check, slots))
    register(keys.journal_id, data_key)


def new_recovery_key(path: Path, passphrase: str) -> str:
    """Replace the recovery key (the old one stops working); return the new one to show once."""
    keys, data_key = key_wrap.open_with(path, passphrase)
    recovery = key_wrap.new_recovery_key()
    slots = dict(keys.slots)
    slots["recovery"] = key_wrap.wrap(keys.journal_id, "recovery", recovery, data_key)
    _write_everywhere(path, KeyFile(keys.journal_id, keys.check, slots))
    register(keys.journal_id, data_key)
    return recovery


def _write_everywhere(path: Path, keys: KeyFile) -> None:
    """The journal's key file, then each backup's of the same key: every backup opens with
    what opens the journal (a crash between them leaves a backup on the old passphrase, which
    still opens it)."""
    write_key_file(path, keys)
    for info in backup_infos(path):
        if journal_id(info.path) == keys.journal_id:
            try:
                copy_key_file(path, info.path)
            except PlnError as exc:
                log.warning("could not update the key file of %s: %s", info.path, exc)


def _marker(ident: str) -> Path:
    """A file that says this computer keeps the journal's key in the keyring: asking the
    keyring costs its import (and a D-Bus call) on every command otherwise."""
    return data_dir() / "remembered" / ident


def _no_keyring(exc: BaseException) -> StorageError:
    return StorageError(
        "this computer has no usable keyring to remember the passphrase in "
        f"({type(exc).__name__}); the passphrase will be asked for each time"
    )


def remember(path: Path, on: bool) -> None:
    """Keep the data key in the OS keyring under the journal's id (``on``; the journal must be
    unlocked), or remove it from there."""
    ident = _journal_id(path)
    try:
        if on:
            keyring.set_password(KEYRING_SERVICE, ident, bytes(key_for(path)).hex())
            _marker(ident).parent.mkdir(parents=True, exist_ok=True)
            write_whole(_marker(ident), b"", what="the remembered-journal note")
        else:
            _marker(ident).unlink(missing_ok=True)
            with contextlib.suppress(keyring_errors.PasswordDeleteError):
                keyring.delete_password(KEYRING_SERVICE, ident)
    except keyring_errors.KeyringError as exc:
        raise _no_keyring(exc) from exc
    except RuntimeError as exc:  # a backend that fails to load (no D-Bus session)
        raise _no_keyring(exc) from exc


def is_remembered(path: Path) -> bool:
    """Whether the OS keyring holds the journal's key (False when there is no keyring)."""
    ident = journal_id(path)
    if ident is None or not _marker(ident).exists():
        return False
    try:
        return keyring.get_password(KEYRING_SERVICE, ident) is not None
    except (keyring_errors.KeyringError, RuntimeError):
        return False


def unlock_from_keyring(path: Path) -> bool:
    """Unlock with the key remembered in the OS keyring; False when there is none (or it no
    longer fits the journal's key file)."""
    ident = journal_id(path)
    if ident is None or not _marker(ident).exists():
        return False
    try:
        stored = keyring.get_password(KEYRING_SERVICE, ident)
    except (keyring_errors.KeyringError, RuntimeError):
        return False
    if stored is None:
        return False
    try:
        data_key = bytearray.fromhex(stored)
    except ValueError:
        return False
    if not secrets.compare_digest(key_wrap.key_check(ident, data_key), read_key_file(path).check):
        zero(data_key)
        return False
    register(ident, data_key)
    _clear_leftover(path)
    return True
