"""A database error never prints what the user wrote: no SQL parameters on the terminal or in
the log, and the message is one line (issue 18, finding 7)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from plnjournal.core.journal import entries, quick_add
from plnjournal.storage.backup import daily_backup
from tests.cli.conftest import Cli

SECRET = "my private note about the patient in bay 3"


def _log_text() -> str:
    home = Path(os.environ["PLNJOURNAL_HOME"])
    return "".join(p.read_text(errors="replace") for p in home.rglob("*.log"))


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO no_such_table VALUES (:body)",  # an OperationalError (the file's problem)
        "INSERT INTO settings (key, value) VALUES (NULL, :body)",  # an IntegrityError (a bug)
    ],
)
def test_a_failing_statement_shows_no_user_text(
    cli: Cli, teaching_db, monkeypatch: pytest.MonkeyPatch, statement: str
) -> None:
    def failing_add(session, **kw):
        session.execute(text(statement), {"body": kw.get("body", SECRET)})

    monkeypatch.setattr(entries, "add_entry", failing_add)
    r = cli("add", "--title", "Shift", SECRET, db=teaching_db.path)
    assert r.code != 0
    assert SECRET not in r.err and SECRET not in r.out
    assert "[parameters" not in r.err and "[SQL" not in r.err
    assert len(r.err.strip().splitlines()) == 1, r.err
    assert SECRET not in _log_text()


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO no_such_table VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # an OperationalError
        "INSERT INTO settings (key, value) SELECT NULL, ? || ? || ? || ? || ? || ? || ? || ?",  # a bug
    ],
)
def test_a_failing_statement_of_quick_capture_shows_no_user_text(
    cli: Cli, teaching_db, monkeypatch: pytest.MonkeyPatch, statement: str
) -> None:
    """The same on the quick path (plain sqlite3, issue 20, finding 13)."""
    daily_backup(teaching_db.path)  # backed up today: the quick path writes
    monkeypatch.setattr(quick_add, "_INSERT_ENTRY", statement)
    monkeypatch.setattr(entries, "add_entry", None)  # never the full path
    r = cli("add", "--title", "Shift", SECRET, db=teaching_db.path)
    assert r.code != 0
    assert SECRET not in r.err and SECRET not in r.out
    assert len(r.err.strip().splitlines()) == 1, r.err
    assert SECRET not in _log_text()
