"""One skill's history: its ratings over time, the reflections linked to it, mentor comments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from plnjournal.errors import InputError
from plnjournal.storage.models import Entry, EntryFeedback, EntrySkill, FeedbackItem, Rating, Skill
from plnjournal.values import RatingOrigin, RatingSource


@dataclass(frozen=True)
class HistoryRating:
    on: dt.date
    level: int
    source: RatingSource
    origin: RatingOrigin
    rater: str
    entry_id: int | None


@dataclass(frozen=True)
class HistoryReflection:
    entry_id: int
    on: dt.date
    title: str
    body: str
    private: bool
    self_rating: int | None


@dataclass(frozen=True)
class HistoryComment:
    """A mentor's feedback item on the skill, exactly as imported (Markdown, untrusted)."""

    on: dt.date
    mentor: str
    level: int | None
    comment: str
    answered: bool  # a reflection responds to it


@dataclass
class SkillHistory:
    skill: Skill
    ratings: list[HistoryRating] = field(default_factory=list)
    reflections: list[HistoryReflection] = field(default_factory=list)
    comments: list[HistoryComment] = field(default_factory=list)


def skill_history(session: Session, skill_id: int, *, include_private: bool = True) -> SkillHistory:
    """Everything dated about one skill, oldest first (three queries)."""
    skill = session.get(
        Skill, skill_id, options=[selectinload(Skill.descriptors), selectinload(Skill.area)]
    )
    if skill is None:
        raise InputError(f"skill {skill_id} does not exist")
    history = SkillHistory(skill)
    for r in session.scalars(
        select(Rating).where(Rating.skill_id == skill_id).order_by(Rating.rated_on, Rating.id)
    ):
        history.ratings.append(
            HistoryRating(r.rated_on, r.level, r.source, r.origin, r.rater, r.entry_id)
        )
    stmt = (
        select(Entry, EntrySkill.self_rating)
        .join(EntrySkill, EntrySkill.entry_id == Entry.id)
        .where(EntrySkill.skill_id == skill_id)
        .order_by(Entry.entry_date, Entry.entry_time, Entry.id)
    )
    if not include_private:
        stmt = stmt.where(Entry.private.is_(False))
    for entry, self_rating in session.execute(stmt):
        history.reflections.append(
            HistoryReflection(
                entry.id, entry.entry_date, entry.title, entry.body, entry.private, self_rating
            )
        )
    answered = exists().where(EntryFeedback.feedback_item_id == FeedbackItem.id)
    for item, is_answered in session.execute(
        select(FeedbackItem, answered)
        .where(FeedbackItem.skill_id == skill_id)
        .order_by(FeedbackItem.given_on, FeedbackItem.id)
    ):
        history.comments.append(
            HistoryComment(item.given_on, item.mentor, item.level, item.comment, bool(is_answered))
        )
    return history
