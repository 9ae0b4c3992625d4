"""Importing feedback: all or nothing, idempotent, provenance kept, every error located."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from plnjournal.core.feedback.importer import (
    ImportOptions,
    apply_import,
    import_feedback,
    load_sources,
    plan_import,
    plan_sources,
)
from plnjournal.errors import PlnError
from plnjournal.paths import backup_dir
from plnjournal.storage.models import Area, FeedbackImport, FeedbackItem, Rating, Skill
from plnjournal.values import RatingOrigin, RatingSource
from tests.conftest import TODAY
from tests.core.feedback.helpers import snapshot

GOOD = (
    "date,mentor,skill,rating,comment\n"
    '2026-11-03,Ms Okafor,CL1,3,"Calm start.\nKeep the countdown."\n'
    "2026-11-03,Ms Okafor,Difficult conversations with parents,2,Call home this week.\n"
    "2026-11-04,Ms Okafor,IN2,,Wait longer after questions.\n"
)
OPTS = ImportOptions(today=TODAY)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_import_stores_items_ratings_and_provenance(teaching_copy, tmp_path: Path) -> None:
    path = write(tmp_path, "okafor.csv", GOOD)
    result = import_feedback(teaching_copy, [path], OPTS)
    assert (result.imported, result.duplicates, result.errors) == (3, 0, [])
    with teaching_copy.session() as s:
        (imp,) = s.scalars(select(FeedbackImport)).all()
        assert imp.file_name == "okafor.csv" and imp.format == "csv-long"
        assert imp.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        items = imp.items
        assert [(i.line, i.skill.code, i.level) for i in items] == [
            (2, "CL1", 3),
            (4, "PA1", 2),
            (5, "IN2", None),
        ]
        assert items[0].comment == "Calm start.\nKeep the countdown."  # exactly as written
        assert json.loads(items[1].raw)["skill"] == "Difficult conversations with parents"
        ratings = s.scalars(select(Rating).order_by(Rating.id)).all()
        assert [(r.level, r.source, r.origin, r.rater) for r in ratings] == [
            (3, RatingSource.MENTOR, RatingOrigin.FEEDBACK, "Ms Okafor"),
            (2, RatingSource.MENTOR, RatingOrigin.FEEDBACK, "Ms Okafor"),
        ]  # a comment without a rating is an item, not a rating
    assert result.backup is not None and result.backup.parent == backup_dir(teaching_copy.path)
    assert "before-feedback-import" in result.backup.name


def test_importing_again_adds_nothing_and_says_so(teaching_copy, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", GOOD)
    import_feedback(teaching_copy, [path], OPTS)
    before = snapshot(teaching_copy.path)
    again = import_feedback(teaching_copy, [path], OPTS)
    assert (again.imported, again.duplicates) == (0, 3)
    # The same items from another file, in another format, whitespace and case aside.
    doc = {
        "mentor": " ms  okafor ",
        "items": [
            {
                "date": "2026-11-03",
                "skill": "cl1",
                "rating": "3",
                "comment": "Calm start.  \r\nKeep the countdown.\n",
            },
            {"date": "2026-11-04", "skill": "IN2", "comment": "Wait longer after questions."},
        ],
    }
    other = import_feedback(teaching_copy, [write(tmp_path, "b.json", json.dumps(doc))], OPTS)
    assert (other.imported, other.duplicates) == (0, 2)
    assert snapshot(teaching_copy.path) == before
    assert len(list(backup_dir(teaching_copy.path).iterdir())) == 1  # no backup for nothing


def test_the_same_item_twice_in_one_batch_is_stored_once(teaching_copy, tmp_path: Path) -> None:
    a, b = write(tmp_path, "a.csv", GOOD), write(tmp_path, "b.csv", GOOD)
    result = import_feedback(teaching_copy, [a, b], OPTS)
    assert (result.imported, result.duplicates) == (3, 3)
    assert count(teaching_copy, FeedbackItem) == 3


BAD_FILES = {
    "unknown skill": (
        "f.csv",
        "date,mentor,skill,rating\n2026-11-03,Ms O,Managing transitons,3\n",
        (
            2,
            "skill",
            "unknown skill 'Managing transitons'; did you mean CL1 (Managing transitions)",
        ),
    ),
    "rating outside the scale": (
        "feedback.csv",
        "date,mentor,skill,rating\n2026-11-03,Ms O,CL1,3\n2026-11-03,Ms O,CL2,3\n"
        "2026-11-03,Ms O,CL3,3\n2026-11-03,Ms O,IN1,9\n",
        (5, "rating", "9 is outside the scale 1–5"),
    ),
    "ambiguous date": (
        "f.csv",
        "date,mentor,skill,rating\n03/11/2026,Ms O,CL1,3\n",
        (2, "date", "ambiguous"),
    ),
    "empty mentor": (
        "f.csv",
        "date,mentor,skill,rating\n2026-11-03,,CL1,3\n",
        (2, "mentor", "empty"),
    ),
    "no skill column": (
        "f.csv",
        "date,mentor,rating\n2026-11-03,x,3\n",
        (1, None, "no 'skill' column"),
    ),
    "binary": ("f.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, (None, None, "binary")),
    "truncated": ("f.json", '{"items": [{"skill": "CL1", "rat', (1, None, "ends too early")),
    "wrong encoding": (
        "f.csv",
        "date,mentor,skill\n2026,Zoë,CL1\n".encode("cp1252"),
        (2, None, "not UTF-8"),
    ),
    "markdown bad rating": (
        "l.md",
        "---\nmentor: x\ndate: 2026-11-03\n---\n## CL1\nRating: 4/10\n",
        (6, "Rating", "out of 10"),
    ),
    "xapi without mentor": (
        "x.json",
        json.dumps(
            [
                {
                    "verb": {},
                    "object": {"id": "x/CL1"},
                    "result": {"score": {"raw": 3}},
                    "timestamp": "2026-11-03T10:00:00Z",
                }
            ]
        ),
        (1, "authority", "mentor is empty"),
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_every_error_names_where_and_leaves_the_database_unchanged(
    demo_db, tmp_path: Path, case: str
) -> None:
    name, data, (line, column, message) = BAD_FILES[case]
    good = write(tmp_path, "good.csv", GOOD)  # a good file in the same batch is not written
    bad = write(tmp_path, name, data)
    before = snapshot(demo_db.path)
    result = import_feedback(demo_db, [good, bad], OPTS)
    assert result.imported == 0 and result.errors
    problem = next(e for e in result.errors if e.file == name)
    assert (problem.line, problem.column) == (line, column), problem
    assert message in problem.message
    assert snapshot(demo_db.path) == before
    assert not backup_dir(demo_db.path).exists()


def test_error_message_reads_like_the_spec(teaching_copy, tmp_path: Path) -> None:
    name, data, _ = BAD_FILES["rating outside the scale"]
    result = import_feedback(teaching_copy, [write(tmp_path, name, data)], OPTS)
    assert [str(e) for e in result.errors] == ["feedback.csv:5: rating: 9 is outside the scale 1–5"]


def test_unknown_skill_is_reported_once_with_its_other_lines(teaching_copy, tmp_path: Path) -> None:
    rows = "".join(f"2026-11-0{d},Ms O,XX9,3\n" for d in range(1, 8))
    result = import_feedback(
        teaching_copy, [write(tmp_path, "f.csv", "date,mentor,skill,rating\n" + rows)], OPTS
    )
    (problem,) = result.errors
    assert problem.line == 2 and "also on lines 3, 4, 5, 6, 7, …" in problem.message


def test_missing_and_oversized_files(teaching_copy, tmp_path: Path) -> None:
    big = write(tmp_path, "big.csv", "date,mentor,skill,rating\n" + "x" * 3000)
    result = import_feedback(
        teaching_copy,
        [tmp_path / "nope.csv", big, tmp_path],
        ImportOptions(max_bytes=2048, today=TODAY),
    )
    assert [(e.file, e.message.split(";")[0]) for e in result.errors] == [
        ("nope.csv", "no such file"),
        ("big.csv", "the file is 3 KB, over the 2 KB limit for feedback files"),
        (tmp_path.name, "is a folder, not a file"),
    ]


def test_dry_run_counts_and_writes_nothing(teaching_copy, tmp_path: Path) -> None:
    before = snapshot(teaching_copy.path)
    result = import_feedback(teaching_copy, [write(tmp_path, "a.csv", GOOD)], OPTS, dry_run=True)
    assert (result.imported, result.dry_run) == (3, True)
    assert snapshot(teaching_copy.path) == before


def test_create_missing_skills_adds_them_to_an_imported_area(teaching_copy, tmp_path: Path) -> None:
    text = (
        "date,mentor,skill,rating\n2026-11-03,Ms O,Using the visualiser,3\n"
        "2026-11-04,Ms O,using the  visualiser,4\n2026-11-04,Ms O,RS7,2\n"
    )
    path = write(tmp_path, "f.csv", text)
    opts = ImportOptions(create_missing_skills=True, today=TODAY)
    result = import_feedback(teaching_copy, [path], opts)
    assert result.imported == 3 and result.new_skills == ["IMP1 Using the visualiser", "RS7 RS7"]
    with teaching_copy.session() as s:
        area = s.scalar(select(Area).where(Area.name == "Imported"))
        assert [(sk.code, sk.name, sk.target_level) for sk in area.skills] == [
            ("IMP1", "Using the visualiser", 3),
            ("RS7", "RS7", 3),
        ]
    again = import_feedback(teaching_copy, [path], opts)
    assert (again.imported, again.duplicates, again.new_skills) == (0, 3, [])


def test_mapping_and_date_format(teaching_copy, tmp_path: Path) -> None:
    text = "Observed,Observer,Focus,Score\n03/11/2026,Ms O,CL1,3\n"
    opts = ImportOptions(
        mapping={"Observed": "date", "observer": "mentor", "Focus": "skill", "Score": "rating"},
        date_format="%d/%m/%Y",
        today=TODAY,
    )
    result = import_feedback(teaching_copy, [write(tmp_path, "f.csv", text)], opts)
    assert result.imported == 1
    with teaching_copy.session() as s:
        assert s.scalar(select(FeedbackItem.given_on)) == dt.date(2026, 11, 3)


def test_wide_mapping_to_a_skill_rating(teaching_copy, tmp_path: Path) -> None:
    text = "Timestamp,Name,How were the starts?\n2026-11-03 10:00,Ms O,4\n"
    path = write(tmp_path, "f.csv", text)
    unmapped = import_feedback(teaching_copy, [path], OPTS)
    assert "unknown skill 'How were the starts?'" in unmapped.errors[0].message
    mapped = import_feedback(
        teaching_copy, [path], ImportOptions(mapping={"How were the starts?": "CL1"}, today=TODAY)
    )
    assert mapped.imported == 1
    bad = import_feedback(
        teaching_copy, [path], ImportOptions(mapping={"How were the starts?": "rating:ZZ"})
    )
    assert "no skill 'ZZ'" in bad.errors[0].message


def test_future_dates_and_archived_skills_are_warnings(teaching_copy, tmp_path: Path) -> None:
    with teaching_copy.session() as s:
        s.scalar(select(Skill).where(Skill.code == "PG5")).archived = True
    text = "date,mentor,skill,rating\n2027-01-01,Ms O,CL1,3\n2026-11-03,Ms O,PG5,2\n"
    with teaching_copy.session() as s:
        plan = plan_import(s, [write(tmp_path, "f.csv", text)], OPTS)
    assert [w.message for w in plan.warnings] == ["the date 2027-01-01 is in the future"]
    assert plan.rows[1].warnings == ["skill PG5 is archived; the feedback is kept in its history"]
    assert not plan.errors and plan.new_count == 2


def test_blank_template_rows_are_skipped_and_an_empty_file_warns(
    teaching_copy, tmp_path: Path
) -> None:
    text = "date,mentor,skill,rating,comment\n,,CL1,,\n,,IN1,,\n"
    result = import_feedback(teaching_copy, [write(tmp_path, "t.csv", text)], OPTS)
    assert result.imported == 0 and not result.errors
    assert [w.message for w in result.warnings] == [
        "no ratings or comments to import (2 blank items)"
    ]


def test_apply_skips_items_written_since_the_plan(teaching_copy, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", GOOD)
    with teaching_copy.session() as s:
        plan = plan_sources(s, load_sources([path]), OPTS)
    import_feedback(teaching_copy, [path], OPTS)  # someone else got there first
    result = apply_import(teaching_copy, plan, backup=False)
    assert (result.imported, result.duplicates) == (0, 3)
    assert count(teaching_copy, FeedbackItem) == 3


def test_cancelling_during_the_write_leaves_nothing(teaching_copy, tmp_path: Path) -> None:
    class Stop(PlnError):
        pass

    def progress(done: int, total: int, message: str) -> None:
        if message == "Saving…":
            raise Stop("cancelled")

    path = write(tmp_path, "a.csv", GOOD)
    with teaching_copy.session() as s:
        plan = plan_sources(s, load_sources([path]), OPTS)
    before = snapshot(teaching_copy.path)
    with pytest.raises(Stop):
        apply_import(teaching_copy, plan, progress=progress, backup=False)
    assert snapshot(teaching_copy.path) == before


def test_preview_rows_carry_status_and_messages(teaching_copy, tmp_path: Path) -> None:
    import_feedback(
        teaching_copy,
        [write(tmp_path, "old.csv", GOOD.splitlines()[0] + "\n" + GOOD.splitlines()[3] + "\n")],
        OPTS,
    )
    text = GOOD + "2026-11-05,Ms O,CL1,7,\n2026-11-05,Ms O,CL2,,\n"
    with teaching_copy.session() as s:
        plan = plan_import(s, [write(tmp_path, "f.csv", text)], OPTS)
    assert [r.status for r in plan.rows] == ["new", "duplicate", "new", "error", "skipped"]
    assert plan.rows[3].messages == ["rating: 7 is outside the scale 1–5"]
    assert plan.rows[1].skill == "PA1 Difficult conversations with parents"
