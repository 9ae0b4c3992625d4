"""Mentor feedback as stored facts: items, their fingerprints, and the ratings they carry."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from plnjournal.storage.models import (
    FeedbackImport,
    FeedbackItem,
    Rating,
    RatingOrigin,
    RatingSource,
    Skill,
)


def feedback_fingerprint(
    mentor: str, skill_code: str, given_on: dt.date, level: int | None, comment: str
) -> str:
    """The same mentor, skill, date, rating and comment is the same item, whichever file
    brings it; whitespace and case in the mentor's name do not make it new."""
    key = json.dumps(
        [
            " ".join(mentor.split()).casefold(),
            skill_code.casefold(),
            given_on.isoformat(),
            level,
            "\n".join(line.rstrip() for line in comment.strip().splitlines()),
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def known_fingerprints(session: Session, fingerprints: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(fingerprints), 500):
        chunk = fingerprints[i : i + 500]
        found.update(
            session.scalars(
                select(FeedbackItem.fingerprint).where(FeedbackItem.fingerprint.in_(chunk))
            )
        )
    return found


def add_feedback_item(
    session: Session,
    feedback_import: FeedbackImport,
    *,
    skill: Skill,
    mentor: str,
    given_on: dt.date,
    level: int | None,
    comment: str,
    line: int | None,
    raw: dict,
) -> FeedbackItem:
    """Store one item exactly as written, and its rating (if any) in the rating history."""
    item = FeedbackItem(
        feedback_import=feedback_import,
        line=line,
        skill_id=skill.id,
        mentor=mentor,
        given_on=given_on,
        level=level,
        comment=comment,
        raw=json.dumps(raw, ensure_ascii=False, default=str),
        fingerprint=feedback_fingerprint(mentor, skill.code, given_on, level, comment),
    )
    session.add(item)
    if level is not None:
        session.add(
            Rating(
                skill_id=skill.id,
                level=level,
                rated_on=given_on,
                source=RatingSource.MENTOR,
                rater=mentor,
                comment=comment,
                origin=RatingOrigin.FEEDBACK,
                feedback_item=item,
            )
        )
    return item
