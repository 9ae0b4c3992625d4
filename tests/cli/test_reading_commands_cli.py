"""Commands that only read or copy the journal: they work on a read-only journal, and never
turn an empty or foreign file into a journal (issue 18, finding 13)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from plnjournal.storage.db import Database
from tests.cli.conftest import Cli
from tests.storage.hostile import read_only

READERS = (
    ["stats"],
    ["search", "lesson"],
    ["show"],
    ["backup"],
    ["export-journal", "OUT/export.json"],
    ["skills", "list"],
)


def _argv(args: list[str], out: Path) -> list[str]:
    return [a.replace("OUT", str(out)) for a in args]


def test_a_read_only_journal_can_be_backed_up_and_exported(
    cli: Cli, teaching_db: Database, tmp_path: Path
) -> None:
    cli("add", "Written while writable.", db=teaching_db.path)
    teaching_db.close()
    path = teaching_db.path
    before = path.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    with read_only(path):
        r = cli("backup", str(out / "copy.sqlite3"), db=path)
        assert r.code == 0, r.err
        r = cli("export-journal", str(out / "journal.json"), db=path)
        assert r.code == 0, r.err
        r = cli("backup", db=path)  # into backups/ beside it: the folder is writable
        assert r.code == 0, r.err
        r = cli("add", "Not now.", db=path)
        assert r.code == 1 and "the journal file is read-only" in r.err
    assert path.read_bytes() == before
    data = json.loads((out / "journal.json").read_text())
    assert [e["title"] for e in data["tables"]["entries"]] == ["Written while writable."]
    conn = sqlite3.connect(out / "copy.sqlite3")
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    conn.close()


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00"], ids=["0 bytes", "16 bytes"])
@pytest.mark.parametrize("args", READERS, ids=lambda a: a[0])
def test_a_reading_command_never_makes_a_journal_of_an_empty_file(
    cli: Cli, tmp_path: Path, args: list[str], content: bytes
) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(content)
    r = cli(*_argv(args, tmp_path), db=path)
    assert r.code != 0 and "not a" in r.err, r.err  # "not a journal", "not a PLN Journal …"
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
    assert path.read_bytes() == content
    assert not list(tmp_path.glob("journal.sqlite3?*")) and not (tmp_path / "backups").exists()


def test_a_reading_command_never_makes_a_journal_of_an_empty_database(
    cli: Cli, tmp_path: Path
) -> None:
    """A real SQLite file with nothing in it is not a journal either."""
    path = tmp_path / "empty.sqlite3"
    sqlite3.connect(path).execute("VACUUM").connection.close()
    before = path.read_bytes()
    for args in READERS:
        r = cli(*_argv(args, tmp_path), db=path)
        assert r.code != 0 and "not a journal" in r.err, (args, r.err)
    assert path.read_bytes() == before


def test_the_window_and_writing_commands_still_start_a_journal_in_an_empty_file(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "new.sqlite3"
    path.touch()
    assert cli("add", "First.", db=path).code == 0
    assert cli("stats", "--json", db=path).json()["entries"] == 1
