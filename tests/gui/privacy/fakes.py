"""A stand-in for the storage layer's encryption module: the same calls, the keys in memory."""

from __future__ import annotations

from pathlib import Path

from plnjournal.errors import WrongPassphrase

RECOVERY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
NEW_RECOVERY = "ZZZZ-YYYY-XXXX-WWWW-VVVV-UUUU-TTTT-SSSS"


class FakeKeys:
    """Records every call (``calls``); a wrong passphrase raises as the real one does."""

    def __init__(
        self, passphrase: str = "correct horse", *, encrypted: bool = True, remembered: bool = False
    ) -> None:
        self.passphrase = passphrase
        self.recovery = RECOVERY
        self.encrypted = encrypted
        self.remembered = remembered
        self.unlocked = False
        self.calls: list[tuple[str, ...]] = []

    def _check(self, secret: str) -> None:
        if secret not in (self.passphrase, self.recovery):
            raise WrongPassphrase("the passphrase or recovery key does not open this journal")

    def is_encrypted(self, path: Path) -> bool:
        return self.encrypted

    def unlock(self, path: Path, secret: str) -> None:
        self.calls.append(("unlock", secret))
        self._check(secret)
        self.unlocked = True

    def is_unlocked(self, path: Path) -> bool:
        return self.unlocked

    def lock(self, path: Path) -> None:
        self.calls.append(("lock",))
        self.unlocked = False

    def encrypt(self, path: Path, passphrase: str) -> str:
        self.calls.append(("encrypt", passphrase))
        self.encrypted, self.passphrase, self.unlocked = True, passphrase, True
        return self.recovery

    def change_passphrase(self, path: Path, old: str, new: str) -> None:
        self.calls.append(("change_passphrase", old, new))
        if old != self.passphrase:
            raise WrongPassphrase("wrong")
        self.passphrase = new

    def new_recovery_key(self, path: Path, passphrase: str) -> str:
        self.calls.append(("new_recovery_key", passphrase))
        if passphrase != self.passphrase:
            raise WrongPassphrase("wrong")
        self.recovery = NEW_RECOVERY
        return self.recovery

    def remember(self, path: Path, on: bool) -> None:
        self.calls.append(("remember", str(on)))
        self.remembered = on

    def is_remembered(self, path: Path) -> bool:
        return self.remembered

    def unlock_from_keyring(self, path: Path) -> bool:
        self.calls.append(("unlock_from_keyring",))
        self.unlocked = self.remembered
        return self.remembered


class FakeClock:
    """``schedule(ms, callback)`` for the unlock screen: nothing waits; the test fires it."""

    def __init__(self) -> None:
        self.waits: list[int] = []
        self.pending: list[object] = []

    def __call__(self, msecs: int, callback) -> None:
        self.waits.append(msecs)
        self.pending.append(callback)

    def fire(self) -> None:
        callbacks, self.pending = self.pending, []
        for callback in callbacks:
            callback()
