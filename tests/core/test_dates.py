"""Dates as people type them: ISO, today, yesterday and weekday names, everywhere dates are
taken; the future only when asked for (issue 20, finding 5)."""

from __future__ import annotations

import datetime as dt

import pytest

from plnjournal.core.dates import parse_date
from plnjournal.errors import InputError

SATURDAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-11-28", dt.date(2026, 11, 28)),
        ("today", SATURDAY),
        ("Yesterday", dt.date(2026, 12, 4)),
        ("friday", dt.date(2026, 12, 4)),
        ("Monday", dt.date(2026, 11, 30)),
        ("mon", dt.date(2026, 11, 30)),
        ("saturday", dt.date(2026, 11, 28)),  # a weekday name is the last one before today
        ("last tuesday", dt.date(2026, 12, 1)),
    ],
)
def test_the_dates_people_type(text: str, day: dt.date) -> None:
    assert parse_date(text, today=SATURDAY) == day


def test_the_future_is_refused_unless_allowed() -> None:
    with pytest.raises(InputError, match=r"--date: 2027-01-01 is after today \(2026-12-05\)"):
        parse_date("2027-01-01", what="--date", today=SATURDAY, future=False)
    with pytest.raises(InputError, match="after today"):
        parse_date("tomorrow", what="--date", today=SATURDAY, future=False)
    assert parse_date("2027-01-01", today=SATURDAY, future=True) == dt.date(2027, 1, 1)


def test_a_wrong_date_says_what_is_accepted() -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD, today, yesterday or a weekday"):
        parse_date("someday", what="--from", today=SATURDAY)
