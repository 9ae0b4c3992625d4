"""Encrypted journals through storage.encryption: the key file, unlocking, the recovery key,
passphrase changes, backups and restores, and what is left readable on the disk."""

from __future__ import annotations

import datetime as dt
import json
import stat
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from plnjournal.core.journal.entries import add_entry
from plnjournal.errors import JournalLocked, StorageError, WrongPassphrase
from plnjournal.storage import encryption
from plnjournal.storage.backup import backup_infos, make_backup
from plnjournal.storage.backup_check import verify_backup
from plnjournal.storage.db import open_database
from plnjournal.storage.key_wrap import ARGON2_PARAMS, FAST_KDF_ENV, as_recovery_key
from plnjournal.storage.keys import key_file
from plnjournal.storage.restore import restore_backup
from plnjournal.storage.sqlite_file import check_file, read_revision
from plnjournal.storage.sqlite_open import HEAD_REVISION
from tests.storage.encrypted import (  # noqa: F401 - fixtures
    MemoryKeyring,
    all_rows,
    fast_kdf,
    memory_keyring,
    readable_words,
)


def _journal(path: Path, *titles: str) -> Path:
    db = open_database(path)
    with db.session() as s:
        for i, title in enumerate(titles):
            add_entry(s, entry_date=dt.date(2026, 11, 1 + i), title=title, body=f"{title} body")
    db.close()
    return path


def _titles(path: Path) -> list[str]:
    db = open_database(path, create=False)
    try:
        with db.reading() as conn:
            return [r[0] for r in conn.execute("SELECT title FROM entries ORDER BY id")]
    finally:
        db.close()


def test_encrypt_keeps_every_row_and_leaves_no_word_readable(db_path: Path) -> None:
    _journal(db_path, "Zebracorn at dawn", "quillfeather notes")
    make_backup(db_path, "manual")  # a plaintext backup from before
    before = all_rows(db_path)

    recovery = encryption.encrypt(db_path, "correct horse")

    assert encryption.is_encrypted(db_path) and encryption.is_unlocked(db_path)
    assert all_rows(db_path) == before
    # Writes after: through the engine (the -wal), and a new backup.
    _journal(db_path, "Okafor-Mbeki said marmalade-ward")
    make_backup(db_path, "manual")
    files = [
        db_path,
        db_path.with_name(db_path.name + "-wal"),
        db_path.with_name(db_path.name + "-shm"),
    ]
    files += [b.path for b in backup_infos(db_path)]
    assert len(backup_infos(db_path)) == 2
    assert readable_words(*files, *db_path.parent.rglob("*")) == []
    assert as_recovery_key(recovery) == recovery
    for name in [key_file(db_path), db_path, *(key_file(b.path) for b in backup_infos(db_path))]:
        assert stat.S_IMODE(name.stat().st_mode) == 0o600, name
    assert encryption.plaintext_leftovers(db_path) == []


def test_a_locked_journal_says_so_and_the_file_checks_know_it(db_path: Path) -> None:
    _journal(db_path, "One")
    encryption.encrypt(db_path, "pw")
    encryption.lock(db_path)
    assert encryption.is_encrypted(db_path) and not encryption.is_unlocked(db_path)
    assert check_file(db_path, create=False) is True  # not "not an SQLite file"
    with pytest.raises(JournalLocked):
        open_database(db_path, create=False)
    with pytest.raises(WrongPassphrase) as wrong:
        encryption.unlock(db_path, "not it")
    assert wrong.value.exit_code == 2 and "\n" not in wrong.value.message
    encryption.unlock(db_path, "pw")
    assert read_revision(db_path) == (HEAD_REVISION, True)
    assert _titles(db_path) == ["One"]


def test_the_recovery_key_unlocks_as_typed_and_a_new_one_replaces_it(db_path: Path) -> None:
    _journal(db_path, "One")
    recovery = encryption.encrypt(db_path, "pw")
    encryption.lock(db_path)
    typed = recovery.lower().replace("-", " ")
    encryption.unlock(db_path, typed)
    assert _titles(db_path) == ["One"]

    newer = encryption.new_recovery_key(db_path, "pw")
    assert newer != recovery
    encryption.lock(db_path)
    with pytest.raises(WrongPassphrase):
        encryption.unlock(db_path, recovery)
    encryption.unlock(db_path, newer)
    with pytest.raises(WrongPassphrase):
        encryption.new_recovery_key(db_path, "wrong")


def test_a_passphrase_change_reaches_the_backups(db_path: Path) -> None:
    _journal(db_path, "One")
    encryption.encrypt(db_path, "old words")
    backup = make_backup(db_path, "manual")
    encryption.change_passphrase(db_path, "old words", "new words")
    encryption.lock(db_path)
    for path in (db_path, backup):
        with pytest.raises(WrongPassphrase):
            encryption.unlock(path, "old words")
    encryption.unlock(backup, "new words")  # the backup alone opens with the new one
    assert verify_backup(backup) == HEAD_REVISION
    assert encryption.is_unlocked(db_path)  # the same key: the journal too
    with pytest.raises(WrongPassphrase):
        encryption.change_passphrase(db_path, "old words", "third")


