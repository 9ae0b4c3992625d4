"""Calendar marks for one month and the streak, read through date windows."""

from __future__ import annotations

import datetime as dt

from plnjournal.core.journal.days import entry_counts, month_grid_range, streak
from plnjournal.core.journal.entries import add_entry
from plnjournal.core.journal.settings import (
    get_setting,
    reminder_time,
    set_reminder_time,
    set_setting,
)

TODAY = dt.date(2026, 11, 28)


def test_month_grid_covers_the_padding_weeks() -> None:
    start, end = month_grid_range(2026, 12)
    assert start == dt.date(2026, 11, 24) and end == dt.date(2027, 1, 15)


def test_counts_and_a_long_streak(db) -> None:
    with db.session() as s:
        for back in range(300):  # a streak longer than the first window read
            add_entry(s, entry_date=TODAY - dt.timedelta(days=back), body="x")
        add_entry(s, entry_date=TODAY, body="second today")
        add_entry(s, entry_date=TODAY - dt.timedelta(days=302), body="before the gap")
    with db.session() as s:
        counts = entry_counts(s, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
        assert counts[TODAY] == 2 and len(counts) == 28
        assert streak(s, TODAY) == 300
        # A day not written yet does not break the streak until it is over.
        assert streak(s, TODAY + dt.timedelta(days=1)) == 300
        assert streak(s, TODAY + dt.timedelta(days=2)) == 0


def test_settings_round_trip_and_reminder(db) -> None:
    with db.session() as s:
        assert get_setting(s, "name", "you") == "you"
        set_setting(s, "name", "Ana")
        set_reminder_time(s, dt.time(20, 30))
    with db.session() as s:
        assert get_setting(s, "name") == "Ana"
        assert reminder_time(s) == dt.time(20, 30)
        set_reminder_time(s, None)
    with db.session() as s:
        assert reminder_time(s) is None
