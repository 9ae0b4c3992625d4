"""Unanswered feedback: what demands a reflection, oldest first, and answering it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from plnjournal.core.feedback.importer import ImportOptions, import_feedback
from plnjournal.core.feedback.inbox import (
    critical_cue,
    demand_reason,
    link_response,
    list_feedback,
    list_mentors,
    respond_to_feedback,
    responses_to,
    unanswered_feedback,
)
from plnjournal.core.journal.entries import add_entry, skills_of
from plnjournal.storage.models import EntryFeedback
from tests.conftest import TODAY

FEEDBACK = (
    "date,mentor,skill,rating,comment\n"
    "2026-11-05,Ms Okafor,CL1,3,Solid routines.\n"  # at target, praise: not in the inbox
    '2026-11-04,Ms Okafor,PA1,2,"We agreed you would call home.\n\nPlease do it."\n'
    "2026-11-03,Mr Brennan,AS1,4,You still need to act on the marking policy.\n"  # at target, critical
    "2026-11-06,Mr Brennan,IN1,,Great explanation.\n"  # comment only, praise
    "2026-11-02,Mr Brennan,IN2,5,\n"
)


def _load(db, tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text(FEEDBACK, encoding="utf-8")
    assert import_feedback(db, [path], ImportOptions(today=TODAY)).imported == 5


def test_inbox_lists_low_ratings_and_critical_comments_oldest_first(
    teaching_copy, tmp_path
) -> None:
    _load(teaching_copy, tmp_path)
    with teaching_copy.session() as s:
        rows = unanswered_feedback(s)
    assert [(r.skill_code, r.reason) for r in rows] == [
        ("AS1", "the comment asks for change (\u201cstill\u201d)"),
        ("PA1", "rated 2 (Advanced beginner), below your target 3"),
    ]
    assert rows[0].given_on < rows[1].given_on
    assert rows[1].file_name == "f.csv" and rows[1].line == 3


def test_responding_quotes_the_item_links_it_and_empties_the_inbox(teaching_copy, tmp_path) -> None:
    _load(teaching_copy, tmp_path)
    with teaching_copy.session() as s:
        pa1 = next(r for r in unanswered_feedback(s) if r.skill_code == "PA1")
        entry = respond_to_feedback(s, pa1.id, on=TODAY, at=dt.time(18, 30))
        entry_id = entry.id
    with teaching_copy.session() as s:
        assert [r.skill_code for r in unanswered_feedback(s)] == ["AS1"]
        assert responses_to(s, pa1.id) == [entry_id]
        assert [sk.code for sk, _ in skills_of(s, entry_id)] == ["PA1"]
        body = s.get(type(entry), entry_id).body
        assert body.startswith("> We agreed you would call home.\n>\n> Please do it.\n>\n")
        assert (
            "Ms Okafor, 4 November 2026, on Difficult conversations with parents, rated 2" in body
        )
        assert s.get(type(entry), entry_id).title == (
            "Responding to Ms Okafor's feedback on Difficult conversations with parents"
        )


def test_an_existing_reflection_can_answer_an_item(teaching_copy, tmp_path) -> None:
    _load(teaching_copy, tmp_path)
    with teaching_copy.session() as s:
        item = unanswered_feedback(s)[0]
        entry = add_entry(s, entry_date=TODAY, title="About the marking", body="…")
        link_response(s, entry.id, item.id)
        link_response(s, entry.id, item.id)  # twice is harmless
    with teaching_copy.session() as s:
        assert len(s.scalars(select(EntryFeedback)).all()) == 1
        assert item.id not in [r.id for r in unanswered_feedback(s)]


def test_feedback_list_filters_by_skill_and_mentor(teaching_copy, tmp_path) -> None:
    _load(teaching_copy, tmp_path)
    with teaching_copy.session() as s:
        assert [r.given_on.day for r in list_feedback(s)] == [6, 5, 4, 3, 2]  # newest first
        assert [r.skill_code for r in list_feedback(s, mentor="Ms Okafor")] == ["CL1", "PA1"]
        cl1 = list_feedback(s)[1]
        assert [r.id for r in list_feedback(s, skill_id=cl1.skill_id)] == [cl1.id]
        assert list_mentors(s) == ["Mr Brennan", "Ms Okafor"]


def test_demo_journal_inbox_has_the_avoided_skill(demo_db) -> None:
    with demo_db.session() as s:
        rows = unanswered_feedback(s)
    assert rows and all(r.reason for r in rows)
    assert [r.given_on for r in rows] == sorted(r.given_on for r in rows)
    assert "PA1" in {r.skill_code for r in rows}  # low mentor ratings, never reflected on


def test_reasons_in_plain_words() -> None:
    assert critical_cue("Great lesson!") is None
    assert critical_cue("I am CONCERNED about pace") == "concerned"
    assert critical_cue("You haven\u2019t called home") == "haven't"
    assert critical_cue("Nothing stilted here") is None  # whole words only
    assert demand_reason(None, 3, "Lovely.") == ""
    assert demand_reason(1, 3, "", "Novice") == "rated 1 (Novice), below your target 3"
