"""The encryption commands, and every other command on an encrypted journal, through
``main(argv)``: each command below starts locked, as a new process would."""

from __future__ import annotations

import getpass
import io
import json
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from plnjournal.cli.passphrase import NEW_PASSPHRASE_FILE_ENV, PASSPHRASE_FILE_ENV
from plnjournal.storage import encryption
from plnjournal.storage.backup import backup_infos
from plnjournal.storage.key_wrap import as_recovery_key
from plnjournal.storage.keys import key_file
from tests.cli.conftest import Cli, Result
from tests.storage.encrypted import (  # noqa: F401 - fixtures
    MemoryKeyring,
    all_rows,
    fast_kdf,
    memory_keyring,
    readable_words,
)

FEEDBACK = (
    "date,mentor,skill,rating,comment\n"
    "2026-11-03,Ms Okafor-Mbeki,CL1,3,The marmalade-ward display was calm.\n"
    "2026-11-04,Ms Okafor-Mbeki,PA1,2,Call home.\n"
)


@pytest.fixture
def journal(teaching_template: Path, tmp_path: Path) -> Path:
    from plnjournal.storage.backup import copy_database

    return copy_database(teaching_template, tmp_path / "cli.sqlite3")


@pytest.fixture
def secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The passphrase in a file, as a script gives it."""
    path = tmp_path / "passphrase.txt"
    path.write_text("correct horse battery\n", encoding="utf-8")
    monkeypatch.setenv(PASSPHRASE_FILE_ENV, str(path))
    return path


@pytest.fixture
def run(cli: Cli, journal: Path) -> Cli:
    """A command on the journal, which starts locked (a new process would)."""

    def go(*argv: str, db: Path | None = journal) -> Result:
        if db is not None:
            encryption.lock(db)
        return cli(*argv, db=db)

    return go


def _recovery_key(out: str) -> str:
    keys = [as_recovery_key(w) for w in out.split()]
    found = [k for k in keys if k is not None]
    assert len(found) == 1, out
    return found[0]


def test_encrypt_then_every_command_then_decrypt(
    run: Cli, journal: Path, secret: Path, tmp_path: Path
) -> None:
    assert run("add", "Zebracorn at the gate: quillfeather.").code == 0
    assert run("backup").code == 0  # a plaintext backup from before
    before = all_rows(journal)

    r = run("encrypt")
    assert r.code == 0, r.err
    assert encryption.LOST_BOTH in r.out
    assert "cannot be opened by anyone, including us." in encryption.LOST_BOTH
    _recovery_key(r.out)
    assert encryption.is_encrypted(journal) and all_rows(journal) == before

    feedback = tmp_path / "feedback.csv"
    feedback.write_text(FEEDBACK, encoding="utf-8")
    assert run("add", "Second zebracorn, with Okafor-Mbeki.").code == 0
    r = run("search", "zebracorn", "--json")
    assert r.code == 0 and len(r.json()) == 2
    assert "quillfeather" in run("show", "-n", "5").out
    assert run("import-feedback", str(feedback)).code == 0
    assert "Call home." in run("feedback-inbox").out
    assert run("stats", "--json").json()["entries"] == 2
    assert run("skills", "matrix").code == 0
    assert run("avoidance").code == 0
    out = tmp_path / "export.json"
    assert run("export-journal", str(out), "--format", "json").code == 0
    assert "quillfeather" in out.read_text(encoding="utf-8")
    assert run("backup").code == 0
    assert len(run("backups", "--json").json()) >= 3

    # Nothing of the words is readable on the disk, backups included.
    files = [p for p in journal.parent.rglob("*") if p != out and p != feedback]
    assert readable_words(*files) == []

    encryption.unlock(journal, "correct horse battery")
    encrypted_rows = all_rows(journal)
    r = run("decrypt", "--yes")
    assert r.code == 0, r.err
    assert not encryption.is_encrypted(journal) and not key_file(journal).exists()
    assert all_rows(journal) == encrypted_rows
    assert run("search", "zebracorn", "--json").code == 0


def test_a_wrong_passphrase_is_one_line_and_exit_2(
    run: Cli, journal: Path, secret: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("encrypt").code == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("battery staple\n", encoding="utf-8")
    monkeypatch.setenv(PASSPHRASE_FILE_ENV, str(wrong))
    for argv in (("show",), ("add", "x"), ("unlock",), ("stats",)):
        r = run(*argv)
        assert r.code == 2, argv
        assert r.err.count("\n") == 1 and "wrong passphrase or recovery key" in r.err
    assert encryption.is_encrypted(journal)


def test_no_terminal_and_no_file_says_how_to_give_it(
    run: Cli, journal: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("encrypt").code == 0
    monkeypatch.delenv(PASSPHRASE_FILE_ENV)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    r = run("search", "anything")
    assert r.code == 2 and r.err.count("\n") == 1
    assert PASSPHRASE_FILE_ENV in r.err and "plnjournal unlock --remember" in r.err


def test_prompts_on_a_terminal(run: Cli, journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter(["tiger lily", "tiger lily"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert run("encrypt").code == 0
    asked: list[str] = []

    def answer(prompt: str = "") -> str:
        asked.append(prompt)
        return "tiger lily"

    monkeypatch.setattr(getpass, "getpass", answer)
    assert run("stats").code == 0 and len(asked) == 1 and journal.name in asked[0]
    # Two different new passphrases: nothing changes.
    answers = iter(["one", "two"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    other = journal.with_name("other.sqlite3")
    assert run("add", "Another journal.", db=other).code == 0
    r = run("encrypt", db=other)
    assert r.code == 2 and "differ" in r.err and not encryption.is_encrypted(other)


def test_passphrase_change_and_recovery_key_new(
    run: Cli, journal: Path, secret: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _recovery_key(run("encrypt").out)
    new = tmp_path / "new.txt"
    new.write_text("new and longer\n", encoding="utf-8")
    monkeypatch.setenv(NEW_PASSPHRASE_FILE_ENV, str(new))
    r = run("passphrase", "change")
    assert r.code == 0, r.err
    assert run("show").code == 2  # the old passphrase no longer opens it
    monkeypatch.setenv(PASSPHRASE_FILE_ENV, str(new))
    assert run("show").code == 0

    r = run("recovery-key", "new")
    assert r.code == 0 and "including us" in r.out
    second = _recovery_key(r.out)
    assert second != first
    key = tmp_path / "key.txt"
    key.write_text(first + "\n", encoding="utf-8")
    monkeypatch.setenv(PASSPHRASE_FILE_ENV, str(key))
    assert run("unlock").code == 2  # the old recovery key is gone
    key.write_text(second.lower() + "\n", encoding="utf-8")
    assert run("unlock").code == 0


@pytest.mark.usefixtures("memory_keyring")
def test_unlock_remember_and_forget(
    run: Cli, journal: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ring = keyring.get_keyring()
    assert isinstance(ring, MemoryKeyring)
    assert run("encrypt").code == 0
    r = run("unlock", "--remember")
    assert r.code == 0 and "remembers" in r.out
    monkeypatch.delenv(PASSPHRASE_FILE_ENV)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert run("stats").code == 0  # from the keyring, no passphrase asked
    assert run("unlock", "--forget").code == 0
    assert ring.items == {}
    assert run("stats").code == 2


def test_decrypt_asks_first_and_restore_takes_an_encrypted_backup(
    run: Cli, journal: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("add", "Before the backup.")
    assert run("backup").code == 0
    assert run("encrypt").code == 0
    backup = backup_infos(journal)[0].path
    assert encryption.is_encrypted(backup) and key_file(backup).exists()
    run("add", "After the backup.")
    assert run("restore", str(backup), "--yes").code == 0
    assert [e["title"] for e in run("search", "backup", "--json").json()] == ["Before the backup."]
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    r = run("decrypt")
    assert r.code == 2 and "--yes" in r.err and encryption.is_encrypted(journal)


def test_encrypt_twice_and_the_key_file_mode(run: Cli, journal: Path, secret: Path) -> None:
    assert run("encrypt").code == 0
    assert key_file(journal).stat().st_mode & 0o777 == 0o600
    doc = json.loads(key_file(journal).read_text())
    assert set(doc["slots"]) == {"passphrase", "recovery"}
    r = run("encrypt")
    assert r.code == 2 and "already encrypted" in r.err


def test_a_backup_that_cannot_be_encrypted_is_listed_and_deleted_when_asked(
    run: Cli, journal: Path, secret: Path
) -> None:
    run("add", "Zebracorn before.")
    assert run("backup").code == 0
    damaged = backup_infos(journal)[0].path
    data = bytearray(damaged.read_bytes())
    data[4096:] = b"quillfeather " * ((len(data) - 4096) // 13) + b"x" * ((len(data) - 4096) % 13)
    damaged.write_bytes(bytes(data))
    r = run("encrypt")
    assert r.code == 0, r.err
    assert "could not be encrypted" in r.out and str(damaged) in r.out
    assert "Delete them yourself" in r.out and damaged.exists()
    assert encryption.plaintext_leftovers(journal) == [damaged]
    assert not key_file(damaged).exists()

    r = run("decrypt", "--yes")
    assert r.code == 0
    r = run("encrypt", "--delete-leftovers")
    assert r.code == 0 and "Deleted." in r.out and not damaged.exists()
    assert readable_words(*journal.parent.rglob("*")) == []


@pytest.mark.slow
def test_a_plain_journal_loads_no_encryption_module(tmp_path: Path) -> None:
    """The plain journal's start is unchanged: SQLCipher, cryptography and keyring load only
    for a journal with a key file."""
    path = tmp_path / "plain.sqlite3"
    code = (
        "import sys\n"
        "from plnjournal.cli import main\n"
        f"for argv in (['add', 'hello'], ['add', 'again'], ['search', 'hello'], ['show']):\n"
        f"    assert main(['--db', {str(path)!r}, *argv]) == 0\n"
        "heavy = ('sqlcipher3', 'cryptography', 'keyring', 'plnjournal.storage.encryption')\n"
        "bad = [m for m in heavy if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
