"""Reading dates and times the user types, with messages that say what was wrong."""

from __future__ import annotations

import datetime as dt
import re

from plnjournal.errors import InputError

_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str, *, what: str = "date", today: dt.date | None = None) -> dt.date:
    """ISO dates (``2026-11-28``), or today / yesterday / tomorrow."""
    value = (text or "").strip()
    today = today or dt.date.today()
    if value.lower() in _RELATIVE:
        return today + dt.timedelta(days=_RELATIVE[value.lower()])
    if not _ISO.match(value):
        raise InputError(f"{what}: {text!r} is not a date; use YYYY-MM-DD, e.g. {today:%Y-%m-%d}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{what}: {text!r} is not a valid date ({exc})") from exc


def parse_time(text: str, *, what: str = "time") -> dt.time:
    """``HH:MM`` (24-hour), with a message that shows the form when it is wrong."""
    value = (text or "").strip()
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", value)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise InputError(f"{what}: {text!r} is not a time; use HH:MM (24-hour), e.g. 07:45")
    return dt.time(int(m.group(1)), int(m.group(2)))


def short_date(day: dt.date, today: dt.date) -> str:
    """'3 Nov', or '3 Nov 2025' when not this year."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def current_streak(days: set[dt.date], today: dt.date) -> int:
    """Consecutive days with entries ending today (or yesterday, so a day not yet written
    does not break the streak before it ends)."""
    day = today if today in days else today - dt.timedelta(days=1)
    n = 0
    while day in days:
        n += 1
        day -= dt.timedelta(days=1)
    return n


def longest_streak(days: set[dt.date]) -> int:
    """The longest run of consecutive days in ``days``: the report's summary figure."""
    best = run = 0
    prev: dt.date | None = None
    for day in sorted(days):
        run = run + 1 if prev is not None and day - prev == dt.timedelta(days=1) else 1
        best = max(best, run)
        prev = day
    return best
