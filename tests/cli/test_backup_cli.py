"""The backup, backups and restore commands, and the one-line advice for a damaged journal."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from plnjournal.paths import backup_dir
from tests.cli.conftest import Cli


def _titles(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM entries ORDER BY id")]
    finally:
        conn.close()


def test_first_start_of_the_day_backs_up(cli: Cli, db_path: Path) -> None:
    assert cli("add", "First.").code == 0  # a new journal: nothing to back up yet
    assert cli("add", "Second.").code == 0  # same day: one daily backup, of the first entry
    backups = cli("backups", "--json").json()
    assert [b["kind"] for b in backups] == ["daily"]
    assert _titles(Path(backups[0]["path"])) == ["First."]


def test_backup_into_the_folder_and_list(cli: Cli, db_path: Path) -> None:
    cli("add", "Hello.")
    r = cli("backup")
    assert r.code == 0 and "Backed up" in r.out
    listing = cli("backups")
    assert listing.code == 0 and "Made by hand" in listing.out
    assert str(backup_dir(db_path)) in listing.out


def test_backup_to_a_destination(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    cli("add", "Hello.")
    dest = tmp_path / "usb" / "copy.sqlite3"
    dest.parent.mkdir()  # a missing folder is an error (tests/cli/test_output_files.py)
    assert cli("backup", str(dest)).code == 0
    assert _titles(dest) == ["Hello."]
    # Never overwrites a file…
    r = cli("backup", str(dest))
    assert r.code == 2 and "already exists" in r.err
    # …and a folder gets a dated file inside it.
    assert cli("backup", str(dest.parent)).code == 0
    assert len(list(dest.parent.glob("journal-*-manual.sqlite3"))) == 1


def test_no_backups_yet(cli: Cli) -> None:
    r = cli("backups")
    assert r.code == 0 and "No backups yet" in r.out


def test_restore_by_name_without_a_terminal(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("add", "Keep me.")
    cli("backup")
    cli("add", "Written later.")
    name = cli("backups", "--json").json()[0]["path"]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: no question asked
    r = cli("restore", Path(name).name)
    assert r.code == 0 and "Restored" in r.out and "backed up in" in r.out
    assert _titles(db_path) == ["Keep me."]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("answer, restored", [("n\n", False), ("y\n", True)])
def test_restore_asks_on_a_terminal(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, restored: bool
) -> None:
    cli("add", "Old.")
    cli("backup")
    cli("add", "New.")
    backup = cli("backups", "--json").json()[0]["path"]
    monkeypatch.setattr("sys.stdin", _Terminal(answer))
    r = cli("restore", backup)
    if restored:
        assert r.code == 0 and _titles(db_path) == ["Old."]
    else:
        assert r.code == 1 and "Nothing was restored" in r.out and not r.err
        assert _titles(db_path) == ["Old.", "New."]


def test_restore_yes_skips_the_question(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("add", "Old.")
    cli("backup")
    cli("add", "New.")
    backup = cli("backups", "--json").json()[0]["path"]
    monkeypatch.setattr("sys.stdin", _Terminal(""))  # would answer "no" if asked
    assert cli("restore", backup, "--yes").code == 0
    assert _titles(db_path) == ["Old."]


def test_restore_a_damaged_backup_is_refused_before_asking(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    cli("add", "Current.")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 8000)
    r = cli("restore", str(bad), "--yes")
    assert r.code == 1 and "bad.sqlite3" in r.err and "Traceback" not in r.err
    assert _titles(db_path) == ["Current."]


def test_damaged_journal_is_one_line_naming_backup_and_command(cli: Cli, db_path: Path) -> None:
    cli("add", "Precious.")
    cli("backup")
    data = bytearray(db_path.read_bytes())
    for i in range(4096, min(len(data), 4096 * 6)):
        data[i] = 0xA5
    db_path.write_bytes(bytes(data))
    backup = cli("backups", "--json").json()[0]["path"]
    for args in (["add", "x"], ["stats"], ["search", "x"]):
        r = cli(*args)
        lines = r.err.strip().splitlines()
        assert r.code == 1 and len(lines) == 1, r.err
        assert "damaged" in lines[0] and backup in lines[0]
        assert f"restore {backup}" in lines[0] and "--db" in lines[0]
    assert db_path.read_bytes() == bytes(data)  # never repaired in place
    # The advised command works.
    assert cli("restore", backup, "--yes").code == 0
    assert _titles(db_path) == ["Precious."]
