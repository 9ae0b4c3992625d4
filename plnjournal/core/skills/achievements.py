"""Which skills the trainee can carry out as achieved, and on what evidence.

Today the one kind of evidence is a mentor's rating at or above the skill's target: the
latest mentor rating of each active skill counts, so a skill a mentor later rated below its
target again is not claimed. Programme mode will add a second kind, a sign-off; it belongs in
``EVIDENCE_KINDS`` as one more reader returning ``Achieved`` rows, and every exporter of
achievements (``core/skills/open_badges.py``) takes it with no other change.

Privacy: an achievement carries the mentor's rating and the comment that came with it from a
feedback file, never a reflection's words; a comment attached to a reflection marked private
is left out.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from plnjournal.core.skills.lookup import active_framework
from plnjournal.storage.models import Area, Entry, Framework, Rating, Skill
from plnjournal.values import RatingSource


class EvidenceKind(enum.StrEnum):
    MENTOR_RATING = "mentor rating"


@dataclass(frozen=True)
class Achieved:
    """A skill reached, with the evidence that says so."""

    skill: Skill
    framework: Framework
    kind: EvidenceKind
    level: int  # the level the evidence gives
    on: dt.date
    by: str  # who gave it ("" when the file did not say)
    comment: str  # the mentor's words with it, "" when none may be shown

    @property
    def level_label(self) -> str:
        """The level's name on the framework's scale ("Proficient")."""
        return self.framework.level_label(self.level)


def _mentor_ratings(session: Session, fw: Framework, as_of: dt.date) -> list[Achieved]:
    """Each active skill whose latest mentor rating (up to ``as_of``) is at or above its
    target."""
    skills = session.scalars(
        select(Skill)
        .join(Area, Skill.area_id == Area.id)
        .where(Skill.framework_id == fw.id, Skill.archived.is_(False), Area.archived.is_(False))
        .options(selectinload(Skill.descriptors), selectinload(Skill.area))
        .order_by(Area.position, Skill.position, Skill.id)
    ).all()
    latest: dict[int, tuple[Rating, bool]] = {}
    rows = session.execute(
        select(Rating, Entry.private)
        .outerjoin(Entry, Rating.entry_id == Entry.id)
        .where(
            Rating.skill_id.in_([s.id for s in skills]),
            Rating.source == RatingSource.MENTOR,
            Rating.rated_on <= as_of,
        )
        .order_by(Rating.rated_on, Rating.id)
    )
    for rating, private in rows:
        latest[rating.skill_id] = (rating, bool(private))
    out = []
    for skill in skills:
        if skill.id not in latest:
            continue
        rating, private = latest[skill.id]
        if rating.level < skill.target_level:
            continue
        out.append(
            Achieved(
                skill=skill,
                framework=fw,
                kind=EvidenceKind.MENTOR_RATING,
                level=rating.level,
                on=rating.rated_on,
                by=rating.rater.strip(),
                comment="" if private else rating.comment.strip(),
            )
        )
    return out


# Every reader of evidence that a skill is achieved (programme mode adds its sign-offs here).
EVIDENCE_KINDS: tuple[Callable[[Session, Framework, dt.date], list[Achieved]], ...] = (
    _mentor_ratings,
)


def achievements(session: Session, as_of: dt.date | None = None) -> list[Achieved]:
    """The achieved skills of the active framework, in the framework's order; a skill with
    evidence of several kinds comes once per kind."""
    fw = active_framework(session)
    if fw is None:
        return []
    day = as_of or dt.date.today()
    found = [a for read in EVIDENCE_KINDS for a in read(session, fw, day)]
    order = {id(a.skill): (a.skill.area.position, a.skill.position, a.skill.id) for a in found}
    return sorted(found, key=lambda a: order[id(a.skill)])
