"""Today's hard conversation: which skill to ask about, why, the question, and what the user did.

The window shows one nudge a day. Acting on it (writing, "not today", snoozing) is recorded in
the ``nudges`` table and ends the nudge for the day; a snoozed skill is left out until its date.
The avoidance model reads these records back as a signal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plnjournal.core.dates import short_date
from plnjournal.core.insights.avoidance import avoidance_scores
from plnjournal.core.plain_text import one_line
from plnjournal.core.skills.lookup import active_framework
from plnjournal.core.words import shorten
from plnjournal.errors import InputError
from plnjournal.storage.models import Area, Entry, EntrySkill, FeedbackItem, Nudge, Rating, Skill
from plnjournal.values import NudgeAction, RatingSource

QUOTE_LIMIT = 220
_ACTED = (NudgeAction.WRITTEN, NudgeAction.DISMISSED, NudgeAction.SNOOZED)


@dataclass(frozen=True)
class MentorComment:
    mentor: str
    given_on: dt.date
    comment: str


@dataclass(frozen=True)
class HardConversation:
    """The nudge of the day: the skill, why it was chosen (one line), the question to answer."""

    skill_id: int
    code: str
    name: str
    reason: str
    question: str
    mentor_comment: MentorComment | None


@dataclass(frozen=True)
class Candidate:
    skill: Skill
    reason: str
    last_reflected: dt.date | None
    # The avoidance model found something against it; otherwise it is only the skill longest
    # without a reflection, and the question must not assume it is being avoided.
    avoided: bool = False
    # The journal is younger than the skill's cadence (the avoidance model's getting_started):
    # not having written about it yet is not a silence to explain.
    getting_started: bool = False


def _last_reflected(session: Session, today: dt.date) -> dict[int, dt.date]:
    rows = session.execute(
        select(EntrySkill.skill_id, func.max(Entry.entry_date))
        .join(Entry, Entry.id == EntrySkill.entry_id)
        .where(Entry.entry_date <= today)
        .group_by(EntrySkill.skill_id)
    ).all()
    return {skill_id: day for skill_id, day in rows}


def _longest_without_reflection(session: Session, today: dt.date) -> list[Candidate]:
    """Active, non-archived skills, the one longest without a reflection first (never first
    of all)."""
    fw = active_framework(session)
    if fw is None:
        return []
    skills = session.scalars(
        select(Skill)
        .join(Area)
        .where(Skill.framework_id == fw.id, Skill.archived.is_(False), Area.archived.is_(False))
        .order_by(Area.position, Area.id, Skill.position, Skill.id)
    ).all()
    last = _last_reflected(session, today)
    out = []
    for skill in skills:
        day = last.get(skill.id)
        cadence = skill.cadence_days or fw.default_cadence_days
        if day is None:
            reason = "You have not written about it yet."
        else:
            days = (today - day).days
            reason = f"No reflection on it for {days} days"
            reason += f" (you aimed for every {cadence})." if cadence else "."
        out.append(Candidate(skill, reason, day))
    # Ties (never reflected on, or last on the same day): the lowest mentor rating first.
    mentor = _latest_mentor_levels(session, today)

    def key(c: Candidate) -> tuple[dt.date, int]:
        return (c.last_reflected or dt.date.min, mentor.get(c.skill.id, 99))

    return sorted(out, key=key)


def _latest_mentor_levels(session: Session, today: dt.date) -> dict[int, int]:
    rows = session.execute(
        select(Rating.skill_id, Rating.level)
        .where(Rating.source == RatingSource.MENTOR, Rating.rated_on <= today)
        .order_by(Rating.rated_on, Rating.id)
    ).all()
    return {skill_id: level for skill_id, level in rows}


def ranked_candidates(session: Session, today: dt.date) -> list[Candidate]:
    """Skills to ask about, most avoided first, each with its one-line reason.

    The avoidance model ranks them (``core/insights/avoidance.py``) and its strongest reason is the
    one line. Skills it finds nothing against (score 0: a new journal, or a skill kept up
    with) follow, longest without a reflection first, so the panel still has a question.
    """
    fallback = _longest_without_reflection(session, today)
    by_id = {c.skill.id: c for c in fallback}
    ranked = [
        Candidate(
            by_id[s.skill_id].skill,
            s.reasons[0],
            s.last_reflected,
            avoided=True,
            getting_started=s.getting_started,
        )
        for s in avoidance_scores(session, today)
        if s.score > 0 and s.reasons and s.skill_id in by_id
    ]
    chosen = {c.skill.id for c in ranked}
    return ranked + [c for c in fallback if c.skill.id not in chosen]


def latest_mentor_comment(session: Session, skill_id: int, today: dt.date) -> MentorComment | None:
    """The newest mentor comment on the skill up to ``today``: the question quotes it,
    because a mentor's own words are harder to put off than a generic prompt."""
    item = session.scalars(
        select(FeedbackItem)
        .where(
            FeedbackItem.skill_id == skill_id,
            FeedbackItem.comment != "",
            FeedbackItem.given_on <= today,
        )
        .order_by(FeedbackItem.given_on.desc(), FeedbackItem.id.desc())
        .limit(1)
    ).first()
    if item is None:
        return None
    return MentorComment(item.mentor.strip(), item.given_on, item.comment.strip())


