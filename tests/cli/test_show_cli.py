"""``plnjournal show``: the latest reflections in full, newest last, private ones marked."""

from __future__ import annotations

from plnjournal.storage.db import Database
from tests.cli.conftest import Cli


def _add(cli: Cli, date: str, time: str, text: str, *extra: str) -> None:
    assert cli("add", "--date", date, "--time", time, text, *extra).code == 0


def test_show_last_and_n(cli: Cli) -> None:
    _add(cli, "2026-11-02", "09:00", "Older. Not shown with -n 1.")
    _add(cli, "2026-11-03", "18:00", "Parents evening. Hard talk with Dani's dad.")
    _add(cli, "2026-11-03", "08:00", "Morning. Before school.", "--private")

    r = cli("show")
    assert r.code == 0
    assert r.out.splitlines()[0] == "2026-11-03 18:00  #2  Parents evening."
    assert "Hard talk with Dani's dad." in r.out
    assert "Older" not in r.out

    shown = cli("show", "-n", "2", "--json").json()
    assert [(e["entry_id"], e["date"], e["time"], e["private"]) for e in shown] == [
        (3, "2026-11-03", "08:00", True),
        (2, "2026-11-03", "18:00", False),
    ]
    text = cli("show", "-n", "5").out
    assert text.index("Older") < text.index("Morning") < text.index("Parents evening")
    assert "#3  Morning.  (private)" in text


def test_show_skills(cli: Cli, teaching_db: Database) -> None:
    _add(cli, "2026-11-03", "18:00", "Routines. The door routine held.", "--skill", "CL1")
    shown = cli("show", "--json").json()
    assert shown[0]["skills"] == ["CL1"]
    assert "Skills: CL1 " in cli("show").out


def test_show_empty_journal_and_bad_n(cli: Cli, db: Database) -> None:
    r = cli("show")
    assert r.code == 0 and "No reflections yet." in r.out
    r = cli("show", "-n", "0")
    assert r.code == 2 and "must be 1 or more" in r.err
