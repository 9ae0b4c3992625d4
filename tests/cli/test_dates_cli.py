"""Dates on the command line: the future only with --allow-future, weekday names everywhere
dates are taken (issue 20, finding 5)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from tests.cli.conftest import Cli


def _dates(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [d for (d,) in conn.execute("SELECT entry_date FROM entries ORDER BY id")]


def test_add_refuses_the_future_unless_allowed(cli: Cli, db_path: Path) -> None:
    r = cli("add", "--date", "2999-01-01", "A reflection from the future", db=db_path)
    assert r.code == 2 and "after today" in r.err and "--allow-future" in r.err
    assert not db_path.exists()  # nothing was created for a refused command
    r = cli("add", "--date", "2999-01-01", "--allow-future", "Planned", db=db_path)
    assert r.code == 0, r.err
    assert _dates(db_path) == ["2999-01-01"]


def test_weekday_names_are_dates(cli: Cli, db_path: Path) -> None:
    r = cli("add", "--date", "friday", "End of the week", db=db_path)
    assert r.code == 0, r.err
    (day,) = _dates(db_path)
    friday = dt.date.fromisoformat(day)
    today = dt.date.today()
    assert friday.weekday() == 4 and 1 <= (today - friday).days <= 7
    r = cli("avoidance", "--as-of", "yesterday", "--json", db=db_path)
    assert r.code == 0, r.err
