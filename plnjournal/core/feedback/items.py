"""Mentor feedback as stored facts: items, their fingerprints, and the ratings they carry."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from plnjournal.storage.bulk import bulk_insert
from plnjournal.storage.models import FeedbackImport, FeedbackItem, Rating, Skill, utcnow
from plnjournal.values import RatingOrigin, RatingSource

_RAW_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)
_encode_str = json.encoder.encode_basestring  # what json.dumps(..., ensure_ascii=False) uses
# Every character str.splitlines() splits on.
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def feedback_fingerprint(
    mentor: str, skill_code: str, given_on: dt.date, level: int | None, comment: str
) -> str:
    """The same mentor, skill, date, rating and comment is the same item, whichever file
    brings it; whitespace and case in the mentor's name do not make it new.

    The key is the JSON text of ``[mentor, code, date, level, comment]`` (normalised), written
    out directly: building a JSON encoder per call was most of an import's checking time.
    tests/core/feedback/test_fingerprint.py proves it equal to ``json.dumps``.
    """
    text = comment.strip()
    if _LINE_BREAK.search(text):
        text = "\n".join(line.rstrip() for line in text.splitlines())
    key = (
        f"[{_encode_str(' '.join(mentor.split()).casefold())}, "
        f"{_encode_str(skill_code.casefold())}, {_encode_str(given_on.isoformat())}, "
        f"{'null' if level is None else int(level)}, {_encode_str(text)}]"
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


_KNOWN = select(FeedbackItem.fingerprint).where(
    FeedbackItem.fingerprint.in_(bindparam("fingerprints", expanding=True))
)


def known_fingerprints(session: Session, fingerprints: list[str]) -> set[str]:
    """Which of these fingerprints the journal already holds (one prepared query per 2,000:
    building a new IN clause per chunk cost more than the lookups themselves)."""
    found: set[str] = set()
    for i in range(0, len(fingerprints), 2000):
        chunk = fingerprints[i : i + 2000]
        found.update(session.scalars(_KNOWN, {"fingerprints": chunk}))
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
    raw: dict[str, object],
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
        raw=_RAW_ENCODER.encode(raw),
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


@dataclass(slots=True)
class NewFeedbackItem:
    """One item to store with ``add_feedback_items`` (what ``add_feedback_item`` takes)."""

    skill_id: int | None
    skill_code: str
    mentor: str
    given_on: dt.date
    level: int | None
    comment: str
    line: int | None
    raw: dict[str, object]
    fingerprint: str | None = None  # computed when not given


ITEM_COLUMNS = (
    "import_id",
    "line",
    "skill_id",
    "mentor",
    "given_on",
    "level",
    "comment",
    "raw",
    "fingerprint",
)
RATING_COLUMNS = (
    "skill_id",
    "level",
    "rated_on",
    "source",
    "rater",
    "comment",
    "origin",
    "feedback_item_id",
    "created_at",
)


def add_feedback_items(
    session: Session, feedback_import: FeedbackImport, items: Sequence[NewFeedbackItem]
) -> list[int]:
    """Store many items at once, exactly as ``add_feedback_item`` would one by one (each
    rating in the rating history too), in two bulk inserts: an import of 10,000 rows costs
    a fraction of a second instead of many seconds of ORM bookkeeping."""
    if not items:
        return []
    session.add(feedback_import)
    session.flush()
    import_id = feedback_import.id
    encode = _RAW_ENCODER.encode
    for it in items:
        if it.fingerprint is None:
            it.fingerprint = feedback_fingerprint(
                it.mentor, it.skill_code, it.given_on, it.level, it.comment
            )
    # One executemany per table (no ORM, no RETURNING, whose batches cost seconds at this
    # size). New rows get ids above the current largest (we hold the write lock), so they are
    # read back by that range and matched by fingerprint, which is unique.
    before = session.scalar(select(func.max(FeedbackItem.id))) or 0
    bulk_insert(
        session,
        FeedbackItem.__table__,
        ITEM_COLUMNS,
        [
            (
                import_id,
                it.line,
                it.skill_id,
                it.mentor,
                it.given_on,
                it.level,
                it.comment,
                encode(it.raw),
                it.fingerprint,
            )
            for it in items
        ],
    )
    by_fingerprint: dict[str | None, int] = dict(
        session.execute(
            select(FeedbackItem.fingerprint, FeedbackItem.id).where(FeedbackItem.id > before)
        ).all()
    )
    ids = [by_fingerprint[it.fingerprint] for it in items]
    now = utcnow()
    mentor, feedback = RatingSource.MENTOR, RatingOrigin.FEEDBACK
    bulk_insert(
        session,
        Rating.__table__,
        RATING_COLUMNS,
        [
            (it.skill_id, it.level, it.given_on, mentor, it.mentor, it.comment, feedback, i, now)
            for it, i in zip(items, ids, strict=True)
            if it.level is not None
        ],
    )
    return ids