def pointed_question(candidate: Candidate, comment: MentorComment | None, today: dt.date) -> str:
    """The question the nudge asks: about the mentor's latest comment when there is one,
    else about the last time the skill mattered."""
    name = candidate.skill.name
    if comment is not None:
        who = comment.mentor or "Your mentor"
        return (
            f"{who} wrote on {short_date(comment.given_on, today)}: “{shorten(one_line(comment.comment), QUOTE_LIMIT, at_word=True)}” "
            "What is your honest answer to that, and what will you do differently next time?"
        )
    if not candidate.avoided or (candidate.getting_started and candidate.last_reflected is None):
        # Nothing is held against it (a new journal, or a skill kept up with), or the journal
        # is too young for its silence to mean anything: ask, do not accuse.
        return (
            f"Think of the last time “{name}” mattered in your work: what happened, what did "
            "you do, and what would you do differently?"
        )
    if candidate.last_reflected is None:
        return (
            f"Think of the last time “{name}” mattered in your work: what did you do, "
            "and what has kept you from writing about it?"
        )
    return f"What happened the last time “{name}” mattered, and what are you putting off about it?"


def _acted_today(session: Session, today: dt.date) -> bool:
    acted = session.scalar(
        select(func.count(Nudge.id)).where(Nudge.shown_on == today, Nudge.action.in_(_ACTED))
    )
    return (acted or 0) > 0


def _snoozed(session: Session, today: dt.date) -> set[int]:
    return set(
        session.scalars(
            select(Nudge.skill_id).where(
                Nudge.action == NudgeAction.SNOOZED, Nudge.snooze_until > today
            )
        )
    )


def todays_hard_conversation(session: Session, today: dt.date) -> HardConversation | None:
    """The nudge to show today, or None (no skills, or already acted on today)."""
    if _acted_today(session, today):
        return None
    snoozed = _snoozed(session, today)
    for candidate in ranked_candidates(session, today):
        if candidate.skill.id in snoozed:
            continue
        comment = latest_mentor_comment(session, candidate.skill.id, today)
        return HardConversation(
            skill_id=candidate.skill.id,
            code=candidate.skill.code,
            name=candidate.skill.name,
            reason=candidate.reason,
            question=pointed_question(candidate, comment, today),
            mentor_comment=comment,
        )
    return None


def record_nudge(
    session: Session,
    skill_id: int,
    action: NudgeAction,
    *,
    today: dt.date,
    reason: str = "",
    snooze_until: dt.date | None = None,
) -> Nudge:
    """Record what happened to today's nudge. "Shown" is recorded once a day per skill."""
    if session.get(Skill, skill_id) is None:
        raise InputError(f"nudge: skill {skill_id} does not exist")
    if action == NudgeAction.SNOOZED and (snooze_until is None or snooze_until <= today):
        raise InputError("snooze: choose a day after today")
    if action == NudgeAction.SHOWN:
        existing = session.scalars(
            select(Nudge).where(
                Nudge.skill_id == skill_id,
                Nudge.shown_on == today,
                Nudge.action == NudgeAction.SHOWN,
            )
        ).first()
        if existing is not None:
            return existing
    nudge = Nudge(
        skill_id=skill_id,
        shown_on=today,
        action=action,
        reason=reason.strip(),
        snooze_until=snooze_until if action == NudgeAction.SNOOZED else None,
    )
    session.add(nudge)
    session.flush()
    return nudge
