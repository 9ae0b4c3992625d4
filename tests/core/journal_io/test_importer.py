"""Importing journals: all-or-nothing, no duplicates, tags linked to skills, a backup first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from plnjournal.core.journal_io.importer import import_journal, prepare_import, write_import
from plnjournal.errors import PlnError, ValidationError
from plnjournal.storage.backup import list_backups
from plnjournal.storage.models import Entry, EntrySkill, EntryTag, Rating, Skill
from plnjournal.values import EntrySource

FIXTURES = Path(__file__).parents[2] / "fixtures"
JRNL = FIXTURES / "jrnl"


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _entry(db, title: str) -> tuple[Entry, dict[str, int | None], list[str]]:
    with db.session() as s:
        entry = s.scalars(select(Entry).where(Entry.title == title)).one()
        skills = dict(
            s.execute(
                select(Skill.code, EntrySkill.self_rating)
                .join(EntrySkill, EntrySkill.skill_id == Skill.id)
                .where(EntrySkill.entry_id == entry.id)
            ).all()
        )
        tags = list(s.scalars(select(EntryTag.tag).where(EntryTag.entry_id == entry.id)))
        return entry, skills, sorted(tags)


def test_jrnl_import_links_tags_to_skills_and_keeps_the_rest(teaching_db) -> None:
    summary = import_journal(teaching_db, JRNL / "journal.txt")
    assert (summary["imported"], summary["duplicates"]) == (10, 0)
    assert summary["linked_skills"] == {"CL2": 1, "IN4": 2, "PA1": 1, "PG1": 1, "PG3": 1}
    assert summary["tags"] == {"café": 1, "routines": 1, "workload": 2}

    entry, skills, tags = _entry(teaching_db, "Noon, mentor meeting.")
    # "@Managing-pace-and-time" is the name of IN4; "@PG1" is a code.
    assert skills == {"IN4": None, "PG1": None} and tags == []
    assert entry.entry_date == dt.date(2026, 11, 5) and entry.entry_time == dt.time(12, 0)
    assert entry.body.startswith("She said my explanations are clear")
    assert entry.source == EntrySource.JRNL
    assert entry.source_ref.endswith("journal.txt:10") and entry.source_key.startswith("jrnl:")
    entry, skills, tags = _entry(teaching_db, "Routines are sticking!")
    assert entry.highlight and skills == {"CL2": None} and tags == ["routines"]


def test_reimporting_adds_no_duplicates_even_from_the_json_export(teaching_db) -> None:
    import_journal(teaching_db, JRNL / "journal.txt")
    again = import_journal(teaching_db, JRNL / "journal.txt")
    as_json = import_journal(teaching_db, JRNL / "journal.jrnl.json")
    assert (again["imported"], again["duplicates"]) == (0, 10)
    assert (as_json["imported"], as_json["duplicates"]) == (0, 10)
    assert _count(teaching_db, Entry) == 10


def test_the_same_text_twice_in_one_minute_is_kept_twice(teaching_db, tmp_path: Path) -> None:
    path = tmp_path / "j.txt"
    path.write_text("[2026-11-28 07:45] Same.\nText\n\n[2026-11-28 07:45] Same.\nText\n")
    assert import_journal(teaching_db, path)["imported"] == 2
    assert import_journal(teaching_db, path)["imported"] == 0
    assert _count(teaching_db, Entry) == 2


def test_an_entry_already_written_in_the_app_is_not_imported_again(teaching_db, tmp_path) -> None:
    from plnjournal.core.journal.entries import add_entry

    with teaching_db.session() as s:
        add_entry(s, entry_date=dt.date(2026, 11, 28), entry_time=dt.time(7, 45), title="Same.")
    path = tmp_path / "j.txt"
    path.write_text("[2026-11-28 07:45] Same.\n")
    summary = import_journal(teaching_db, path)
    assert (summary["imported"], summary["duplicates"]) == (0, 1)


def test_dry_run_writes_nothing(teaching_db) -> None:
    summary = import_journal(teaching_db, JRNL / "journal.txt", dry_run=True)
    assert summary["dry_run"] and summary["new_entries"] == 10 and summary["imported"] == 0
    assert summary["sample"][0] == {
        "date": "2026-11-02",
        "time": "07:45",
        "title": "Parent phone call.",
        "from": f"{JRNL / 'journal.txt'}:1",
    }
    assert _count(teaching_db, Entry) == 0
    assert list_backups(teaching_db.path) == []


def test_a_backup_is_taken_before_writing(teaching_db) -> None:
    summary = import_journal(teaching_db, JRNL / "journal.txt")
    (backup,) = list_backups(teaching_db.path)
    assert summary["backup"] == str(backup) and "before-journal-import" in backup.name


def test_a_bad_file_writes_nothing(teaching_db, tmp_path: Path) -> None:
    path = tmp_path / "j.txt"
    path.write_text("[2026-11-27 09:00] Fine.\n\n[2026-11-31 09:00] No such day.\n")
    with pytest.raises(ValidationError, match=r"j\.txt:3: "):
        import_journal(teaching_db, path)
    assert _count(teaching_db, Entry) == 0


def test_markdown_self_ratings_must_fit_the_scale(teaching_db, tmp_path: Path) -> None:
    (tmp_path / "2026-11-28.md").write_text("---\nskills:\n  CL1: 9\n  XX9: 2\n---\nbody\n")
    with pytest.raises(ValidationError) as err:
        import_journal(teaching_db, tmp_path)
    messages = [str(p) for p in err.value.problems]
    assert any(":2: skills: CL1: self-rating 9 is outside the scale 1–5" in m for m in messages)
    assert any("unknown skill 'XX9'" in m for m in messages)
    assert _count(teaching_db, Entry) == 0


def test_skills_in_a_journal_without_a_framework_give_one_clear_problem(db, tmp_path) -> None:
    for day in (27, 28):
        (tmp_path / f"2026-11-{day}.md").write_text(
            "---\nplnjournal: 1\nskills:\n  CL1: 3\n  PA1: null\n---\n\nbody\n"
        )
    with pytest.raises(ValidationError) as err:
        import_journal(db, tmp_path)
    (problem,) = err.value.problems
    assert problem.line == 3 and "(CL1, PA1)" in problem.message
    assert "no skills framework yet" in problem.message
    assert _count(db, Entry) == 0


def test_markdown_self_ratings_become_ratings(teaching_db, tmp_path: Path) -> None:
    (tmp_path / "2026-11-28.md").write_text(
        "---\nplnjournal: 1\ntitle: Rated\nskills:\n  CL1: 3\n  PA1: null\n---\n\nbody\n"
    )
    import_journal(teaching_db, tmp_path)
    _, skills, _ = _entry(teaching_db, "Rated")
    assert skills == {"CL1": 3, "PA1": None}
    with teaching_db.session() as s:
        assert s.execute(select(Rating.level, Rating.rated_on)).all() == [
            (3, dt.date(2026, 11, 28))
        ]


def test_a_stale_preview_does_not_write_duplicates(teaching_db) -> None:
    plan = prepare_import(teaching_db, JRNL / "journal.txt")
    import_journal(teaching_db, JRNL / "journal.txt")  # someone imported meanwhile
    assert write_import(teaching_db, plan)["imported"] == 0
    assert _count(teaching_db, Entry) == 10


def test_cancelling_midway_leaves_nothing_written(teaching_db) -> None:
    class Stop(PlnError):
        pass

    def progress(done: int, total: int, message: str) -> None:
        if done > 0:
            raise Stop("cancelled")

    plan = prepare_import(teaching_db, FIXTURES / "dayone" / "Journal.json")
    with pytest.raises(Stop):
        write_import(teaching_db, plan, progress=progress)
    assert _count(teaching_db, Entry) == 0


def make_jrnl_journal(path: Path, days: int, start: dt.date = dt.date(2016, 12, 1)) -> None:
    """A jrnl journal with one entry a day, as jrnl writes it."""
    lines = []
    for i in range(days):
        day = start + dt.timedelta(days=i)
        lines.append(
            f"[{day.isoformat()} {19 + i % 3}:{i % 60:02d}] Day {i + 1}: what happened.\n"
            f"Taught period {i % 6 + 1}; tried something new @CL{i % 5 + 1} @week{i % 7}.\n"
        )
    path.write_text("\n".join(lines), encoding="utf-8")


def test_ten_years_of_jrnl_import_in_one_go(teaching_db, tmp_path: Path) -> None:
    # How fast is measured by bench/journal_import.py, not here.
    path = tmp_path / "ten-years.txt"
    make_jrnl_journal(path, 3650)
    steps: list[int] = []
    summary = import_journal(teaching_db, path, progress=lambda d, t, m: steps.append(d))
    assert summary["imported"] == 3650 and steps[-1] == 3650 and len(steps) > 5
    assert _count(teaching_db, Entry) == 3650
    assert _count(teaching_db, EntrySkill) == 3650 and _count(teaching_db, EntryTag) == 3650
    entry, skills, tags = _entry(teaching_db, "Day 3650: what happened.")
    assert entry.entry_date == dt.date(2016, 12, 1) + dt.timedelta(days=3649)
    assert skills == {"CL5": None}
    assert tags == ["week2"]  # 3649 % 7


def _index_is_sound(db) -> bool:
    """FTS5's own check that the full-text index holds exactly the entries' text, and the
    insert trigger that keeps it so is in place."""
    from sqlalchemy import text

    with db.session() as s:
        s.execute(text("INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)"))
        return (
            s.scalar(
                text(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'entries_fts_ai'"
                )
            )
            == 1
        )


def test_imported_reflections_are_searchable_and_so_are_later_ones(teaching_db) -> None:
    from plnjournal.core.journal.entries import add_entry
    from plnjournal.core.journal.search import search

    with teaching_db.session() as s:
        before = add_entry(s, entry_date=dt.date(2026, 1, 1), title="Before", body="zebra rota").id
    import_journal(teaching_db, JRNL / "journal.txt")
    with teaching_db.session() as s:
        after = add_entry(s, entry_date=dt.date(2027, 1, 1), title="After", body="zebra again").id
        assert [h.title for h in search(s, "explanations")] == ["Noon, mentor meeting."]
        assert {h.entry_id for h in search(s, "zebra")} == {before, after}
    assert _index_is_sound(teaching_db)


def test_a_failed_import_leaves_the_index_and_its_trigger_as_they_were(
    teaching_db, tmp_path: Path
) -> None:
    class Stop(PlnError):
        pass

    def progress(done: int, total: int, message: str) -> None:
        if done > 0:
            raise Stop("cancelled")

    path = tmp_path / "three-years.txt"
    make_jrnl_journal(path, 1200)  # several chunks: it stops halfway through
    plan = prepare_import(teaching_db, path)
    with pytest.raises(Stop):
        write_import(teaching_db, plan, progress=progress)
    assert _count(teaching_db, Entry) == 0
    assert _index_is_sound(teaching_db)
