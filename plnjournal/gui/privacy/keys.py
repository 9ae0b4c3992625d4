"""The journal's keys as the window asks for them: one interface, with storage behind it.

The window never derives or keeps a key itself: it asks the storage layer, by the journal's
path, to unlock, lock, encrypt, change the passphrase or make a recovery key. Widgets take a
``JournalKeys`` so tests can hand them a fake with the same calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from plnjournal.lazy import lazy_module
from plnjournal.storage import keys as storage_keys

# Off a plain journal's start: the conversions, the key wrapping and the keyring load when an
# encrypted journal is unlocked or a key is changed; whether a journal is encrypted is asked
# of storage.keys, which the journal's opening code has loaded anyway (docs/performance.md,
# "Where the start-up deferrals are").
encryption = lazy_module("plnjournal.storage.encryption")

# Passphrases shorter than this are refused by the window before any key is derived.
MIN_PASSPHRASE = 8


class JournalKeys(Protocol):
    """The calls of ``plnjournal.storage.encryption`` the window makes."""

    def is_encrypted(self, path: Path) -> bool:
        """Whether the journal at ``path`` is encrypted (cheap: no key derived)."""
        ...

    def unlock(self, path: Path, secret: str) -> None:
        """Open the journal's key with the passphrase or the recovery key
        (``errors.WrongPassphrase`` when neither fits)."""
        ...

    def is_unlocked(self, path: Path) -> bool:
        """Whether this process holds the journal's key."""
        ...

    def lock(self, path: Path) -> None:
        """Drop the journal's key from this process."""
        ...

    def encrypt(self, path: Path, passphrase: str) -> str:
        """Encrypt the plain journal in place; the recovery key, to show once."""
        ...

    def change_passphrase(self, path: Path, old: str, new: str) -> None:
        """Rewrap the journal's key under a new passphrase."""
        ...

    def new_recovery_key(self, path: Path, passphrase: str) -> str:
        """Replace the recovery key (the old one stops working); the new one, to show once."""
        ...

    def remember(self, path: Path, on: bool) -> None:
        """Keep (or forget) the journal's key in this computer's keyring."""
        ...

    def is_remembered(self, path: Path) -> bool:
        """Whether this computer's keyring holds the journal's key."""
        ...

    def unlock_from_keyring(self, path: Path) -> bool:
        """Unlock with the key kept in the keyring; False when there is none that fits."""
        ...


class StorageKeys:
    """``JournalKeys`` over the storage layer (``storage.encryption``)."""

    def is_encrypted(self, path: Path) -> bool:
        """Whether the journal at ``path`` is encrypted (cheap: no key derived)."""
        return storage_keys.is_encrypted(path)

    def unlock(self, path: Path, secret: str) -> None:
        """Open the journal's key with the passphrase or the recovery key."""
        encryption.unlock(path, secret)

    def is_unlocked(self, path: Path) -> bool:
        """Whether this process holds the journal's key."""
        return bool(encryption.is_unlocked(path))

    def lock(self, path: Path) -> None:
        """Drop the journal's key from this process."""
        encryption.lock(path)

    def encrypt(self, path: Path, passphrase: str) -> str:
        """Encrypt the plain journal in place; the recovery key, to show once."""
        return str(encryption.encrypt(path, passphrase))

    def change_passphrase(self, path: Path, old: str, new: str) -> None:
        """Rewrap the journal's key under a new passphrase."""
        encryption.change_passphrase(path, old, new)

    def new_recovery_key(self, path: Path, passphrase: str) -> str:
        """Replace the recovery key; the new one, to show once."""
        return str(encryption.new_recovery_key(path, passphrase))

    def remember(self, path: Path, on: bool) -> None:
        """Keep (or forget) the journal's key in this computer's keyring."""
        encryption.remember(path, on)

    def is_remembered(self, path: Path) -> bool:
        """Whether this computer's keyring holds the journal's key."""
        return bool(encryption.is_remembered(path))

    def unlock_from_keyring(self, path: Path) -> bool:
        """Unlock with the key kept in the keyring; False when there is none that fits."""
        return bool(encryption.unlock_from_keyring(path))


def journal_keys() -> JournalKeys:
    """The storage layer's keys, seen through the interface."""
    return StorageKeys()


def passphrase_problem(passphrase: str, again: str) -> str:
    """Why a new passphrase cannot be used ("" when it can), in the user's words."""
    if not passphrase:
        return "Choose a passphrase."
    if len(passphrase) < MIN_PASSPHRASE:
        return (
            f"A passphrase needs at least {MIN_PASSPHRASE} characters: a few words you will "
            "remember are easy for you and hard to guess."
        )
    if passphrase != again:
        return "The two passphrases are not the same."
    return ""
