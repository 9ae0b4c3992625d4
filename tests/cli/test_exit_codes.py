"""The README's exit codes hold for every row: 0 success, 1 failure, 2 usage or bad input;
declining a question is neither an error nor a failure to hide (issue 20, finding 9)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Cli


@pytest.fixture
def things(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "folder"
    folder.mkdir()
    text = tmp_path / "notes.txt"
    text.write_text("not a journal")
    png = tmp_path / "picture.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    return {"folder": folder, "text": text, "png": png}


@pytest.mark.parametrize(
    ("argv", "db_key"),
    [
        (("stats",), "folder"),
        (("stats",), "text"),
        (("search", "x"), "text"),
    ],
)
def test_the_wrong_kind_of_file_as_the_journal_is_bad_input(
    cli: Cli, things: dict[str, Path], argv: tuple[str, ...], db_key: str
) -> None:
    r = cli(*argv, db=things[db_key])
    assert r.code == 2, r.err
    assert len(r.err.strip().splitlines()) == 1


def test_restore_given_the_wrong_thing_is_bad_input(cli: Cli, demo_db, things) -> None:
    r = cli("restore", "no-such-backup", "--yes", db=demo_db.path)
    assert r.code == 2 and "no such backup" in r.err
    r = cli("restore", str(things["png"]), "--yes", db=demo_db.path)
    assert r.code == 2 and "not a PLN Journal backup" in r.err


def test_declining_restore_is_said_plainly(cli: Cli, demo_db, monkeypatch) -> None:
    backup = cli("backup", db=demo_db.path)
    assert backup.code == 0, backup.err
    name = cli("backups", "--json", db=demo_db.path).json()[0]["path"]

    class _Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", _Terminal("n\n"))
    r = cli("restore", name, db=demo_db.path)
    assert r.code == 1
    assert "error" not in r.err and "Nothing was restored" in r.out
