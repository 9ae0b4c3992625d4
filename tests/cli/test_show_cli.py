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


def test_search_filters_and_plain_json_snippets(cli, teaching_db) -> None:
    """search --from/--to/--skill/--tag narrow the hits; --json gives a plain snippet and
    the highlights as offsets (issue 20, finding 6)."""
    import datetime as dt

    from plnjournal.core.journal.entries import add_entry
    from plnjournal.core.skills.lookup import find_skill

    with teaching_db.session() as s:
        pa1 = find_skill(s, "PA1").id
        old = add_entry(s, entry_date=dt.date(2026, 1, 5), title="Parents", body="parents evening")
        new = add_entry(
            s,
            entry_date=dt.date(2026, 11, 5),
            title="Call",
            body="I phoned the parents.",
            skills={pa1: None},
            tags=["phone"],
        )
        old_id, new_id = old.id, new.id
    db = teaching_db.path
    ids = lambda *a: [h["entry_id"] for h in cli("search", "parents", "--json", *a, db=db).json()]  # noqa: E731
    assert sorted(ids()) == sorted([old_id, new_id])
    assert ids("--from", "2026-06-01") == [new_id]
    assert ids("--to", "2026-06-01") == [old_id]
    assert ids("--skill", "PA1") == [new_id]
    assert ids("--tag", "phone") == [new_id]
    hit = next(h for h in cli("search", "phoned", "--json", db=db).json())
    assert "[" not in hit["snippet"] and "\ue000" not in hit["snippet"]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "phoned"


def test_show_one_entry_and_filters_and_tags(cli, teaching_db) -> None:
    """show ID prints that reflection; --from/--to/--on/--skill/--tag choose which, -n how
    many; tags are shown, and `tags` lists them with counts (issue 20, findings 4 and 7)."""
    import datetime as dt

    from plnjournal.core.journal.entries import add_entry
    from plnjournal.core.skills.lookup import find_skill

    with teaching_db.session() as s:
        pa1 = find_skill(s, "PA1").id
        a = add_entry(s, entry_date=dt.date(2026, 10, 1), title="A", body="first", tags=["calm"])
        b = add_entry(
            s,
            entry_date=dt.date(2026, 10, 2),
            title="B",
            body="second",
            skills={pa1: None},
            tags=["calm", "phone"],
        )
        c = add_entry(s, entry_date=dt.date(2026, 10, 3), title="C", body="third")
        ids = a.id, b.id, c.id
    db = teaching_db.path

    def shown(*argv: str) -> list[int]:
        return [e["entry_id"] for e in cli("show", "--json", *argv, db=db).json()]

    assert shown(str(ids[0])) == [ids[0]]
    assert shown("-n", "5") == list(ids)
    assert shown("--on", "2026-10-02") == [ids[1]]
    assert shown("--from", "2026-10-02", "-n", "5") == [ids[1], ids[2]]
    assert shown("--to", "2026-10-01", "-n", "5") == [ids[0]]
    assert shown("--skill", "PA1", "-n", "5") == [ids[1]]
    assert shown("--tag", "calm", "-n", "5") == [ids[0], ids[1]]
    text = cli("show", str(ids[1]), db=db).out
    assert "Tags: calm, phone" in text and "PA1" in text
    r = cli("show", "99999", db=db)
    assert r.code == 2 and "99999" in r.err
    tags = cli("tags", "--json", db=db).json()
    assert tags == [{"tag": "calm", "reflections": 2}, {"tag": "phone", "reflections": 1}]
    assert "calm" in cli("tags", db=db).out


def test_add_links_at_skills_and_keeps_other_at_words_as_tags(cli, teaching_db) -> None:
    r = cli("add", "Phoned home about Sam @PA1 @parents-evening", db=teaching_db.path)
    assert r.code == 0, r.err
    (entry,) = cli("show", "--json", db=teaching_db.path).json()
    assert entry["skills"] == ["PA1"]
    assert entry["tags"] == ["parents-evening"]
