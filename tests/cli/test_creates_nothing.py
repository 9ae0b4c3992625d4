"""A command that fails creates nothing: no empty journal left behind, no folder tree made for
a mistyped --db, no silent fallback for an empty one (issue 20, finding 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Cli


@pytest.mark.parametrize(
    "argv",
    [
        ("add", "--skill", "NOPE", "A reflection"),
        ("import-journal", "/nope/nothing-here.txt"),
        ("import-feedback", "/nope/feedback.csv"),
        ("skills", "import", "/nope/framework.json"),
    ],
)
def test_a_failed_command_leaves_no_journal(cli: Cli, tmp_path: Path, argv) -> None:
    db = tmp_path / "new.sqlite3"
    r = cli(*argv, db=db)
    assert r.code != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_journal_that_was_there_is_kept_when_a_command_fails(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    assert cli("add", "First", db=db).code == 0
    assert cli("add", "--skill", "NOPE", "Second", db=db).code == 2
    assert db.exists() and "First" in cli("show", db=db).out


def test_db_in_a_missing_folder_is_refused(cli: Cli, tmp_path: Path) -> None:
    r = cli("add", "Hello", db=tmp_path / "no" / "such" / "j.sqlite3")
    assert r.code == 2 and "no such folder" in r.err
    assert not (tmp_path / "no").exists()


def test_an_empty_db_is_refused(cli: Cli) -> None:
    r = cli("--db", "", "stats", db=None)
    assert r.code == 2 and "--db" in r.err
