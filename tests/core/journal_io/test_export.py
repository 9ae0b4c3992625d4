"""Exports: Markdown that re-imports with no loss, JSON that restores every table, crash-safe."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from plnjournal.core.journal.stats import journal_stats
from plnjournal.core.journal_io.archive import dump_journal
from plnjournal.core.journal_io.export import export_journal
from plnjournal.core.journal_io.importer import import_journal
from plnjournal.errors import InputError, PlnError, ValidationError
from plnjournal.storage.db import open_database
from plnjournal.storage.models import Entry, EntryFeedback, FeedbackItem, Framework, Rating, Skill
from plnjournal.values import RatingOrigin


def _entries_as_data(db) -> list[tuple]:
    """Every reflection with everything that belongs to it, independent of ids."""
    with db.session() as s:
        out = []
        for e in s.scalars(select(Entry)):
            out.append(
                (
                    e.entry_date,
                    e.entry_time,
                    e.title,
                    e.body,
                    e.private,
                    e.highlight,
                    e.comfort,
                    e.reflection_model,
                    tuple(sorted((link.skill.code, link.self_rating) for link in e.skill_links)),
                    tuple(t.tag for t in e.tags),
                )
            )
        return sorted(out, key=repr)


def test_markdown_export_reimports_with_no_loss(demo_db, teaching_db, tmp_path: Path) -> None:
    from plnjournal.core.journal.entries import add_entry

    with demo_db.session() as s:  # the awkward cases: tags, a star, odd text, no time
        add_entry(
            s,
            entry_date=dt.date(2026, 11, 28),
            title='A "quoted": title\\',
            body="\n  leading blank line\n---\nnot front matter\n\n",
            tags=["parents", "two words"],
            private=True,
            comfort=5,
        )
        s.scalars(select(Entry)).first().highlight = True
    dest = tmp_path / "export"
    with demo_db.session() as s:
        n = journal_stats(s)["entries"]
        summary = export_journal(s, dest, "markdown", include_private=True)
    files = sorted(dest.glob("*.md"))
    assert summary["entries"] == len(files) == n
    result = import_journal(teaching_db, dest)
    assert (result["imported"], result["warnings"]) == (n, [])
    assert _entries_as_data(teaching_db) == _entries_as_data(demo_db)
    entry_ratings = (
        select(Rating.level, Rating.rated_on, Skill.code)
        .join(Skill)
        .where(Rating.origin == RatingOrigin.ENTRY)
    )
    with demo_db.session() as s, teaching_db.session() as t:
        assert sorted(t.execute(entry_ratings).all()) == sorted(s.execute(entry_ratings).all())


def test_markdown_export_into_the_same_journal_adds_nothing(demo_db, tmp_path: Path) -> None:
    with demo_db.session() as s:
        n = journal_stats(s)["entries"]
        export_journal(s, tmp_path / "export", "markdown", include_private=True)
    summary = import_journal(demo_db, tmp_path / "export")
    assert (summary["imported"], summary["duplicates"]) == (0, n)


def test_markdown_files_are_readable(demo_db, tmp_path: Path) -> None:
    with demo_db.session() as s:
        export_journal(
            s,
            tmp_path / "nov",
            "markdown",
            date_from=dt.date(2026, 11, 27),
            date_to=dt.date(2026, 11, 28),
        )
    names = sorted(p.name for p in (tmp_path / "nov").iterdir())
    assert names and all(n.startswith(("2026-11-27", "2026-11-28")) for n in names)
    text = (tmp_path / "nov" / names[0]).read_text(encoding="utf-8")
    assert text.startswith("---\nplnjournal: 1\ntitle: ")
    assert "\ndate: 2026-11-27\n" in text and "\nprivate: false\n" in text


def test_export_refuses_a_folder_with_files_and_writes_nothing(demo_db, tmp_path: Path) -> None:
    dest = tmp_path / "notes"
    dest.mkdir()
    (dest / "mine.md").write_text("keep me")
    with demo_db.session() as s, pytest.raises(InputError, match="not an empty folder"):
        export_journal(s, dest, "markdown")
    assert [p.name for p in dest.iterdir()] == ["mine.md"]


def test_a_failed_export_leaves_no_half_folder(demo_db, tmp_path, monkeypatch) -> None:
    calls = {"n": 0}
    real = Path.write_text

    def failing(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 10:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing)
    with demo_db.session() as s, pytest.raises(PlnError, match="No space left"):
        export_journal(s, tmp_path / "export", "markdown")
    assert not (tmp_path / "export").exists()
    assert not any(p.name.startswith(".export") for p in tmp_path.iterdir())


def _tables_without_ids(data: dict) -> dict:
    """Each table's rows with every id replaced by the row's rank, so two journals holding
    the same content compare equal whatever ids the database gave them."""
    from plnjournal.storage.models import Base

    ranks: dict[str, dict[int, int]] = {}
    for table in Base.metadata.sorted_tables:
        if "id" in table.columns:
            ids = sorted(row["id"] for row in data["tables"][table.name])
            ranks[table.name] = {old: i for i, old in enumerate(ids)}
    out = {}
    for table in Base.metadata.sorted_tables:
        rows = []
        for row in data["tables"][table.name]:
            row = dict(row)
            if table.name in ranks:
                row["id"] = ranks[table.name][row["id"]]
            for col in table.columns:
                for fk in col.foreign_keys:
                    target = fk.column.table.name
                    if row[col.name] is not None and target in ranks:
                        row[col.name] = ranks[target][row[col.name]]
            rows.append(row)
        out[table.name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
    return out


def test_json_export_restores_every_table_into_an_empty_journal(demo_db, tmp_path) -> None:
    with demo_db.session() as s:  # make the links the demo lacks, so they are tested too
        item = s.scalars(select(FeedbackItem)).first()
        s.add(EntryFeedback(entry_id=s.scalars(select(Entry.id)).first(), feedback_item_id=item.id))
        s.execute(Entry.__table__.delete().where(Entry.id == 5))  # ids with a gap
        from plnjournal.storage.models import FeedbackRequest, FeedbackRequestSkill, Setting

        req = FeedbackRequest(requested_on=dt.date(2026, 11, 1), mentor="Ms Okafor")
        req.skills = [FeedbackRequestSkill(skill_id=item.skill_id)]
        s.add_all([req, Setting(key="name", value='"Sam"')])
    with demo_db.session() as s:
        export_journal(s, tmp_path / "all.json", "json", include_private=True)
        before_stats = journal_stats(s)
        before = dump_journal(s)
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        result = import_journal(fresh, tmp_path / "all.json")
        assert result["imported"] == before_stats["entries"]
        with fresh.session() as s:
            assert journal_stats(s) == before_stats
            after = dump_journal(s)
        assert _tables_without_ids(after) == _tables_without_ids(before)
        assert all(before["tables"][name] for name in ("entry_feedback", "feedback_requests"))
        # And the restored journal is searchable: the full-text index was filled too.
        from plnjournal.core.journal.search import search

        with fresh.session() as s:
            from plnjournal.storage.dialect import raw_connection

            assert search(raw_connection(s), "seating")
    finally:
        fresh.close()


def test_json_restore_into_a_journal_with_entries_is_refused(demo_db, tmp_path: Path) -> None:
    with demo_db.session() as s:
        n = journal_stats(s)["entries"]
        export_journal(s, tmp_path / "all.json", "json")
    with pytest.raises(
        InputError, match=f"empty journal only; this one already has {n} reflections"
    ):
        import_journal(demo_db, tmp_path / "all.json")
    with demo_db.session() as s:
        assert journal_stats(s)["entries"] == n


def test_json_restore_keeps_an_unused_framework_but_makes_the_restored_one_active(
    demo_db, teaching_db, tmp_path: Path
) -> None:
    with demo_db.session() as s:
        export_journal(s, tmp_path / "all.json", "json")
    import_journal(teaching_db, tmp_path / "all.json")
    with teaching_db.session() as s:
        frameworks = s.execute(select(Framework.id, Framework.active).order_by(Framework.id)).all()
        assert [active for _, active in frameworks] == [False, True]


def test_json_period_export_leaves_out_other_entries_and_their_links(demo_db, tmp_path) -> None:
    with demo_db.session() as s:
        data = dump_journal(s, date_from=dt.date(2026, 11, 1), date_to=dt.date(2026, 11, 30))
    kept = {row["id"] for row in data["tables"]["entries"]}
    assert kept and all(r["entry_date"] >= "2026-11-01" for r in data["tables"]["entries"])
    assert all(r["entry_id"] in kept for r in data["tables"]["entry_skills"])
    assert all(r["entry_id"] in kept or r["entry_id"] is None for r in data["tables"]["ratings"])
    assert all(
        r["entry_id"] in kept or r["entry_id"] is None for r in data["tables"]["commitments"]
    )
    assert data["tables"]["skills"]  # the framework is always whole


def test_a_damaged_json_export_names_the_row_and_line(demo_db, tmp_path: Path) -> None:
    with demo_db.session() as s:
        export_journal(s, tmp_path / "all.json", "json")
    data = json.loads((tmp_path / "all.json").read_text())
    data["tables"]["entries"][2]["entry_date"] = "2026-02-30"
    data["tables"]["ratings"][0]["skill_id"] = 999
    (tmp_path / "bad.json").write_text(json.dumps(data, indent=1))
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        with pytest.raises(ValidationError) as err:
            import_journal(fresh, tmp_path / "bad.json")
        problems = [str(p) for p in err.value.problems]
        assert len(problems) == 1 and "tables.entries[2].entry_date" in problems[0]
        assert problems[0].startswith(f"{tmp_path / 'bad.json'}:")
        data["tables"]["entries"][2]["entry_date"] = "2026-02-27"
        (tmp_path / "bad.json").write_text(json.dumps(data, indent=1))
        with pytest.raises(ValidationError, match="refers to skills id 999"):
            import_journal(fresh, tmp_path / "bad.json")
        with fresh.session() as s:
            assert journal_stats(s)["entries"] == 0
    finally:
        fresh.close()


def test_a_json_export_from_a_newer_version_is_refused(tmp_path: Path, db) -> None:
    (tmp_path / "new.json").write_text('{"format": "plnjournal", "schema": "9999", "tables": {}}')
    with pytest.raises(InputError, match="newer version"):
        import_journal(db, tmp_path / "new.json")
