"""Self-assessment ratings and a skill's history."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from plnjournal.core.journal.entries import add_entry
from plnjournal.core.skills.history import skill_history
from plnjournal.core.skills.lookup import find_skill
from plnjournal.core.skills.self_assessment import record_self_assessment
from plnjournal.errors import InputError
from plnjournal.storage.models import Rating
from plnjournal.values import RatingOrigin, RatingSource

DAY = dt.date(2026, 6, 1)


def test_self_assessment_records_dated_self_ratings(teaching_db) -> None:
    with teaching_db.session() as s:
        cl1, in1 = find_skill(s, "CL1").id, find_skill(s, "IN1").id
        add_entry(s, entry_date=DAY, title="x", skills={cl1: 1})
        record_self_assessment(s, {cl1: 2, in1: 4}, DAY)
        record_self_assessment(s, {cl1: 3}, DAY)  # redone the same day: replaces, never doubles
    with teaching_db.session() as s:
        rows = s.execute(
            select(
                Rating.skill_id, Rating.level, Rating.origin, Rating.source, Rating.rated_on
            ).order_by(Rating.id)
        ).all()
    assert rows == [
        (cl1, 1, RatingOrigin.ENTRY, RatingSource.SELF, DAY),
        (cl1, 3, RatingOrigin.SELF_ASSESSMENT, RatingSource.SELF, DAY),
        (in1, 4, RatingOrigin.SELF_ASSESSMENT, RatingSource.SELF, DAY),
    ]


def test_self_assessment_rejects_bad_levels_and_dates(teaching_db) -> None:
    with teaching_db.session() as s:
        cl1 = find_skill(s, "CL1").id
    with pytest.raises(InputError, match="outside the scale 1–5"), teaching_db.session() as s:
        record_self_assessment(s, {cl1: 2, cl1 + 1: 6}, DAY)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(InputError, match="in the future"), teaching_db.session() as s:
        record_self_assessment(s, {cl1: 2}, tomorrow)
    with teaching_db.session() as s:
        assert s.scalars(select(Rating)).first() is None


def test_skill_history_of_the_avoided_skill(demo_db) -> None:
    with demo_db.session() as s:
        pa1 = find_skill(s, "PA1")
        h = skill_history(s, pa1.id)
        assert h.skill.code == "PA1" and not h.reflections
        assert h.comments and all(c.mentor for c in h.comments)
        assert {r.source for r in h.ratings} >= {RatingSource.MENTOR}
        assert [r.on for r in h.ratings] == sorted(r.on for r in h.ratings)
        in1 = find_skill(s, "IN1")
        h = skill_history(s, in1.id)
        assert len(h.reflections) > 20
        public = skill_history(s, in1.id, include_private=False)
        assert all(not r.private for r in public.reflections)
    with pytest.raises(InputError), demo_db.session() as s:
        skill_history(s, 99999)
