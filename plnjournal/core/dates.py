"""Reading dates and times the user types, with messages that say what was wrong."""

from __future__ import annotations

import datetime as dt
import re

from plnjournal.errors import InputError

_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(word: str) -> int | None:
    """Monday 0 … Sunday 6 for a weekday name or its first three letters."""
    word = word.removeprefix("last ").strip()
    for i, name in enumerate(_WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            return i
    return None


def parse_date(
    text: str, *, what: str = "date", today: dt.date | None = None, future: bool = True
) -> dt.date:
    """ISO dates (``2026-11-28``), today / yesterday / tomorrow, or a weekday name
    ("friday", "last fri": the last one before today, as a diary means it). With
    ``future=False`` a day after today is refused: a reflection is about what happened."""
    value = " ".join((text or "").split()).casefold()
    today = today or dt.date.today()
    weekday = _weekday(value)
    if value in _RELATIVE:
        day = today + dt.timedelta(days=_RELATIVE[value])
    elif weekday is not None:
        day = today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    elif _ISO.match(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise InputError(f"{what}: {text!r} is not a valid date ({exc})") from exc
    else:
        raise InputError(
            f"{what}: {text!r} is not a date; use YYYY-MM-DD, today, yesterday or a weekday "
            f"(e.g. {today:%Y-%m-%d} or friday)"
        )
    if not future and day > today:
        raise InputError(
            f"{what}: {day.isoformat()} is after today ({today.isoformat()}); a reflection is "
            "about what has happened (--allow-future to date it ahead anyway)"
        )
    return day


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
