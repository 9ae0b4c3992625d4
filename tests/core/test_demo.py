"""The demo journal is realistic, deterministic, and gives every insight something to find."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from plnjournal.core.demo import AVOIDED, BLIND_SPOT, build_demo
from plnjournal.core.journal.stats import journal_stats
from plnjournal.errors import InputError
from plnjournal.storage.models import (
    Area,
    Commitment,
    Entry,
    EntrySkill,
    FeedbackItem,
    Rating,
    Skill,
)
from plnjournal.values import CommitmentState, RatingSource
from tests.conftest import TODAY


def test_demo_shape(demo_db) -> None:
    with demo_db.session() as s:
        stats = journal_stats(s)
        assert stats["last_entry"] == TODAY.isoformat()
        assert stats["first_entry"] >= (TODAY - dt.timedelta(days=365)).isoformat()
        assert 250 <= stats["entries"] <= 400  # near-daily
        assert 20 <= stats["skills"] <= 35
        assert s.scalar(select(func.count()).select_from(Area)) >= 5
        words = [
            len(b.split()) for b in s.scalars(select(Entry.body).where(Entry.private.is_(False)))
        ]
        assert sum(words) / len(words) > 60
        assert s.scalar(select(func.count()).where(Entry.private.is_(True))) >= 2


def test_attention_is_uneven_and_one_skill_is_avoided(demo_db) -> None:
    with demo_db.session() as s:
        counts = dict(
            s.execute(
                select(Skill.code, func.count(EntrySkill.entry_id))
                .outerjoin(EntrySkill, EntrySkill.skill_id == Skill.id)
                .group_by(Skill.code)
            ).all()
        )
        assert counts[AVOIDED] == 0
        assert max(counts.values()) > 10 * max(1, sorted(counts.values())[3])
        avoided_mentor = s.scalars(
            select(FeedbackItem.level).join(Skill).where(Skill.code == AVOIDED)
        ).all()
        assert avoided_mentor and max(avoided_mentor) <= 2
        blind = s.scalar(select(Skill).where(Skill.code == BLIND_SPOT))
        self_levels = s.scalars(
            select(Rating.level).where(
                Rating.skill_id == blind.id, Rating.source == RatingSource.SELF
            )
        ).all()
        mentor_levels = s.scalars(
            select(Rating.level).where(
                Rating.skill_id == blind.id, Rating.source == RatingSource.MENTOR
            )
        ).all()
        assert sum(self_levels) / len(self_levels) - sum(mentor_levels) / len(mentor_levels) > 1.3


def test_commitments_kept_dropped_and_overdue(demo_db) -> None:
    with demo_db.session() as s:
        states = dict(
            s.execute(select(Commitment.state, func.count()).group_by(Commitment.state)).all()
        )
        assert states[CommitmentState.DONE] > states.get(CommitmentState.DROPPED, 0) > 0
        overdue = s.scalar(
            select(func.count()).where(
                Commitment.state == CommitmentState.OPEN, Commitment.due_on < TODAY
            )
        )
        assert overdue > 0


def test_deterministic(db, tmp_path) -> None:
    from plnjournal.storage.db import open_database

    other = open_database(tmp_path / "other.sqlite3")
    try:
        contents = []
        for database in (db, other):
            with database.session() as s:
                build_demo(s, years=1, seed=3, today=TODAY)
            with database.session() as s:
                contents.append(
                    s.execute(
                        select(Entry.entry_date, Entry.title, Entry.body).order_by(Entry.id)
                    ).all()
                )
        assert contents[0] == contents[1]
    finally:
        other.close()


def test_refuses_a_journal_with_entries_unless_forced(demo_db) -> None:
    with demo_db.session() as s, pytest.raises(InputError, match="already has"):
        build_demo(s, today=TODAY)
    with demo_db.session() as s:
        before = journal_stats(s)["entries"]
        build_demo(s, today=TODAY, force=True, seed=99)
        assert journal_stats(s)["entries"] > before


def test_the_demo_ends_today_whatever_the_seed(tmp_path) -> None:
    """The demo journal is 'a realistic demo journal ending today': its last reflection is
    today's for any seed (issue 20, finding 12)."""
    import datetime as dt

    from plnjournal.core.demo import build_demo
    from plnjournal.storage.db import open_database

    day = dt.date(2026, 11, 28)
    for seed in range(1, 6):
        db = open_database(tmp_path / f"d{seed}.sqlite3")
        with db.session() as s:
            stats = build_demo(s, seed=seed, today=day)
        db.close()
        assert stats["last_entry"] == day.isoformat(), seed
