"""SIGKILL a process in the middle of passphrase changes, over and over: the journal and its
backups always open with the old or the new passphrase."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plnjournal.errors import WrongPassphrase
from plnjournal.storage import encryption
from plnjournal.storage.backup import make_backup
from plnjournal.storage.backup_check import verify_backup
from plnjournal.storage.db import open_database
from plnjournal.storage.key_wrap import FAST_KDF_ENV
from plnjournal.storage.sqlite_open import HEAD_REVISION
from tests.storage.encrypted import fast_kdf  # noqa: F401 - fixture

SCRIPT = Path(__file__).with_name("passphrase_child.py")
SEED = random.randrange(1_000_000)
KILLS = 20


def _opens_with_one_of(path: Path, *secrets: str) -> str:
    for secret in secrets:
        encryption.lock(path)
        try:
            encryption.unlock(path, secret)
        except WrongPassphrase:
            continue
        return secret
    raise AssertionError(f"{path.name} opens with none of {secrets}")


@pytest.mark.slow
def test_killed_during_passphrase_changes_never_loses_access(db_path: Path) -> None:
    print(f"crash-test seed {SEED}")  # shown on failure, to replay the same kill points
    rng = random.Random(SEED)
    open_database(db_path).close()
    recovery = encryption.encrypt(db_path, "alpha")
    backup = make_backup(db_path, "manual")
    env = {**os.environ, FAST_KDF_ENV: "1"}
    seen = set()
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-u", str(SCRIPT), str(db_path), "alpha", "beta"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        ready = child.stdout.readline().strip()
        assert ready == "READY", child.stderr.read() if child.stderr else ready
        time.sleep(rng.uniform(0, 0.05))  # somewhere inside a change (each takes a few ms)
        child.send_signal(signal.SIGKILL)
        child.wait()
        seen.add(_opens_with_one_of(db_path, "alpha", "beta"))
        _opens_with_one_of(backup, "alpha", "beta")
    assert seen == {"alpha", "beta"}  # the children did change it, between the kills
    encryption.lock(db_path)
    encryption.unlock(db_path, recovery)  # the recovery key was never touched
    assert verify_backup(backup) == HEAD_REVISION
    open_database(db_path, create=False).close()
