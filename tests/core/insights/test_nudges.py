"""Today's hard conversation: which skill, why, the question, and what acting on it records."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from plnjournal.core.feedback.items import add_feedback_item
from plnjournal.core.insights.nudges import record_nudge, todays_hard_conversation
from plnjournal.core.journal.entries import add_entry
from plnjournal.core.skills.lookup import find_skill, list_skills
from plnjournal.errors import InputError
from plnjournal.storage.models import FeedbackImport, Nudge
from plnjournal.values import NudgeAction

TODAY = dt.date(2026, 11, 28)


def _reflect_on_all_but(s, skip: set[str], day: dt.date) -> None:
    for skill in list_skills(s):
        if skill.code not in skip:
            add_entry(s, entry_date=day, body=skill.name, skills={skill.id: None})


def test_never_reflected_skill_comes_first_with_its_reason(teaching_db) -> None:
    with teaching_db.session() as s:
        _reflect_on_all_but(s, {"PA1"}, TODAY - dt.timedelta(days=2))
        nudge = todays_hard_conversation(s, TODAY)
    assert nudge is not None and nudge.code == "PA1"
    # Two days of journaling is too soon to hold anything against it: the skill longest
    # without a reflection is asked about, without assuming it is being avoided.
    assert nudge.reason == "You have not written about it yet."
    assert "kept you from writing" not in nudge.question and nudge.mentor_comment is None
    assert nudge.question.startswith("Think of the last time “Difficult conversations")


def test_longest_without_reflection_and_the_mentor_comment_is_quoted(teaching_db) -> None:
    with teaching_db.session() as s:
        _reflect_on_all_but(s, {"PA1"}, TODAY - dt.timedelta(days=1))
        pa1 = find_skill(s, "PA1")
        add_entry(s, entry_date=TODAY - dt.timedelta(days=47), body="old", skills={pa1.id: 2})
        add_entry(s, entry_date=TODAY + dt.timedelta(days=1), body="after", skills={pa1.id: 2})
        imp = FeedbackImport(file_name="f.csv", sha256="0" * 64, format="csv")
        s.add(imp)
        for given_on, comment in (
            (dt.date(2026, 10, 1), "Older comment."),
            (dt.date(2026, 11, 3), "You still avoid phoning parents when it is bad news."),
            (dt.date(2026, 11, 10), ""),  # a rating without a comment is not quoted
            (dt.date(2026, 12, 1), "Written after today: not seen yet."),
        ):
            add_feedback_item(
                s,
                imp,
                skill=pa1,
                mentor="Ms Okafor",
                given_on=given_on,
                level=2,
                comment=comment,
                line=1,
                raw={},
            )
        cadence = pa1.cadence_days or 14
    with teaching_db.session() as s:
        nudge = todays_hard_conversation(s, TODAY)
    assert nudge is not None and nudge.code == "PA1"
    # The three unanswered 2/5 ratings are the strongest reason, in the mentor's own words;
    # the silence comes next.
    assert nudge.reason == (
        "Ms Okafor rated this 2/5 three times since 1 Oct (“You still avoid phoning parents "
        "when it is bad news.”); you have not answered any of the 3"
    )
    assert cadence == 14
    assert nudge.mentor_comment is not None and nudge.mentor_comment.given_on.day == 3
    assert nudge.question.startswith(
        "Ms Okafor wrote on 3 Nov: “You still avoid phoning parents when it is bad news.”"
    )


def test_acting_on_the_nudge_ends_it_for_today_and_snooze_skips_the_skill(teaching_db) -> None:
    with teaching_db.session() as s:
        first = todays_hard_conversation(s, TODAY)
        assert first is not None
        record_nudge(s, first.skill_id, NudgeAction.SHOWN, today=TODAY)
        record_nudge(s, first.skill_id, NudgeAction.SHOWN, today=TODAY)  # once a day only
        assert todays_hard_conversation(s, TODAY) == first  # shown is not acted on
        record_nudge(
            s,
            first.skill_id,
            NudgeAction.SNOOZED,
            today=TODAY,
            snooze_until=TODAY + dt.timedelta(days=3),
        )
        assert todays_hard_conversation(s, TODAY) is None
        tomorrow = todays_hard_conversation(s, TODAY + dt.timedelta(days=1))
        assert tomorrow is not None and tomorrow.skill_id != first.skill_id
        after = todays_hard_conversation(s, TODAY + dt.timedelta(days=3))
        assert after is not None and after.skill_id == first.skill_id
        record_nudge(
            s,
            first.skill_id,
            NudgeAction.DISMISSED,
            today=TODAY + dt.timedelta(days=3),
            reason="  Parents' evening is next week anyway ",
        )
    with teaching_db.session() as s:
        rows = s.execute(select(Nudge.action, Nudge.reason, Nudge.snooze_until)).all()
    assert [r[0] for r in rows] == [NudgeAction.SHOWN, NudgeAction.SNOOZED, NudgeAction.DISMISSED]
    assert rows[1][2] == TODAY + dt.timedelta(days=3)
    assert rows[2][1] == "Parents' evening is next week anyway"


def test_snooze_needs_a_later_day(teaching_db) -> None:
    with teaching_db.session() as s:
        skill = find_skill(s, "PA1")
        with pytest.raises(InputError, match="after today"):
            record_nudge(s, skill.id, NudgeAction.SNOOZED, today=TODAY, snooze_until=TODAY)


def test_no_framework_no_nudge(tmp_path) -> None:
    from plnjournal.storage.db import open_database

    database = open_database(tmp_path / "empty.sqlite3")
    with database.session() as s:
        assert todays_hard_conversation(s, TODAY) is None
    database.close()


def test_demo_journal_asks_about_the_avoided_skill(demo_db) -> None:
    with demo_db.session() as s:
        nudge = todays_hard_conversation(s, TODAY)
    assert nudge is not None and nudge.reason and nudge.question


def test_among_skills_never_written_about_the_lowest_mentor_rating_comes_first(
    teaching_db,
) -> None:
    with teaching_db.session() as s:
        _reflect_on_all_but(s, {"PL1", "PA1"}, TODAY - dt.timedelta(days=2))
        pa1 = find_skill(s, "PA1")
        imp = FeedbackImport(file_name="f.csv", sha256="1" * 64, format="csv")
        s.add(imp)
        add_feedback_item(
            s,
            imp,
            skill=pa1,
            mentor="Mr Brennan",
            given_on=TODAY - dt.timedelta(days=5),
            level=1,
            comment="",
            line=2,
            raw={},
        )
        nudge = todays_hard_conversation(s, TODAY)
    assert nudge is not None and nudge.code == "PA1"  # PL1 comes earlier in the framework


def test_a_young_journal_is_not_asked_why_it_has_not_written_yet(teaching_db) -> None:
    """Day two, a low mentor rating on a skill not written about: the rating counts (score
    above 0), but the journal is younger than the skill's cadence, so the question does not
    ask what kept the user from writing about it."""
    with teaching_db.session() as s:
        _reflect_on_all_but(s, {"PA1"}, TODAY - dt.timedelta(days=1))
        pa1 = find_skill(s, "PA1")
        imp = FeedbackImport(file_name="f.csv", sha256="1" * 64, format="csv")
        s.add(imp)
        add_feedback_item(
            s,
            imp,
            skill=pa1,
            mentor="Ms Okafor",
            given_on=TODAY,
            level=1,
            comment="",
            line=1,
            raw={},
        )
        nudge = todays_hard_conversation(s, TODAY)
    assert nudge is not None and nudge.code == "PA1"
    assert nudge.reason != "You have not written about it yet."  # the rating is the reason
    assert "kept you" not in nudge.question and "putting off" not in nudge.question
    assert nudge.question.startswith("Think of the last time “Difficult conversations")
