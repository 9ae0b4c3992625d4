"""import-feedback, feedback-template and feedback-inbox through ``main(argv)``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Cli

GOOD = "date,mentor,skill,rating,comment\n2026-11-03,Ms Okafor,CL1,3,Calm.\n2026-11-03,Ms Okafor,PA1,2,Call home.\n"
BAD = "date,mentor,skill,rating\n2026-11-03,Ms O,CL1,3\n2026-11-03,Ms O,CL2,9\n"


@pytest.fixture
def journal(teaching_template: Path, tmp_path: Path) -> Path:
    """A journal file with the teaching framework, for the CLI to open."""
    from plnjournal.storage.backup import copy_database

    return copy_database(teaching_template, tmp_path / "cli.sqlite3")


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _items(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM feedback_items").fetchone()[0])


def test_json_shape_and_exit_codes(cli: Cli, journal: Path, tmp_path: Path) -> None:
    good = _file(tmp_path, "good.csv", GOOD)
    r = cli("import-feedback", str(good), "--json", db=journal)
    assert r.code == 0
    assert r.json() == {"imported": 2, "duplicates": 0, "warnings": [], "errors": []}
    r = cli("import-feedback", str(good), "--json", db=journal)
    assert (r.code, r.json()["imported"], r.json()["duplicates"]) == (0, 0, 2)
    bad = _file(tmp_path, "feedback.csv", BAD)
    r = cli("import-feedback", str(bad), "--json", db=journal)
    assert r.code == 2
    assert r.json()["errors"] == [
        {
            "file": "feedback.csv",
            "line": 3,
            "column": "rating",
            "message": "9 is outside the scale 1–5",
        }
    ]
    assert _items(journal) == 2


def test_text_output(cli: Cli, journal: Path, tmp_path: Path) -> None:
    good = _file(tmp_path, "good.csv", GOOD + "2026-11-04,Ms Okafor,CL1,3,\n")
    r = cli("import-feedback", str(good), "--dry-run", db=journal)
    assert r.code == 0 and "would import 3 feedback items" in r.out and _items(journal) == 0
    r = cli("import-feedback", str(good), db=journal)
    assert "Imported 3 feedback items (0 duplicates" in r.out and "Backup taken first" in r.out
    r = cli("import-feedback", str(good), db=journal)
    assert "Nothing new to import: 3 duplicates" in r.out
    bad = _file(tmp_path, "feedback.csv", BAD)
    r = cli("import-feedback", str(bad), db=journal)
    assert r.code == 2
    assert "plnjournal: error: feedback.csv:3: rating: 9 is outside the scale 1–5" in r.err
    assert "nothing was imported: 1 problem to fix first" in r.err


def test_map_date_format_and_create_missing_skills(cli: Cli, journal: Path, tmp_path: Path) -> None:
    f = _file(tmp_path, "f.csv", "When,Who,Skill,Score\n03/11/2026,Ms O,Brand new,3\n")
    r = cli(
        "import-feedback",
        str(f),
        "--map",
        "When=date",
        "--map",
        "Who=mentor",
        "--date-format",
        "%d/%m/%Y",
        "--create-missing-skills",
        db=journal,
    )
    assert r.code == 0, r.err
    assert "Added skill IMP1 Brand new to the 'Imported' area." in r.out
    assert cli("import-feedback", str(f), "--map", "nonsense", db=journal).code == 2


def test_a_journal_that_is_not_one_exits_2(cli: Cli, tmp_path: Path) -> None:
    good = _file(tmp_path, "good.csv", GOOD)
    damaged = _file(tmp_path, "damaged.sqlite3", "this is not a database " * 100)
    r = cli("import-feedback", str(good), "--json", db=damaged)
    assert r.code == 2  # the wrong file given as the journal: bad input
    assert r.json()["errors"][0]["file"] is None
    assert "damaged" in r.json()["errors"][0]["message"]
    r = cli("import-feedback", str(good), db=damaged)
    assert r.code == 2 and "plnjournal: error:" in r.err


def test_template_and_inbox(cli: Cli, journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "ask.md"
    r = cli(
        "feedback-template", str(out), "--skills", "CL1,PA1", "--mentor", "Ms Okafor", db=journal
    )
    assert r.code == 0 and "2 skills" in r.out and out.is_file()
    assert cli("feedback-template", str(out), db=journal).code == 2  # kept, not overwritten
    cli("import-feedback", str(_file(tmp_path, "g.csv", GOOD)), db=journal)
    r = cli("feedback-inbox", "--json", db=journal)
    assert [(x["skill"], x["rating"]) for x in r.json()] == [("PA1", 2)]
    r = cli("feedback-inbox", db=journal)
    assert "Ms Okafor on PA1 Difficult conversations with parents: rated 2" in r.out


LOW = (
    "date,mentor,skill,rating,comment\n"
    "2026-09-02,Ms Okafor,PA1,1,Defensive in the debrief.\n"
    "2026-10-01,Ms Okafor,PA1,1,Defensive in the debrief again.\n"
    "2026-10-15,Mr Brennan,AS1,4,You need to act on the marking policy.\n"
)


def _answers(db: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT entry_id, feedback_item_id FROM entry_feedback ORDER BY feedback_item_id"
        ).fetchall()


def _entries(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])


def test_add_responds_links_the_items_and_their_skills(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    cli("import-feedback", str(_file(tmp_path, "low.csv", LOW)), db=journal)
    inbox = cli("feedback-inbox", "--json", db=journal).json()
    pa1 = [x["id"] for x in inbox if x["skill"] == "PA1"]
    as1 = next(x["id"] for x in inbox if x["skill"] == "AS1")
    text = cli("feedback-inbox", db=journal).out
    assert all(f"#{i}" in text for i in [*pa1, as1]) and "add --responds ID" in text
    r = cli(
        "add",
        "--responds",
        str(pa1[0]),
        "--responds",
        f"#{pa1[1]}",  # as the inbox prints it
        "--skill",
        "CL1",
        "I get defensive because I fear the parents' anger.",
        db=journal,
    )
    assert r.code == 0, r.err
    assert f"answers #{pa1[0]}: Ms Okafor on PA1" in r.out
    (entry_id, _), _ = _answers(journal)
    assert _answers(journal) == [(entry_id, pa1[0]), (entry_id, pa1[1])]
    with sqlite3.connect(journal) as conn:
        codes = [
            c
            for (c,) in conn.execute(
                "SELECT s.code FROM entry_skills es JOIN skills s ON s.id = es.skill_id "
                "WHERE es.entry_id = ? ORDER BY s.code",
                (entry_id,),
            )
        ]
    assert codes == ["CL1", "PA1"]  # the item's skill joined the one asked for
    assert [x["id"] for x in cli("feedback-inbox", "--json", db=journal).json()] == [as1]


def test_add_responds_to_an_unknown_or_answered_item_writes_nothing(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    cli("import-feedback", str(_file(tmp_path, "low.csv", LOW)), db=journal)
    first, second, _ = (x["id"] for x in cli("feedback-inbox", "--json", db=journal).json())
    assert cli("add", "--responds", str(first), "Answered.", db=journal).code == 0
    before = (_entries(journal), _answers(journal))
    r = cli("add", "--responds", str(second), "--responds", str(first), "Again.", db=journal)
    assert r.code == 2
    assert f"already answered by a reflection: #{first} (Ms Okafor on PA1)" in r.err
    assert "nothing was added" in r.err
    r = cli("add", "--responds", "9999", "--responds", str(second), "Typo.", db=journal)
    assert r.code == 2 and "feedback item #9999 does not exist" in r.err
    assert (_entries(journal), _answers(journal)) == before
    r = cli("add", "--responds", "x", "Bad.", db=journal)
    assert r.code == 2 and "'x' is not a whole number" in r.err


def test_inbox_shows_the_cues_and_praise_can_be_marked_and_undone(
    cli: Cli, journal: Path, tmp_path: Path
) -> None:
    f = _file(
        tmp_path,
        "c.csv",
        "date,mentor,skill,rating,comment\n"
        "2026-11-03,Ms Okafor,CL1,3,Rushed the handover and omitted the checks.\n"
        "2026-11-04,Ms Okafor,IN1,4,Not a single error… excellent.\n",
    )
    assert cli("import-feedback", str(f), db=journal).code == 0
    r = cli("feedback-inbox", "--json", db=journal)
    [item] = r.json()
    assert item["cues"] == ["Rushed the handover", "omitted the checks"]
    r = cli("feedback-inbox", db=journal)
    assert (
        "the comment asks for change: \u201cRushed the handover\u201d, \u201comitted the checks\u201d"
        in r.out
    )
    r = cli("feedback-praise", str(item["id"]), db=journal)
    assert r.code == 0
    assert f"Marked feedback #{item['id']} (Ms Okafor on CL1, 3 Nov 2026) as praise" in r.out
    assert cli("feedback-inbox", "--json", db=journal).json() == []
    with sqlite3.connect(journal) as conn:
        assert conn.execute("SELECT count(*) FROM feedback_items").fetchone()[0] == 2
    r = cli("feedback-praise", str(item["id"]), "--undo", db=journal)
    assert r.code == 0 and "is no longer marked as praise" in r.out
    assert [x["id"] for x in cli("feedback-inbox", "--json", db=journal).json()] == [item["id"]]
    r = cli("feedback-praise", "999", db=journal)
    assert r.code != 0 and "feedback item 999 does not exist" in r.err


LONG = "You " + "keep rushing the handover and leave out the checks " * 5


def test_inbox_limit_ellipsis_and_respond(cli: Cli, journal: Path, tmp_path: Path) -> None:
    """feedback-inbox --limit N shows N items and says how many more; a long comment ends in
    '…'; `respond ID TEXT` answers an item from the command line (issue 20, finding 11)."""
    rows = "date,mentor,skill,rating,comment\n" + "".join(
        f"2026-10-{d:02d},Ms Okafor,PA1,1,{LONG}\n" for d in range(1, 6)
    )
    cli("import-feedback", str(_file(tmp_path, "many.csv", rows)), db=journal)
    r = cli("feedback-inbox", "--limit", "2", db=journal)
    assert r.code == 0, r.err
    assert r.out.count("Ms Okafor on PA1") == 2
    assert "3 more" in r.out and "--limit" in r.out
    assert "…" in r.out
    first = cli("feedback-inbox", "--json", db=journal).json()[0]["id"]
    r = cli("respond", str(first), "I rush because I leave the notes to the end.", db=journal)
    assert r.code == 0, r.err
    assert first not in [x["id"] for x in cli("feedback-inbox", "--json", db=journal).json()]
    assert _answers(journal)[-1][1] == first
    with sqlite3.connect(journal) as conn:
        body = conn.execute("SELECT body FROM entries ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert "I rush because I leave the notes to the end." in body and "> You keep" in body
    r = cli("respond", "99999", "text", db=journal)
    assert r.code == 2 and "99999" in r.err
