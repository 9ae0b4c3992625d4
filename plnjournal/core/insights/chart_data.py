"""The data behind the charts, read for a period: reflections per skill per week, ratings over
time, journaling days and their streaks.

Plain dataclasses (``chart_values.py``), so ``core/charts/figures.py`` draws them and the PDF
report can reuse them; one or two aggregate queries each, never one per skill.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, or_, select, true
from sqlalchemy.orm import Session

from plnjournal.core.insights.avoidance import avoidance_scores
from plnjournal.core.insights.avoidance_data import Scale
from plnjournal.core.insights.chart_values import (
    DEFAULT_PERIOD_DAYS,
    Heatmap,
    RatingMark,
    RatingSeries,
    SkillRow,
    Streak,
    current_streak,
    default_period,
    longest_streak,
    streaks,
    week_start,
)
from plnjournal.core.skills.lookup import active_framework
from plnjournal.core.skills.matrix import skill_matrix
from plnjournal.lazy import lazy_module
from plnjournal.storage.models import Area, Entry, EntrySkill, FeedbackItem, Rating, Skill
from plnjournal.values import RatingSource

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from plnjournal.core.charts import figures
else:
    # The drawing imports matplotlib: loaded when ``make_chart`` first draws, so the data read
    # here (the progress report's, the Insights window's span) never waits for it. What it
    # saves: docs/performance.md, "Where the start-up deferrals are, and what each saves".
    figures = lazy_module("plnjournal.core.charts.figures")

# The types the charts draw live in chart_values.py (both this module and the charts import
# them); named here too, where callers have always found them.
__all__ = [
    "CHART_KINDS",
    "DEFAULT_PERIOD_DAYS",
    "Heatmap",
    "RatingMark",
    "RatingSeries",
    "SkillRow",
    "Streak",
    "current_streak",
    "default_period",
    "journal_scale",
    "journal_span",
    "journaling_days",
    "longest_streak",
    "make_chart",
    "rating_history",
    "reflection_heatmap",
    "skill_rows",
    "streaks",
    "week_start",
]


def journal_span(session: Session) -> tuple[dt.date | None, dt.date | None]:
    """The first and last days with a reflection (None, None for an empty journal)."""
    first, last = session.execute(
        select(func.min(Entry.entry_date), func.max(Entry.entry_date))
    ).one()
    return first, last


def journal_scale(session: Session) -> Scale:
    """The active framework's scale and level names (the default 1–5 without one),
    so the trends chart labels its axis as the framework does."""
    fw = active_framework(session)
    if fw is None or not fw.levels:
        return Scale()
    return Scale(fw.scale_min, fw.scale_max, {lv.level: lv.label for lv in fw.levels})


def skill_rows(session: Session, codes: Iterable[str] | None = None) -> list[SkillRow]:
    """Active, non-archived skills in framework order, optionally only ``codes``."""
    fw = active_framework(session)
    if fw is None:
        return []
    stmt = (
        select(Skill.id, Skill.code, Skill.name, Area.name, Skill.target_level)
        .join(Area, Area.id == Skill.area_id)
        .where(Skill.framework_id == fw.id, Skill.archived.is_(False), Area.archived.is_(False))
        .order_by(Area.position, Area.id, Skill.position, Skill.id)
    )
    wanted = {c.casefold() for c in codes} if codes is not None else None
    return [
        SkillRow(*row)
        for row in session.execute(stmt).all()
        if wanted is None or row[1].casefold() in wanted
    ]


def _shown(include_private: bool) -> ColumnElement[bool]:
    """Private reflections count unless the progress report leaves them out."""
    return true() if include_private else Entry.private.is_(False)


def reflection_heatmap(
    session: Session,
    start: dt.date,
    end: dt.date,
    *,
    codes: Iterable[str] | None = None,
    include_private: bool = True,
) -> Heatmap:
    """Reflections per skill per week in the period, in one grouped query: the heat map's
    data (without private reflections when ``include_private`` is False)."""
    skills = skill_rows(session, codes)
    first = week_start(start)
    weeks = [first + dt.timedelta(weeks=i) for i in range((week_start(end) - first).days // 7 + 1)]
    index = {s.skill_id: i for i, s in enumerate(skills)}
    counts = [[0] * len(weeks) for _ in skills]
    rows = session.execute(
        select(EntrySkill.skill_id, Entry.entry_date, func.count())
        .join(Entry, Entry.id == EntrySkill.entry_id)
        .where(Entry.entry_date >= start, Entry.entry_date <= end, _shown(include_private))
        .group_by(EntrySkill.skill_id, Entry.entry_date)
    ).all()
    for sid, day, n in rows:
        row = index.get(sid)
        if row is not None:
            counts[row][(week_start(day) - first).days // 7] += n
    return Heatmap(start, end, weeks, skills, counts)


def rating_history(
    session: Session,
    start: dt.date,
    end: dt.date,
    *,
    codes: Iterable[str] | None = None,
    include_private: bool = True,
) -> list[RatingSeries]:
    """Each skill's self and mentor ratings in the period, oldest first, with the mentor's
    comment where the rating came from a feedback item (without the self ratings given in
    private reflections when ``include_private`` is False)."""
    series = {s.skill_id: RatingSeries(s) for s in skill_rows(session, codes)}
    rows = session.execute(
        select(
            Rating.skill_id,
            Rating.rated_on,
            Rating.level,
            Rating.source,
            Rating.rater,
            func.coalesce(FeedbackItem.comment, Rating.comment),
        )
        .outerjoin(FeedbackItem, FeedbackItem.id == Rating.feedback_item_id)
        .outerjoin(Entry, Entry.id == Rating.entry_id)
        .where(
            Rating.rated_on >= start,
            Rating.rated_on <= end,
            or_(Rating.entry_id.is_(None), _shown(include_private)),
        )
        .order_by(Rating.rated_on, Rating.id)
    ).all()
    for sid, on, level, source, rater, comment in rows:
        s = series.get(sid)
        if s is None:
            continue
        mark = RatingMark(on, level, rater or "", comment or "")
        (s.mentor_ratings if source == RatingSource.MENTOR else s.self_ratings).append(mark)
    return list(series.values())


def journaling_days(
    session: Session,
    start: dt.date,
    end: dt.date,
    *,
    codes: Iterable[str] | None = None,
    include_private: bool = True,
) -> dict[dt.date, int]:
    """Reflections per day in the period (only days that have some); with ``codes``, only
    reflections linked to those skills."""
    stmt = (
        select(Entry.entry_date, func.count(func.distinct(Entry.id)))
        .where(Entry.entry_date >= start, Entry.entry_date <= end, _shown(include_private))
        .group_by(Entry.entry_date)
    )
    if codes is not None:
        ids = [s.skill_id for s in skill_rows(session, codes)]
        stmt = stmt.join(EntrySkill, EntrySkill.entry_id == Entry.id).where(
            EntrySkill.skill_id.in_(ids)
        )
    return {day: n for day, n in session.execute(stmt).all()}


CHART_KINDS = ("avoidance", "heatmap", "blindspots", "trends", "calendar")


def make_chart(
    session: Session,
    kind: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    codes: Iterable[str] | None = None,
    dark: bool = False,
    today: dt.date | None = None,
    include_private: bool = True,
    width: float | None = None,
) -> Figure:
    """Read the data for one chart kind and draw it: what the ``chart`` command and the
    Insights window do. The avoidance and blind-spot charts are as of ``end``; the others
    cover ``start``–``end`` (default: the year up to today). Without ``include_private``
    (the ``chart`` command's default: a chart file is made to be shared), private reflections
    and the ratings and commitments given with them count as if they did not exist.
    ``width``: inches to lay the chart out for (None: its own width)."""
    start, end = default_period(start, end, today)
    wanted = {c.casefold() for c in codes} if codes is not None else None
    private = include_private
    if kind == "avoidance":
        scores = [
            s
            for s in avoidance_scores(session, end, include_private=private)
            if wanted is None or s.code.casefold() in wanted
        ]
        return figures.avoidance_chart(scores, dark=dark, width=width)
    if kind == "blindspots":
        matrix = skill_matrix(session, as_of=end, include_archived=False, include_private=private)
        if wanted is not None:
            matrix.rows = [r for r in matrix.rows if r.code.casefold() in wanted]
        return figures.blindspot_chart(matrix, dark=dark, width=width)
    if kind == "heatmap":
        return figures.heatmap_chart(
            reflection_heatmap(session, start, end, codes=codes, include_private=private),
            dark=dark,
            width=width,
        )
    if kind == "trends":
        series = rating_history(session, start, end, codes=codes, include_private=private)
        return figures.trends_chart(
            series, journal_scale(session), start, end, dark=dark, width=width
        )
    if kind == "calendar":
        days = journaling_days(session, start, end, codes=codes, include_private=private)
        return figures.calendar_chart(
            days, start, end, dark=dark, today=min(end, today or end), width=width
        )
    raise ValueError(f"unknown chart kind {kind!r}")
