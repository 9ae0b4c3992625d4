"""The queries behind a progress report, each with the privacy filter applied in SQL.

A handful of set-based queries per report, never one per skill or per entry, so a report over
ten years costs about what one over a month does.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from plnjournal.core.report.names import MentorNames
from plnjournal.core.skills.matrix import SkillMatrix, skill_matrix
from plnjournal.storage.models import (
    Commitment,
    Entry,
    EntryFeedback,
    EntrySkill,
    FeedbackItem,
    FeedbackRequest,
    Framework,
    Rating,
    Skill,
)
from plnjournal.values import CommitmentState, RatingSource


def visible_entries(include_private: bool) -> ColumnElement[bool]:
    """The condition every query on entries carries: private ones only when asked for."""
    return true() if include_private else Entry.private.is_(False)


def fmt_date(day: dt.date) -> str:
    """3 Nov 2026: unambiguous in every English-speaking country."""
    return f"{day.day} {day:%b %Y}"


def entry_days(
    session: Session, visible: ColumnElement[bool], start: dt.date, end: dt.date
) -> set[dt.date]:
    """The days in the period with a visible reflection: the summary's days and streak."""
    stmt = select(Entry.entry_date).distinct().where(visible, _in_period(start, end))
    return set(session.scalars(stmt))


def count_entries(
    session: Session, visible: ColumnElement[bool], start: dt.date, end: dt.date
) -> int:
    """How many visible reflections the period holds: the summary's first figure."""
    stmt = select(func.count(Entry.id)).where(visible, _in_period(start, end))
    return int(session.scalar(stmt) or 0)


