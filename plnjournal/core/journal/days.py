"""Days of the journal as the daily window shows them: which days of a month have reflections,
the streak, one day's reflections and the one open in the editor.

Read over a plain DB-API connection (``db.reading()``), like search and ``show``: the window
shows the day before SQLAlchemy has loaded. Each read uses the date index or the primary key,
so a 10-year journal costs the same as an empty one when the window opens. ORM callers pass a
session (its connection is used, inside its transaction).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plnjournal.core.dates import current_streak
from plnjournal.storage.dialect import dbapi_connection

if TYPE_CHECKING:  # annotations only: SQLAlchemy stays off the window's start path
    import sqlite3

    from sqlalchemy.orm import Session

    from plnjournal.storage.db import Database


@dataclass(frozen=True)
class DayEntry:
    """One reflection in the day's list."""

    entry_id: int
    time: dt.time | None
    title: str
    body: str
    private: bool
    skills: int
    highlight: bool = False  # marked for the progress report


@dataclass(frozen=True)
class OpenEntry:
    """What the editor and the side panels show of one reflection."""

    entry_id: int
    entry_date: dt.date
    entry_time: dt.time | None
    title: str
    body: str
    private: bool
    reflection_model: str | None
    comfort: int | None
    links: dict[int, int | None] = field(default_factory=dict)  # skill id -> self-rating
    tags: tuple[str, ...] = ()  # imported (jrnl, Day One) or @words from quick capture
    highlight: bool = False  # marked for the progress report


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def month_grid_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The dates a month calendar can show: the month padded by the weeks around it."""
    first = dt.date(year, month, 1)
    next_first = dt.date(year + month // 12, month % 12 + 1, 1)
    return first - dt.timedelta(days=7), next_first + dt.timedelta(days=14)


def entry_counts(
    conn_or_session: sqlite3.Connection | Session, start: dt.date, end: dt.date
) -> dict[dt.date, int]:
    """Number of reflections per day between ``start`` and ``end`` (inclusive)."""
    rows = dbapi_connection(conn_or_session).execute(
        "SELECT entry_date, count(id) FROM entries WHERE entry_date >= ? AND entry_date <= ? "
        "GROUP BY entry_date",
        (start.isoformat(), end.isoformat()),
    )
    return {dt.date.fromisoformat(day): n for day, n in rows}


def streak(conn_or_session: sqlite3.Connection | Session, today: dt.date) -> int:
    """Consecutive days with reflections ending today (or yesterday), reading dates back in
    growing windows until the streak breaks."""
    conn = dbapi_connection(conn_or_session)
    span = 64
    while True:
        start = today - dt.timedelta(days=span)
        rows = conn.execute(
            "SELECT DISTINCT entry_date FROM entries WHERE entry_date >= ? AND entry_date <= ?",
            (start.isoformat(), today.isoformat()),
        )
        n = current_streak({dt.date.fromisoformat(r[0]) for r in rows}, today)
        if n < span:  # the streak broke inside the window
            return n
        span *= 4


def day_entries(conn_or_session: sqlite3.Connection | Session, day: dt.date) -> list[DayEntry]:
    """The reflections of ``day`` in time order (untimed last), with their skill counts."""
    rows = dbapi_connection(conn_or_session).execute(
        "SELECT e.id, e.entry_time, e.title, e.body, e.private, "
        "(SELECT count(*) FROM entry_skills es WHERE es.entry_id = e.id), e.highlight "
        "FROM entries e WHERE e.entry_date = ? "
        "ORDER BY e.entry_time IS NULL, e.entry_time, e.id",
        (day.isoformat(),),
    )
    return [
        DayEntry(
            row[0], _time(row[1]), row[2] or "", row[3] or "", bool(row[4]), row[5], bool(row[6])
        )
        for row in rows
    ]


def open_entry(conn_or_session: sqlite3.Connection | Session, entry_id: int) -> OpenEntry | None:
    """The reflection ``entry_id`` with its skill links, or None if it no longer exists."""
    conn = dbapi_connection(conn_or_session)
    row = conn.execute(
        "SELECT id, entry_date, entry_time, title, body, private, reflection_model, comfort, "
        "highlight FROM entries WHERE id = ?",
        (entry_id,),
    ).fetchone()
    if row is None:
        return None
    links = dict(
        conn.execute(
            "SELECT skill_id, self_rating FROM entry_skills WHERE entry_id = ?", (entry_id,)
        ).fetchall()
    )
    tags = tuple(
        t
        for (t,) in conn.execute(
            "SELECT tag FROM entry_tags WHERE entry_id = ? ORDER BY tag", (entry_id,)
        )
    )
    return OpenEntry(
        row[0],
        dt.date.fromisoformat(row[1]),
        _time(row[2]),
        row[3] or "",
        row[4] or "",
        bool(row[5]),
        row[6],
        row[7],
        links,
        tags,
        bool(row[8]),
    )


def adjacent_day(
    conn_or_session: sqlite3.Connection | Session, day: dt.date, forward: bool
) -> dt.date | None:
    """The nearest day before/after ``day`` that has a reflection."""
    sql = (
        "SELECT min(entry_date) FROM entries WHERE entry_date > ?"
        if forward
        else "SELECT max(entry_date) FROM entries WHERE entry_date < ?"
    )
    (found,) = dbapi_connection(conn_or_session).execute(sql, (day.isoformat(),)).fetchone()
    return dt.date.fromisoformat(found) if found else None


# The setting that records the first-start question as answered (gui/shell/first_start.py).
FIRST_START_SETTING = "first_start_done"


def needs_first_start(db: Database) -> bool:
    """A new journal: no framework, no reflection, and the first-start question never
    answered, so the window asks how to begin. Read here, light (``db.reading()``), so a
    journal in use never loads that dialog nor waits for SQLAlchemy."""
    with db.reading() as conn:
        answered = "SELECT 1 FROM settings WHERE key = ?"
        if conn.execute(answered, (FIRST_START_SETTING,)).fetchone():
            return False
        framework = conn.execute("SELECT 1 FROM frameworks WHERE active LIMIT 1").fetchone()
        entry = conn.execute("SELECT 1 FROM entries LIMIT 1").fetchone()
    return framework is None and entry is None
