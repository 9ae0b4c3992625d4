"""Self-assessment: rating yourself on many skills at once, as dated self ratings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from plnjournal.core.journal.entries import check_level
from plnjournal.errors import InputError
from plnjournal.storage.models import Rating, Skill
from plnjournal.values import RatingOrigin, RatingSource


def record_self_assessment(
    session: Session, levels: dict[int, int], on: dt.date, *, comment: str = ""
) -> list[Rating]:
    """One self rating (origin ``self_assessment``) per skill in ``levels`` (skill id -> level).

    Assessing the same skill twice on one day keeps one rating, the later one, so redoing an
    assessment never doubles it; ratings from reflections are not touched.
    """
    if on > dt.date.today():
        raise InputError(f"self-assessment: {on.isoformat()} is in the future")
    for level in levels.values():
        check_level(session, level, "self-assessment")
    known = set(session.scalars(select(Skill.id).where(Skill.id.in_(list(levels)))))
    if unknown := set(levels) - known:
        raise InputError(f"self-assessment: no skill with id {sorted(unknown)[0]}")
    existing = {
        r.skill_id: r
        for r in session.scalars(
            select(Rating).where(
                Rating.skill_id.in_(list(levels)),
                Rating.rated_on == on,
                Rating.source == RatingSource.SELF,
                Rating.origin == RatingOrigin.SELF_ASSESSMENT,
            )
        )
    }
    out = []
    for skill_id, level in levels.items():
        rating = existing.get(skill_id)
        if rating is None:
            rating = Rating(
                skill_id=skill_id,
                rated_on=on,
                source=RatingSource.SELF,
                origin=RatingOrigin.SELF_ASSESSMENT,
            )
            session.add(rating)
        rating.level = level
        rating.comment = comment
        out.append(rating)
    session.flush()
    return out
