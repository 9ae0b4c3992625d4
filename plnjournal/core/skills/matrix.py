"""The skills matrix: per skill, where the user stands and how much attention it gets.

Qt-free, so the window, the CLI and the PDF report read the same numbers. A fixed handful of
queries whatever the number of skills or entries (no query per skill), and every number
has a plain-word explanation (``explain``).

Definitions (docs/frameworks.md, "The skills matrix"):
- current level: the latest mentor rating if there is one, else the latest self rating;
- gap to target: target level − current level (0 or less: target reached);
- self–mentor gap: latest self rating − latest mentor rating; a **blind spot** when the self
  rating is higher by more than a third of the scale;
- overdue: days since the last reflection exceed the skill's cadence (or the default);
- trend: the current level at the end of each of the last 12 months.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from plnjournal.core.skills.evidence import Comparison, RatingFact, compare, mentor_view
from plnjournal.core.skills.lookup import active_framework, effective_cadence_days
from plnjournal.storage.models import Area, Entry, EntrySkill, Rating, Skill
from plnjournal.values import RatingOrigin, RatingSource

RECENT_DAYS = 90
TREND_MONTHS = 12


@dataclass(frozen=True)
class RatingPoint:
    level: int
    on: dt.date
    source: RatingSource
    origin: RatingOrigin
    rater: str = ""


@dataclass
class MatrixRow:
    skill_id: int
    code: str
    name: str
    description: str
    area: str
    area_position: int
    position: int
    archived: bool
    target_level: int
    cadence_days: int | None  # effective: the skill's own, else the framework default
    latest_self: RatingPoint | None = None
    latest_mentor: RatingPoint | None = None
    last_reflected: dt.date | None = None
    days_since_reflected: int | None = None
    reflections_recent: int = 0
    level_before: int | None = None  # the current level as it was on ``change_since``
    trend: list[int | None] = field(default_factory=list)  # level at each month end
    # The user's latest self rating against the mentors' recent view (core/skills/evidence.py).
    comparison: Comparison = Comparison.NONE

    @property
    def current(self) -> RatingPoint | None:
        """The rating that counts: the mentor's latest, else the user's own."""
        return self.latest_mentor or self.latest_self

    @property
    def current_level(self) -> int | None:
        """The level of the rating that counts (None if never rated)."""
        return self.current.level if self.current else None

    @property
    def gap_to_target(self) -> int | None:
        """Levels still to go to the target (negative: above it)."""
        return None if self.current is None else self.target_level - self.current.level

    @property
    def self_mentor_gap(self) -> int | None:
        """How far the user's own latest rating sits above the mentor's (None without both)."""
        if self.latest_self is None or self.latest_mentor is None:
            return None
        return self.latest_self.level - self.latest_mentor.level

    @property
    def overdue_days(self) -> int | None:
        """Days past the cadence (None when the skill has no cadence); never-reflected skills
        count from the start of the journal, so they are left to the caller."""
        if self.cadence_days is None or self.days_since_reflected is None:
            return None
        return max(0, self.days_since_reflected - self.cadence_days)

    @property
    def level_change(self) -> int | None:
        """How the current level moved since ``change_since`` (None without both ends)."""
        if self.current_level is None or self.level_before is None:
            return None
        return self.current_level - self.level_before


@dataclass
class SkillMatrix:
    framework: str
    as_of: dt.date
    change_since: dt.date
    scale: list[tuple[int, str]]
    trend_months: list[dt.date]  # the month ends the trend values belong to
    rows: list[MatrixRow]
    first_entry: dt.date | None = None  # the journal's first reflection up to as_of

    def not_yet_due(self, row: MatrixRow) -> bool:
        """Never reflected on, but the journal is younger than the skill's cadence: nothing
        can be said against it yet (the avoidance model's "getting started")."""
        if row.last_reflected is not None or row.cadence_days is None:
            return False
        days = (self.as_of - self.first_entry).days if self.first_entry else 0
        return days < row.cadence_days

    @property
    def scale_min(self) -> int:
        """The scale's lowest level (1 without a scale)."""
        return self.scale[0][0] if self.scale else 1

    @property
    def scale_max(self) -> int:
        """The scale's highest level (5 without a scale)."""
        return self.scale[-1][0] if self.scale else 5

    def label(self, level: int | None) -> str:
        """The framework's name for ``level`` (the number without one; empty for None)."""
        return dict(self.scale).get(level, str(level)) if level is not None else ""

    def is_blind_spot(self, row: MatrixRow) -> bool:
        """The user rates themself more than a third of the scale above what mentors said in
        the last 180 days (each rater's latest once): the avoidance model's rule."""
        return row.comparison == Comparison.BLIND_SPOT

    def is_hidden_strength(self, row: MatrixRow) -> bool:
        """The user rates themself as far below the mentors' recent view: good news."""
        return row.comparison == Comparison.HIDDEN_STRENGTH


def month_ends(as_of: dt.date, months: int = TREND_MONTHS) -> list[dt.date]:
    """The last ``months`` month ends up to ``as_of`` (the current month ends at ``as_of``)."""
    out = [as_of]
    day = as_of.replace(day=1) - dt.timedelta(days=1)
    while len(out) < months:
        out.append(day)
        day = day.replace(day=1) - dt.timedelta(days=1)
    return out[::-1]


def skill_matrix(
    session: Session,
    *,
    as_of: dt.date | None = None,
    change_since: dt.date | None = None,
    include_archived: bool = True,
    include_private: bool = True,
) -> SkillMatrix:
    """The matrix for the active framework, as it stood at the end of ``as_of`` (default
    today); later entries and ratings are ignored, so the result is reproducible."""
    as_of = as_of or dt.date.today()
    change_since = change_since or as_of - dt.timedelta(days=RECENT_DAYS)
    fw = active_framework(session)
    ends = month_ends(as_of)
    if fw is None:
        return SkillMatrix("", as_of, change_since, [], ends, [])
    stmt = (
        select(Skill)
        .join(Area)
        .where(Skill.framework_id == fw.id)
        .options(selectinload(Skill.area))
        .order_by(Area.position, Area.id, Skill.position, Skill.id)
    )
    if not include_archived:
        stmt = stmt.where(Skill.archived.is_(False), Area.archived.is_(False))
    rows = [
        MatrixRow(
            skill_id=s.id,
            code=s.code,
            name=s.name,
            description=s.description,
            area=s.area.name,
            area_position=s.area.position,
            position=s.position,
            archived=s.archived or s.area.archived,
            target_level=s.target_level,
            cadence_days=effective_cadence_days(s, fw),
        )
        for s in session.scalars(stmt)
    ]
    by_id = {r.skill_id: r for r in rows}
    _add_reflections(session, by_id, as_of, include_private)
    scale = [(lv.level, lv.label) for lv in fw.levels]
    span = (scale[-1][0] - scale[0][0]) if scale else 4
    _add_ratings(session, by_id, as_of, change_since, ends, fw.id, include_private, span)
    first = select(func.min(Entry.entry_date)).where(Entry.entry_date <= as_of)
    if not include_private:
        first = first.where(Entry.private.is_(False))
    return SkillMatrix(
        fw.name, as_of, change_since, scale, ends, rows, first_entry=session.scalar(first)
    )


def _add_reflections(
    session: Session, by_id: dict[int, MatrixRow], as_of: dt.date, include_private: bool
) -> None:
    recent_from = as_of - dt.timedelta(days=RECENT_DAYS - 1)
    stmt = (
        select(
            EntrySkill.skill_id,
            func.max(Entry.entry_date),
            func.sum(case((Entry.entry_date >= recent_from, 1), else_=0)),
        )
        .join(Entry, Entry.id == EntrySkill.entry_id)
        .where(Entry.entry_date <= as_of)
        .group_by(EntrySkill.skill_id)
    )
    if not include_private:
        stmt = stmt.where(Entry.private.is_(False))
    for skill_id, last, recent in session.execute(stmt):
        row = by_id.get(skill_id)
        if row is not None and last is not None:
            row.last_reflected = last
            row.days_since_reflected = (as_of - last).days
            row.reflections_recent = int(recent or 0)


def _add_ratings(
    session: Session,
    by_id: dict[int, MatrixRow],
    as_of: dt.date,
    change_since: dt.date,
    ends: list[dt.date],
    framework_id: int,
    include_private: bool = True,
    span: int = 4,
) -> None:
    """Replay each skill's ratings in date order: the latest before the replay window (one
    window-function query), then every rating inside it (one range query). A self rating
    given with a private reflection is as private as the reflection."""
    start = min(change_since, ends[0].replace(day=1) - dt.timedelta(days=1))
    cols = (
        Rating.skill_id,
        Rating.level,
        Rating.rated_on,
        Rating.source,
        Rating.origin,
        Rating.rater,
    )
    in_fw: ColumnElement[bool] = Rating.skill_id.in_(
        select(Skill.id).where(Skill.framework_id == framework_id)
    )
    if not include_private:
        private_ids = select(Entry.id).where(Entry.private.is_(True))
        in_fw = and_(in_fw, or_(Rating.entry_id.is_(None), Rating.entry_id.not_in(private_ids)))
    rank = (
        func.row_number()
        .over(
            partition_by=(Rating.skill_id, Rating.source),
            order_by=(Rating.rated_on.desc(), Rating.id.desc()),
        )
        .label("rank")
    )
    before = select(*cols, rank).where(in_fw, Rating.rated_on <= start).subquery()
    earlier = session.execute(select(*[before.c[c.key] for c in cols]).where(before.c.rank == 1))
    inside = session.execute(
        select(*cols)
        .where(in_fw, and_(Rating.rated_on > start, Rating.rated_on <= as_of))
        .order_by(Rating.rated_on, Rating.id)
    )
    points: dict[int, list[RatingPoint]] = {}
    for skill_id, level, on, source, origin, rater in [*earlier, *inside]:
        points.setdefault(skill_id, []).append(
            RatingPoint(level, on, RatingSource(source), RatingOrigin(origin), rater or "")
        )
    for skill_id, pts in points.items():
        row = by_id.get(skill_id)
        if row is None:
            continue
        pts.sort(key=lambda p: p.on)  # stable: same-day ratings keep their id order
        checkpoints = sorted({*ends, change_since})
        state: dict[RatingSource, RatingPoint] = {}
        level_at: dict[dt.date, int | None] = {}
        i = 0
        for day in checkpoints:
            while i < len(pts) and pts[i].on <= day:
                state[pts[i].source] = pts[i]
                i += 1
            now = state.get(RatingSource.MENTOR) or state.get(RatingSource.SELF)
            level_at[day] = now.level if now else None
        for p in pts[i:]:
            state[p.source] = p
        row.latest_self = state.get(RatingSource.SELF)
        row.latest_mentor = state.get(RatingSource.MENTOR)
        # The replay window reaches back over a year, so it holds every rating the mentors'
        # recent view is made of.
        view = mentor_view(
            [RatingFact(p.level, p.on, p.rater) for p in pts if p.source == RatingSource.MENTOR],
            as_of,
        )
        row.comparison = compare(_fact(row.latest_self), view, _fact(row.latest_mentor), span)
        row.level_before = level_at[change_since]
        row.trend = [level_at[d] for d in ends]
    for row in by_id.values():
        if not row.trend:
            row.trend = [None] * len(ends)


def _fact(point: RatingPoint | None) -> RatingFact | None:
    return None if point is None else RatingFact(point.level, point.on, point.rater)
