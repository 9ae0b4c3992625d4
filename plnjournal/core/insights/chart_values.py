"""The plain values the insight charts draw (heat map, rating series, streaks) and the pure
date helpers behind them.

Here, not in ``chart_data.py``, so that the chart drawing (``core/charts/``) and the module that
reads the data and draws it (``chart_data.make_chart``) both import them without importing each
other: no SQLAlchemy, no matplotlib.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

DEFAULT_PERIOD_DAYS = 365


@dataclass(frozen=True)
class SkillRow:
    """A skill as a chart labels it: code, name, area and target."""

    skill_id: int
    code: str
    name: str
    area: str
    target_level: int


@dataclass
class Heatmap:
    """Reflections per skill (rows, framework order) per week (columns, Mondays)."""

    start: dt.date
    end: dt.date
    weeks: list[dt.date]
    skills: list[SkillRow]
    counts: list[list[int]]  # counts[row][week]


@dataclass(frozen=True)
class RatingMark:
    """One rating on the trends chart, with the mentor's comment for the hover text."""

    on: dt.date
    level: int
    rater: str = ""
    comment: str = ""


@dataclass
class RatingSeries:
    """One skill's ratings in a period: the user's own and the mentors'."""

    skill: SkillRow
    self_ratings: list[RatingMark] = field(default_factory=list)
    mentor_ratings: list[RatingMark] = field(default_factory=list)


@dataclass(frozen=True)
class Streak:
    """A run of consecutive journaling days, both ends included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        """The run's length in days, both ends counted."""
        return (self.end - self.start).days + 1


def default_period(
    start: dt.date | None, end: dt.date | None, today: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The period a chart covers: as given, else the year ending ``end`` (default today)."""
    end = end or today or dt.date.today()
    start = start or end - dt.timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    return start, end


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week: the heat map's columns and the calendar's rows start
    there."""
    return day - dt.timedelta(days=day.weekday())


def streaks(days: Iterable[dt.date]) -> list[Streak]:
    """Runs of consecutive days, oldest first."""
    out: list[Streak] = []
    for day in sorted(set(days)):
        if out and day - out[-1].end == dt.timedelta(days=1):
            out[-1] = Streak(out[-1].start, day)
        else:
            out.append(Streak(day, day))
    return out


def longest_streak(days: Mapping[dt.date, int] | Iterable[dt.date]) -> Streak | None:
    """The longest run (the latest of equally long ones)."""
    runs = streaks(days)
    return max(reversed(runs), key=lambda r: r.days) if runs else None


def current_streak(
    days: Mapping[dt.date, int] | Iterable[dt.date], today: dt.date
) -> Streak | None:
    """The run ending today, or yesterday (today not written yet does not break it)."""
    for run in reversed(streaks(days)):
        if run.end >= today - dt.timedelta(days=1) and run.start <= today:
            return run
        if run.end < today - dt.timedelta(days=1):
            break
    return None
