"""Days of the journal for the calendar: which days of a month have reflections, the streak.

Both read only a window of dates through the date index, so a 10-year journal costs the same
as an empty one when the window opens.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plnjournal.core.dates import current_streak
from plnjournal.core.entries import entry_dates
from plnjournal.storage.models import Entry


def month_grid_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The dates a month calendar can show: the month padded by the weeks around it."""
    first = dt.date(year, month, 1)
    next_first = dt.date(year + month // 12, month % 12 + 1, 1)
    return first - dt.timedelta(days=7), next_first + dt.timedelta(days=14)


def entry_counts(session: Session, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    """Number of reflections per day between ``start`` and ``end`` (inclusive)."""
    rows = session.execute(
        select(Entry.entry_date, func.count(Entry.id))
        .where(Entry.entry_date >= start, Entry.entry_date <= end)
        .group_by(Entry.entry_date)
    ).all()
    return {day: n for day, n in rows}


def streak(session: Session, today: dt.date) -> int:
    """Consecutive days with reflections ending today (or yesterday), reading dates back in
    growing windows until the streak breaks."""
    span = 64
    while True:
        start = today - dt.timedelta(days=span)
        days = entry_dates(session, start, today)
        n = current_streak(days, today)
        if n < span:  # the streak broke inside the window
            return n
        span *= 4
