"""Reflections, their skill links and self-ratings, delete and undo, streaks."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from plnjournal.core.dates import current_streak, longest_streak, parse_date, parse_time
from plnjournal.core.journal.entries import (
    add_entry,
    delete_entry,
    entries_on,
    restore_entry,
    set_skill_links,
    update_entry,
)
from plnjournal.core.journal.quick_add import split_title
from plnjournal.core.skills.lookup import find_skill
from plnjournal.errors import InputError
from plnjournal.storage.models import Entry, Rating
from plnjournal.values import RatingOrigin, RatingSource

D = dt.date(2026, 11, 3)


def test_self_rating_given_with_a_reflection_is_a_dated_rating(teaching_db) -> None:
    with teaching_db.session() as s:
        cl1 = find_skill(s, "CL1")
        e = add_entry(s, entry_date=D, title="t", body="b", skills={cl1.id: 3})
    with teaching_db.session() as s:
        (rating,) = s.scalars(select(Rating)).all()
        assert (rating.skill_id, rating.level, rating.rated_on) == (cl1.id, 3, D)
        assert rating.source == RatingSource.SELF and rating.origin == RatingOrigin.ENTRY
        update_entry(s, e.id, entry_date=D + dt.timedelta(days=1))
    with teaching_db.session() as s:
        assert s.scalar(select(Rating.rated_on)) == D + dt.timedelta(days=1)
        set_skill_links(s, s.get(Entry, e.id), {cl1.id: None})
    with teaching_db.session() as s:
        assert s.scalars(select(Rating)).all() == []


def test_self_rating_outside_scale_is_refused(teaching_db) -> None:
    with teaching_db.session() as s, pytest.raises(InputError, match="outside the scale 1–5"):
        add_entry(s, entry_date=D, title="t", skills={find_skill(s, "CL1").id: 9})


def test_comfort_outside_range_is_refused(db) -> None:
    with db.session() as s, pytest.raises(InputError, match="comfort"):
        add_entry(s, entry_date=D, title="t", comfort=0)


def test_delete_and_undo_restores_everything(teaching_db) -> None:
    with teaching_db.session() as s:
        cl1 = find_skill(s, "CL1")
        e = add_entry(
            s,
            entry_date=D,
            title="Keep me",
            body="**all** of it",
            private=True,
            comfort=4,
            skills={cl1.id: 2},
            tags=["parents"],
        )
        eid = e.id
    with teaching_db.session() as s:
        snapshot = delete_entry(s, eid)
    with teaching_db.session() as s:
        assert entries_on(s, D) == []
        assert s.scalars(select(Rating)).all() == []
        restore_entry(s, snapshot)
    with teaching_db.session() as s:
        (back,) = entries_on(s, D)
        assert (back.id, back.title, back.body, back.private, back.comfort) == (
            eid,
            "Keep me",
            "**all** of it",
            True,
            4,
        )
        assert [(link.skill_id, link.self_rating) for link in back.skill_links] == [(cl1.id, 2)]
        assert [t.tag for t in back.tags] == ["parents"]
        assert s.scalar(select(Rating.level)) == 2


def test_entries_on_a_day_in_time_order(db) -> None:
    with db.session() as s:
        late = add_entry(s, entry_date=D, entry_time=dt.time(21, 0), title="late").id
        early = add_entry(s, entry_date=D, entry_time=dt.time(7, 0), title="early").id
        untimed = add_entry(s, entry_date=D, title="no time").id
        assert [e.id for e in entries_on(s, D)] == [early, late, untimed]


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("Hard day. Callum walked out.", "Hard day.", "Callum walked out."),
        ("Did it work? Not really", "Did it work?", "Not really"),
        ("No sentence end", "No sentence end", ""),
        ("First line\nsecond line.", "First line", "second line."),
        ("v1.2 shipped today. Good.", "v1.2 shipped today.", "Good."),
    ],
)
def test_split_title_like_jrnl(text: str, title: str, body: str) -> None:
    assert split_title(text) == (title, body)


def test_dates_and_times() -> None:
    today = dt.date(2026, 11, 28)
    assert parse_date("2026-02-28") == dt.date(2026, 2, 28)
    assert parse_date("yesterday", today=today) == dt.date(2026, 11, 27)
    with pytest.raises(InputError, match="not a date"):
        parse_date("28/11/2026")
    with pytest.raises(InputError, match="not a valid date"):
        parse_date("2026-02-30")
    assert parse_time("7:05") == dt.time(7, 5)
    with pytest.raises(InputError):
        parse_time("25:00")


def test_streaks() -> None:
    t = dt.date(2026, 11, 28)
    days = {t - dt.timedelta(days=i) for i in (1, 2, 3, 5, 6)}
    assert current_streak(days, t) == 3  # today not written yet: the streak still stands
    assert current_streak(days | {t}, t) == 4
    assert current_streak({t - dt.timedelta(days=2)}, t) == 0
    assert longest_streak(days) == 3
    assert longest_streak(set()) == 0
