"""The statements the avoidance model reads its facts with, built once with bind parameters.

Building and cache-keying a statement costs more than running most of these, so each is built
once per privacy view (``queries``). Every one groups or windows over all skills at once: no
query runs per skill (docs/performance.md, "The avoidance model and the insight charts").
"""

from __future__ import annotations

import functools

from sqlalchemy import Date, String, and_, bindparam, cast, exists, func, or_, select, true

from plnjournal.core.skills.evidence import EVIDENCE_DAYS
from plnjournal.storage.models import (
    Area,
    Commitment,
    Entry,
    EntryFeedback,
    EntrySkill,
    FeedbackItem,
    FeedbackRequest,
    FeedbackRequestSkill,
    Framework,
    LevelDescriptor,
    Nudge,
    Rating,
    ScaleLevel,
    Skill,
)
from plnjournal.values import CommitmentState, NudgeAction, RatingSource

__all__ = ["EVIDENCE_DAYS", "Queries", "queries"]


class Queries:
    """Every statement the facts are read with (bind parameters: ``as_of``,
    ``window_start``, ``evidence_start``, ``fw_id``, ``ids``)."""

    def __init__(self, include_private: bool) -> None:
        as_of = bindparam("as_of", type_=Date)
        window = bindparam("window_start", type_=Date)
        # A progress report without private reflections scores as if they did not exist. The
        # filters are left out entirely otherwise: even a constant "OR" in the link query
        # costs its covering index (every link would read its entry's row).
        private_ids = select(Entry.id).where(Entry.private.is_(True))
        everything = true()
        shown = everything if include_private else Entry.private.is_(False)
        rating_shown = (
            everything
            if include_private
            else or_(Rating.entry_id.is_(None), Rating.entry_id.not_in(private_ids))
        )
        commitment_shown = (
            everything
            if include_private
            else or_(Commitment.entry_id.is_(None), Commitment.entry_id.not_in(private_ids))
        )
        self.framework = (
            select(Framework.id, Framework.default_cadence_days)
            .where(Framework.active.is_(True))
            .order_by(Framework.id.desc())
            .limit(1)
        )
        self.levels = (
            select(ScaleLevel.level, ScaleLevel.label)
            .where(ScaleLevel.framework_id == bindparam("fw_id"))
            .order_by(ScaleLevel.level)
        )
        self.skills = (
            select(
                Skill.id,
                Skill.code,
                Skill.name,
                Area.name,
                Skill.target_level,
                Skill.cadence_days,
                Skill.keywords,
                Skill.description,
            )
            .join(Area, Area.id == Skill.area_id)
            .where(
                Skill.framework_id == bindparam("fw_id"),
                Skill.archived.is_(False),
                Area.archived.is_(False),
            )
            .order_by(Area.position, Area.id, Skill.position, Skill.id)
        )
        self.descriptors = (
            select(LevelDescriptor.skill_id, LevelDescriptor.text)
            .join(Skill, Skill.id == LevelDescriptor.skill_id)
            .where(Skill.framework_id == bindparam("fw_id"))
            .order_by(LevelDescriptor.skill_id, LevelDescriptor.level)
        )
        self.first_entry = select(func.min(Entry.entry_date)).where(
            Entry.entry_date <= as_of, shown
        )
        # The hottest query (every link of ten years): dates come back as ISO text, compared
        # as text and parsed once per skill, the cheaper way (docs/performance.md, "The
        # avoidance model and the insight charts").
        self.links = (
            select(EntrySkill.skill_id, EntrySkill.entry_id, cast(Entry.entry_date, String))
            .join(Entry, Entry.id == EntrySkill.entry_id)
            .where(Entry.entry_date <= as_of, shown)
            .order_by(Entry.entry_date.desc(), Entry.entry_time.desc(), Entry.id.desc())
        )
        committed = (
            exists()
            .where(Commitment.entry_id == Entry.id, Commitment.created_on <= as_of)
            .label("committed")
        )
        self.texts = select(
            Entry.id, Entry.entry_date, Entry.comfort, Entry.title, Entry.body, committed
        ).where(Entry.id.in_(bindparam("ids", expanding=True)))
        latest = (
            select(
                Rating.skill_id.label("skill_id"),
                Rating.source.label("source"),
                func.max(Rating.rated_on).label("day"),
            )
            .where(Rating.rated_on <= as_of, rating_shown)
            .group_by(Rating.skill_id, Rating.source)
            .subquery()
        )
        self.ratings = (
            select(Rating.skill_id, Rating.source, Rating.level, Rating.rated_on, Rating.rater)
            .join(
                latest,
                and_(
                    latest.c.skill_id == Rating.skill_id,
                    latest.c.source == Rating.source,
                    latest.c.day == Rating.rated_on,
                ),
            )
            .where(rating_shown)
            .order_by(Rating.id)  # the last one stored wins a same-day tie
        )
        self.mentor_recent = (
            select(Rating.skill_id, Rating.level, Rating.rated_on, Rating.rater)
            .where(
                Rating.source == RatingSource.MENTOR,
                Rating.rated_on <= as_of,
                Rating.rated_on > bindparam("evidence_start", type_=Date),
                rating_shown,
            )
            .order_by(Rating.rated_on, Rating.id)
        )
        # Unanswered means no reflection (dated by the as-of date, and shown) is linked to
        # the item: writing about the skill is not answering its feedback.
        answered = exists().where(
            EntryFeedback.feedback_item_id == FeedbackItem.id,
            Entry.id == EntryFeedback.entry_id,
            Entry.entry_date <= as_of,
            shown,
        )
        self.unanswered = (
            select(
                FeedbackItem.skill_id,
                FeedbackItem.id,
                FeedbackItem.mentor,
                FeedbackItem.given_on,
                FeedbackItem.level,
                FeedbackItem.comment,
                FeedbackItem.praise_marked_at.is_not(None),
            )
            .where(FeedbackItem.given_on <= as_of, ~answered)
            .order_by(FeedbackItem.given_on.desc(), FeedbackItem.id.desc())
        )
        self.nudges = (
            select(Nudge.skill_id, Nudge.action, func.count(), func.max(Nudge.snooze_until))
            .where(
                Nudge.shown_on <= as_of,
                Nudge.shown_on > window,
                Nudge.action.in_((NudgeAction.DISMISSED, NudgeAction.SNOOZED)),
            )
            .group_by(Nudge.skill_id, Nudge.action)
        )
        # Done or dropped after the date means it was still open on it.
        open_then = or_(Commitment.state == CommitmentState.OPEN, Commitment.closed_on > as_of)
        overdue = and_(Commitment.due_on < as_of, open_then)
        dropped = and_(
            Commitment.state == CommitmentState.DROPPED,
            Commitment.closed_on <= as_of,
            Commitment.closed_on > window,
        )
        self.commitments = (
            select(Commitment.skill_id, Commitment.due_on, overdue.label("overdue"))
            .where(
                Commitment.skill_id.is_not(None),
                Commitment.created_on <= as_of,
                commitment_shown,
                or_(overdue, dropped),
            )
            .order_by(Commitment.due_on, Commitment.id)
        )
        self.asked = (
            select(FeedbackRequestSkill.skill_id, func.max(FeedbackRequest.requested_on))
            .join(FeedbackRequest, FeedbackRequest.id == FeedbackRequestSkill.request_id)
            .where(FeedbackRequest.requested_on <= as_of)
            .group_by(FeedbackRequestSkill.skill_id)
        )
        self.received = (
            select(FeedbackItem.skill_id, func.max(FeedbackItem.given_on))
            .where(FeedbackItem.given_on <= as_of)
            .group_by(FeedbackItem.skill_id)
        )


@functools.cache
def queries(include_private: bool = True) -> Queries:
    """The statements for one privacy view, built on first use."""
    return Queries(include_private)
