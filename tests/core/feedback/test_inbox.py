"""Unanswered feedback: what demands a reflection, oldest first, and answering it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from plnjournal.core.feedback.importer import ImportOptions, import_feedback
from plnjournal.core.feedback.inbox import (
    get_feedback_row,
    link_response,
    list_feedback,
    list_mentors,
    mark_praise,
    respond_to_feedback,
    responses_to,
    unanswered_feedback,
)
from plnjournal.core.journal.entries import add_entry, skills_of
from plnjournal.errors import InputError
from plnjournal.storage.models import EntryFeedback, FeedbackItem
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
        ("AS1", "the comment asks for change: \u201cstill need to\u201d"),
        (
            "PA1",
            "rated 2 (Advanced beginner), below your target 3; "
            "the comment asks for change: \u201cPlease\u201d",
        ),
    ]
    assert rows[0].cues == ("still need to",) and not rows[0].praise_marked
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


def test_marking_praise_takes_a_comment_out_of_the_inbox_and_back(teaching_copy, tmp_path) -> None:
    _load(teaching_copy, tmp_path)
    with teaching_copy.session() as s:
        as1 = next(r for r in unanswered_feedback(s) if r.skill_code == "AS1")
        row = mark_praise(s, as1.id)
        assert row.praise_marked and row.reason == "" and row.cues == ("still need to",)
        first = s.get(FeedbackItem, as1.id).praise_marked_at
        mark_praise(s, as1.id)  # twice keeps the first time
        assert s.get(FeedbackItem, as1.id).praise_marked_at == first
    with teaching_copy.session() as s:
        assert [r.skill_code for r in unanswered_feedback(s)] == ["PA1"]
        item = s.get(FeedbackItem, as1.id)
        assert item.comment == "You still need to act on the marking policy."  # kept as is
        assert item.praise_marked_at is not None
        assert len(list_feedback(s)) == 5  # still in the list, marked
        assert get_feedback_row(s, as1.id).praise_marked
        mark_praise(s, as1.id, praise=False)
    with teaching_copy.session() as s:
        assert [r.skill_code for r in unanswered_feedback(s)] == ["AS1", "PA1"]
        assert s.get(FeedbackItem, as1.id).praise_marked_at is None


def test_a_low_rating_stays_in_the_inbox_when_its_comment_is_marked_praise(
    teaching_copy, tmp_path
) -> None:
    _load(teaching_copy, tmp_path)
    with teaching_copy.session() as s:
        pa1 = next(r for r in unanswered_feedback(s) if r.skill_code == "PA1")
        row = mark_praise(s, pa1.id)
    assert row.reason == "rated 2 (Advanced beginner), below your target 3"
    with teaching_copy.session() as s:
        assert "PA1" in [r.skill_code for r in unanswered_feedback(s)]


def test_marking_an_unknown_item_says_which(teaching_copy) -> None:
    with teaching_copy.session() as s, pytest.raises(InputError, match="feedback item 999 "):
        mark_praise(s, 999)


def test_praise_with_negations_never_reaches_the_inbox(teaching_copy, tmp_path) -> None:
    path = tmp_path / "praise.csv"
    path.write_text(
        "date,mentor,skill,rating,comment\n"
        '2026-11-05,Ms Okafor,CL1,4,"Not a single error\u2026 excellent."\n'
        "2026-11-05,Ms Okafor,IN1,4,You never miss a step. No concerns.\n"
        "2026-11-05,Ms Okafor,IN2,4,Rushed the handover and omitted the checks.\n",
        encoding="utf-8",
    )
    assert import_feedback(teaching_copy, [path], ImportOptions(today=TODAY)).imported == 3
    with teaching_copy.session() as s:
        rows = unanswered_feedback(s)
    assert [(r.skill_code, r.cues) for r in rows] == [
        ("IN2", ("Rushed the handover", "omitted the checks"))
    ]
    assert rows[0].reason == (
        "the comment asks for change: \u201cRushed the handover\u201d, \u201comitted the checks\u201d"
    )


def test_comments_are_read_in_the_journals_language_when_it_is_set(teaching_copy, tmp_path) -> None:
    from plnjournal.core.journal.settings import set_journal_language

    path = tmp_path / "fr.csv"
    path.write_text(
        "date,mentor,skill,rating,comment\n2026-11-05,Mme Laurent,CL1,4,Précipité.\n",
        encoding="utf-8",
    )
    assert import_feedback(teaching_copy, [path], ImportOptions(today=TODAY)).imported == 1
    with teaching_copy.session() as s:
        assert unanswered_feedback(s) == []  # too short to tell French from English
        set_journal_language(s, "fr")
    with teaching_copy.session() as s:
        assert [r.cues for r in unanswered_feedback(s)] == [("Précipité",)]