def test_restore_of_an_encrypted_backup(db_path: Path) -> None:
    _journal(db_path, "One")
    encryption.encrypt(db_path, "pw")
    backup = make_backup(db_path, "manual")
    _journal(db_path, "Two")
    result = restore_backup(db_path, backup)
    assert result.saved is not None and encryption.is_encrypted(result.saved)
    assert _titles(db_path) == ["One"]
    assert readable_words(db_path, result.saved) == []


def test_a_plaintext_backup_is_not_put_into_an_encrypted_journal(db_path: Path) -> None:
    _journal(db_path, "One")
    old = make_backup(db_path, "manual")
    encryption.encrypt(db_path, "pw")
    assert encryption.is_encrypted(old)  # encrypted with the journal…
    plain = db_path.with_name("elsewhere.sqlite3")
    _journal(plain, "Other")
    with pytest.raises(StorageError, match="not encrypted"):
        restore_backup(db_path, plain)


def test_decrypt_gives_back_the_same_rows(db_path: Path) -> None:
    _journal(db_path, "One", "Two")
    encryption.encrypt(db_path, "pw")
    _journal(db_path, "Three")
    before = all_rows(db_path)
    encryption.decrypt(db_path)
    assert not encryption.is_encrypted(db_path) and not key_file(db_path).exists()
    assert db_path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert all_rows(db_path) == before


@pytest.mark.usefixtures("memory_keyring")
def test_remember_in_the_keyring(db_path: Path) -> None:
    ring = keyring.get_keyring()
    assert isinstance(ring, MemoryKeyring)
    _journal(db_path, "One")
    encryption.encrypt(db_path, "pw")
    assert not encryption.is_remembered(db_path)
    encryption.remember(db_path, True)
    assert encryption.is_remembered(db_path) and len(ring.items) == 1
    encryption.lock(db_path)
    assert encryption.unlock_from_keyring(db_path)
    assert _titles(db_path) == ["One"]
    encryption.remember(db_path, False)
    encryption.lock(db_path)
    assert not encryption.unlock_from_keyring(db_path) and ring.items == {}


def test_no_usable_keyring_is_said_plainly(db_path: Path) -> None:
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        _journal(db_path, "One")
        encryption.encrypt(db_path, "pw")
        with pytest.raises(StorageError, match="no usable keyring"):
            encryption.remember(db_path, True)
        assert not encryption.is_remembered(db_path)
    finally:
        keyring.set_keyring(before)


def test_the_real_argon2_parameters_are_stored(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(FAST_KDF_ENV)
    _journal(db_path, "One")
    # Spaces never occur in the key file's base64, so the passphrase cannot be found there
    # by chance (a two-letter one was, in about one run in a hundred).
    encryption.encrypt(db_path, "a passphrase of words")
    doc = json.loads(key_file(db_path).read_text())
    kdf = doc["slots"]["passphrase"]["kdf"]
    assert kdf["name"] == "argon2id"
    assert (
        {k: kdf[k] for k in ARGON2_PARAMS}
        == ARGON2_PARAMS
        == {
            "memory_kib": 65536,
            "iterations": 3,
            "lanes": 4,
        }
    )
    assert doc["slots"]["recovery"]["kdf"]["name"] == "hkdf-sha256"
    assert "a passphrase of words" not in key_file(db_path).read_text()


def test_encrypt_refuses_a_journal_another_program_holds(db_path: Path) -> None:
    _journal(db_path, "One")
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1])\n"
            "c.execute('SELECT count(*) FROM entries').fetchone()\n"
            "print('open', flush=True)\n"
            "time.sleep(60)\n",
            str(db_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
        with pytest.raises(StorageError, match="open in another program"):
            encryption.encrypt(db_path, "pw")
    finally:
        reader.kill()
        reader.wait()
    assert not encryption.is_encrypted(db_path) and not key_file(db_path).exists()
    assert _titles(db_path) == ["One"]
    assert [p.name for p in db_path.parent.iterdir() if "converting" in p.name] == []


def test_a_damaged_page_of_an_encrypted_journal_is_found_when_it_opens(db_path: Path) -> None:
    """The open-time check of an encrypted journal is SQLCipher's page check (each page's
    authentication code), which finds any changed byte: the damage is said, not met later."""
    db = open_database(db_path)
    with db.session() as s:
        for i in range(60):
            add_entry(
                s,
                entry_date=dt.date(2026, 1, 1) + dt.timedelta(days=i),
                title=f"E{i}",
                body="x " * 300,
            )
    db.close()
    encryption.encrypt(db_path, "pw")
    for suffix in ("-wal", "-shm"):
        assert not db_path.with_name(db_path.name + suffix).exists()
    data = bytearray(db_path.read_bytes())
    page = 4096
    assert len(data) >= 3 * page
    data[2 * page + 100] ^= 0xFF  # one byte inside the third page
    db_path.write_bytes(bytes(data))
    with pytest.raises(StorageError, match="damaged"):
        open_database(db_path, create=False)
    with pytest.raises(StorageError, match="damaged"):
        read_revision(db_path)
