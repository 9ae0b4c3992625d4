"""Dates in mentor files: ISO 8601 and the year-first forms form tools export, nothing guessed.

``03/11/2026`` could be 3 November or 11 March; rather than guess, the importer says so and
asks which comes first: ``day-first`` or ``month-first`` (the window's "Dates look like"
choice, ``--date-format`` on the command line, which also takes a strptime pattern).
"""

from __future__ import annotations

import datetime as dt
import re

from plnjournal.core.feedback.schema import MAX_VALUE_CHARS
from plnjournal.core.feedback.text import shown

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# 2026/11/03 4:15:12 PM GMT, 2026-11-03 16:15, 2026.11.03 — year first, then month, then day.
_YEAR_FIRST = re.compile(
    r"""^(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})
    (?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?
       \s*(?P<ampm>[AaPp]\.?[Mm]\.?)?
       \s*(?:Z|UTC|GMT|[A-Z]{2,5}|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?)?)?$""",
    re.VERBOSE,
)
_DAY_OR_MONTH_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})\b")

# The orders a person can name instead of a strptime pattern.
DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)
# What the importer says when a date could be read two ways (the front ends say how to answer).
ASK_ORDER = "say whether the day or the month comes first"


class DateProblem(ValueError):
    """A value that is not a date we can read without guessing; the message says why."""


def _check_time(m: re.Match[str]) -> None:
    if m.group("H") is None:
        return
    hour, minute = int(m.group("H")), int(m.group("M"))
    second = int(m.group("S") or 0)
    limit = 12 if m.group("ampm") else 23
    if hour > limit or minute > 59 or second > 59 or (m.group("ampm") and hour == 0):
        raise DateProblem(f"{m.string!r} has an impossible time of day")


def _describe(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _from_order(value: str, order: str) -> dt.date | None:
    """``value`` read as day/month/year or month/day/year, any of - / . between, a time after
    it read past; None when it is not written that way."""
    m = _DAY_OR_MONTH_FIRST.match(value)
    if m is None:
        return None
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    year += 2000 if year < 100 else 0
    day, month = (a, b) if order == DAY_FIRST else (b, a)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateProblem(
            f"{value!r} is not a real date with the {order.replace('-', ' ')} order"
        ) from None


def _from_format(value: str, date_format: str) -> dt.date | None:
    if date_format in DATE_ORDERS:
        return _from_order(value, date_format)
    try:
        return dt.datetime.strptime(value, date_format).date()
    except ValueError:
        pass
    # The format may describe only the date part of a value that also carries a time.
    parts = value.split()
    words = len(date_format.split())
    if len(parts) > words:
        try:
            return dt.datetime.strptime(" ".join(parts[:words]), date_format).date()
        except ValueError:
            return None
    return None


def parse_feedback_date(value: object, date_format: str | None = None) -> dt.date:
    """The calendar date as written (a time or time zone after it is read past, not applied)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DateProblem(f"{shown(value)} is not a date")
    if isinstance(value, (int, float)):
        raise DateProblem(f"{shown(value)} is a number, not a date; use YYYY-MM-DD")
    text = value.strip()
    if not text:
        raise DateProblem("the date is empty")
    if len(text) > MAX_VALUE_CHARS:
        raise DateProblem(f"{shown(text)} is not a date (longer than {MAX_VALUE_CHARS} characters)")
    if date_format:
        found = _from_format(text, date_format)
        if found is not None:
            return found
    m = _YEAR_FIRST.match(text)
    if m:
        _check_time(m)
        try:
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError as exc:
            raise DateProblem(f"{text!r} is not a real date ({exc})") from None
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    hint = ""
    if date_format in DATE_ORDERS:
        hint = f"; it is not written {date_format.replace('-', ' ')} (like 31/12/2026)"
    elif date_format:
        hint = f"; it does not match the date format {date_format!r}"
    m2 = _DAY_OR_MONTH_FIRST.match(text)
    if m2:
        a, b = int(m2.group(1)), int(m2.group(2))
        year = int(m2.group(3))
        year += 2000 if year < 100 else 0
        readings = []
        for day, month in ((a, b), (b, a)):
            try:
                readings.append(dt.date(year, month, day))
            except ValueError:
                continue
        if len(readings) == 2 and readings[0] != readings[1]:
            raise DateProblem(
                f"{text!r} is ambiguous: it could be {_describe(readings[0])} or "
                f"{_describe(readings[1])}{hint}; {ASK_ORDER}"
            )
        raise DateProblem(f"{text!r} is not year-first{hint}; {ASK_ORDER}")
    raise DateProblem(f"{text!r} is not a date{hint}; use YYYY-MM-DD")
