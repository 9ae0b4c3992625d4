"""Today's hard conversation: the most-avoided skill, why, and a pointed question.

The daily window's panel calls ``todays_hard_conversation``; it picks from the avoidance
model's ranking, leaving out skills snoozed past today or already dismissed today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from plnjournal.core.avoidance import SkillScore, avoidance_scores
from plnjournal.storage.models import FeedbackItem


@dataclass(frozen=True)
class HardConversation:
    """What the panel shows: the skill, the one-line reason, the question, the mentor's word."""

    skill_id: int
    code: str
    skill: str
    area: str
    score: int
    reason: str
    question: str
    mentor_comment: str | None = None
    mentor: str | None = None
    comment_on: dt.date | None = None


def pick_skill(scores: Sequence[SkillScore], today: dt.date) -> SkillScore | None:
    """The highest-scored skill that is not snoozed past today nor dismissed today."""
    for s in scores:
        if s.score <= 0:
            return None
        if s.snoozed_until is not None and s.snoozed_until > today:
            continue
        if s.last_dismissed == today:
            continue
        return s
    return None


def todays_hard_conversation(
    session: Session, today: dt.date | None = None, *, scores: Sequence[SkillScore] | None = None
) -> HardConversation | None:
    """The hard conversation for ``today`` (None when nothing is being avoided); pass
    ``scores`` when they were just computed for the same day, to skip computing them again."""
    today = today or dt.date.today()
    top = pick_skill(scores if scores is not None else avoidance_scores(session, today), today)
    if top is None:
        return None
    latest = session.execute(
        select(FeedbackItem.comment, FeedbackItem.mentor, FeedbackItem.given_on)
        .where(
            FeedbackItem.skill_id == top.skill_id,
            FeedbackItem.given_on <= today,
            FeedbackItem.comment != "",
        )
        .order_by(FeedbackItem.given_on.desc(), FeedbackItem.id.desc())
        .limit(1)
    ).first()
    comment, mentor, given_on = latest if latest else (None, None, None)
    return HardConversation(
        skill_id=top.skill_id,
        code=top.code,
        skill=top.skill,
        area=top.area,
        score=top.score,
        reason=top.reasons[0] if top.reasons else "",
        question=question_for(top, mentor),
        mentor_comment=comment,
        mentor=mentor,
        comment_on=given_on,
    )


def question_for(score: SkillScore, mentor: str | None = None) -> str:
    """A pointed question that fits the strongest reason the skill was chosen."""
    name = score.skill[:1].lower() + score.skill[1:]
    top = max(score.signals, key=lambda s: s.points).name if score.signals else ""
    who = mentor or "your mentor"
    if top == "unanswered":
        note = score.unanswered[0] if score.unanswered else None
        who = (note.mentor if note and note.mentor else None) or who
        return f"What is your honest answer to {who}, and what will you do about it this week?"
    if top == "blind_spot":
        who = (score.mentor_rating.rater if score.mentor_rating else None) or who
        return f"{who} sees your {name} differently from you. What might they see that you do not?"
    if top == "overdue" and score.last_reflected is None:
        return (
            f"You have never written about {name}. What is the situation you keep stepping around?"
        )
    if top == "overdue":
        return (
            f"What has kept you away from {name} for {score.days_since} days, and what is one "
            "thing you could try before the week is out?"
        )
    if top == "nudges":
        return f"You have put {name} off before. What are you afraid will happen if you face it?"
    if top == "commitments":
        return "What got in the way of what you promised yourself here, and what is the smallest next step?"
    if top == "gap":
        return (
            f"You are aiming for level {score.target_level} in {name}. What is the hardest part "
            "of getting there, and when will you practise it?"
        )
    if top == "depth":
        return f"Why does {name} go the way it does for you, and what will you do differently next time?"
    if top == "feedback":
        return f"Who could watch your {name} this month and tell you honestly how it went?"
    return f"When did {name} last take you out of your comfort zone, and what did you learn?"