def _in_period(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    return and_(Entry.entry_date >= start, Entry.entry_date <= end)


def mentors_in_order(session: Session) -> list[str]:
    """Every mentor the journal knows, in the order they first gave feedback."""
    first: dict[str, dt.date] = {}
    rows = list(
        session.execute(
            select(FeedbackItem.mentor, func.min(FeedbackItem.given_on)).group_by(
                FeedbackItem.mentor
            )
        ).all()
    )
    rows += session.execute(
        select(Rating.rater, func.min(Rating.rated_on))
        .where(Rating.source == RatingSource.MENTOR)
        .group_by(Rating.rater)
    ).all()
    rows += session.execute(
        select(FeedbackRequest.mentor, func.min(FeedbackRequest.requested_on)).group_by(
            FeedbackRequest.mentor
        )
    ).all()
    for mentor, day in rows:
        if mentor and mentor.strip() and (mentor not in first or day < first[mentor]):
            first[mentor] = day
    return sorted(first, key=lambda m: (first[m], m.casefold()))


# --- the skills matrix -------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixLine:
    """One skill's row: where it stands at the end of the period and how it moved."""

    area: str
    code: str
    name: str
    target: int
    self_level: int | None
    mentor_level: int | None
    current_level: int | None  # the latest mentor rating, else the latest self rating
    change: int | None  # current level now minus the day before the period (None: no rating then)
    reflections: int  # reflections linked to the skill in the period
    blind_spot: bool  # self above mentor by more than a third of the scale


def matrix_lines(
    session: Session,
    visible: ColumnElement[bool],
    include_private: bool,
    start: dt.date,
    end: dt.date,
) -> tuple[list[MatrixLine], SkillMatrix]:
    """The skills matrix as the window shows it (``core/skills/matrix.py``), as of the period's end,
    with each skill's reflections counted over the period; and the matrix itself (for the
    blind-spot chart)."""
    m = skill_matrix(
        session,
        as_of=end,
        change_since=start - dt.timedelta(days=1),
        include_archived=False,
        include_private=include_private,
    )
    counts = dict(
        session.execute(
            select(EntrySkill.skill_id, func.count(EntrySkill.entry_id))
            .join(Entry, Entry.id == EntrySkill.entry_id)
            .where(visible, _in_period(start, end))
            .group_by(EntrySkill.skill_id)
        ).all()
    )
    lines = [
        MatrixLine(
            area=row.area,
            code=row.code,
            name=row.name,
            target=row.target_level,
            self_level=row.latest_self.level if row.latest_self else None,
            mentor_level=row.latest_mentor.level if row.latest_mentor else None,
            current_level=row.current_level,
            change=row.level_change,
            reflections=int(counts.get(row.skill_id, 0)),
            blind_spot=m.is_blind_spot(row),
        )
        for row in m.rows
    ]
    return lines, m


# --- mentor feedback ---------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackLine:
    """One feedback item of the period and how the user responded to it."""

    given_on: dt.date
    mentor: str
    code: str
    skill: str
    level: int | None
    level_label: str
    target: int
    comment: str  # as written (mentor names replaced when anonymized)
    responses: tuple[tuple[dt.date, str], ...]  # reflections that answer it: (date, title)
    later_reflections: int  # reflections on the skill after it, within the period


def feedback_lines(
    session: Session,
    fw: Framework,
    visible: ColumnElement[bool],
    start: dt.date,
    end: dt.date,
    names: MentorNames,
) -> list[FeedbackLine]:
    """The mentor feedback given in the period, each with the reflections that answered it
    and how many were written on the skill after it, so the report shows what was done
    about it."""
    items = session.execute(
        select(FeedbackItem, Skill)
        .join(Skill, Skill.id == FeedbackItem.skill_id)
        .where(FeedbackItem.given_on >= start, FeedbackItem.given_on <= end)
        .order_by(FeedbackItem.given_on, FeedbackItem.mentor, Skill.position, FeedbackItem.id)
    ).all()
    if not items:
        return []
    responses: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for item_id, on, title in session.execute(
        select(EntryFeedback.feedback_item_id, Entry.entry_date, Entry.title)
        .join(Entry, Entry.id == EntryFeedback.entry_id)
        .where(
            visible,
            Entry.entry_date <= end,
            EntryFeedback.feedback_item_id.in_([item.id for item, _ in items]),
        )
        .order_by(Entry.entry_date, Entry.id)
    ):
        responses[item_id].append((on, names.text(title or "(untitled)")))
    reflected: dict[int, list[dt.date]] = defaultdict(list)
    for skill_id, on in session.execute(
        select(EntrySkill.skill_id, Entry.entry_date)
        .join(Entry, Entry.id == EntrySkill.entry_id)
        .where(visible, _in_period(start, end))
        .order_by(Entry.entry_date)
    ):
        reflected[skill_id].append(on)
    lines = []
    for item, skill in items:
        days = reflected.get(skill.id, [])
        later = len(days) - bisect.bisect_right(days, item.given_on)
        lines.append(
            FeedbackLine(
                given_on=item.given_on,
                mentor=names.name(item.mentor),
                code=skill.code,
                skill=skill.name,
                level=item.level,
                level_label=fw.level_label(item.level) if item.level is not None else "",
                target=skill.target_level,
                comment=names.text(item.comment),
                responses=tuple(responses.get(item.id, ())),
                later_reflections=later,
            )
        )
    return lines


# --- commitments -------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentLine:
    text: str
    code: str
    skill: str
    created_on: dt.date
    due_on: dt.date | None
    state: str  # as it stood at the end of the period: open, done, dropped
    closed_on: dt.date | None
    reason: str
    overdue: bool
    outcome: str  # in plain words


def commitment_lines(
    session: Session,
    visible: ColumnElement[bool],
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    names: MentorNames,
) -> list[CommitmentLine]:
    """Commitments made, due or closed in the period, and those still open during it; a
    commitment made in a private reflection is private too."""
    rows = session.execute(
        select(Commitment, Skill.code, Skill.name)
        .outerjoin(Entry, Entry.id == Commitment.entry_id)
        .outerjoin(Skill, Skill.id == Commitment.skill_id)
        .where(
            or_(Commitment.entry_id.is_(None), visible),
            Commitment.created_on <= end,
            or_(
                Commitment.created_on >= start,
                Commitment.due_on >= start,
                Commitment.closed_on >= start,
                Commitment.state == CommitmentState.OPEN,
            ),
        )
        .order_by(Commitment.created_on, Commitment.id)
    ).all()
    lines = []
    for c, code, skill in rows:
        if c.state != CommitmentState.OPEN and c.closed_on is not None and c.closed_on > as_of:
            state, closed = "open", None  # closed after the period: it was open then
        else:
            state, closed = str(c.state), c.closed_on
        overdue = state == "open" and c.due_on is not None and c.due_on < as_of
        lines.append(
            CommitmentLine(
                text=names.text(c.text),
                code=code or "",
                skill=skill or "",
                created_on=c.created_on,
                due_on=c.due_on,
                state=state,
                closed_on=closed,
                reason=names.text(c.reason) if state == "dropped" else "",
                overdue=overdue,
                outcome=_outcome(state, c.due_on, closed, overdue, as_of),
            )
        )
    return lines


def _outcome(
    state: str, due: dt.date | None, closed: dt.date | None, overdue: bool, as_of: dt.date
) -> str:
    if state == "done":
        if closed is None:
            return "Kept"
        if due is not None and closed > due:
            late = (closed - due).days
            return f"Kept on {fmt_date(closed)}, {late} day{'s' * (late != 1)} late"
        return f"Kept on {fmt_date(closed)}"
    if state == "dropped":
        return f"Dropped on {fmt_date(closed)}" if closed else "Dropped"
    if overdue and due is not None:
        late = (as_of - due).days
        return f"Overdue: was due {fmt_date(due)} ({late} day{'s' * (late != 1)} ago)"
    if due is not None:
        return f"Open, due {fmt_date(due)}"
    return "Open, no date set"


def entry_skill_names(session: Session, entry_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Each reflection's skills as (code, name), in one query for every reflection the
    report shows."""
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    if not entry_ids:
        return found
    for entry_id, code, name in session.execute(
        select(EntrySkill.entry_id, Skill.code, Skill.name)
        .join(Skill, Skill.id == EntrySkill.skill_id)
        .where(EntrySkill.entry_id.in_(entry_ids))
        .order_by(Skill.code)
    ):
        found[entry_id].append((code, name))
    return found


@dataclass(frozen=True)
class RatingLine:
    """A dated rating in the period, for the report's machine-readable attachment."""

    code: str
    rated_on: dt.date
    level: int
    source: str
    rater: str
    origin: str


def rating_lines(
    session: Session,
    visible: ColumnElement[bool],
    start: dt.date,
    end: dt.date,
    names: MentorNames,
) -> list[RatingLine]:
    """Every rating in the period, oldest first, leaving out self ratings given with
    reflections the report hides; mentor names as the report shows them."""
    rows = session.execute(
        select(
            Skill.code, Rating.rated_on, Rating.level, Rating.source, Rating.rater, Rating.origin
        )
        .join(Skill, Skill.id == Rating.skill_id)
        .outerjoin(Entry, Rating.entry_id == Entry.id)
        .where(
            Rating.rated_on >= start,
            Rating.rated_on <= end,
            or_(Rating.entry_id.is_(None), visible),
        )
        .order_by(Rating.rated_on, Skill.code, Rating.id)
    ).all()
    return [
        RatingLine(
            code=code,
            rated_on=on,
            level=level,
            source=str(source),
            rater=names.name(rater) if str(source) == "mentor" else "",
            origin=str(origin),
        )
        for code, on, level, source, rater, origin in rows
    ]
