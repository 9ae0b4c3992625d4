"""The latest reflections in full, read over a plain DB-API connection (the ``show`` command).

Like search and stats, this runs on ``sqlite3`` alone so a quick look at the journal starts
without SQLAlchemy; the query walks the (date, time) index backwards and stops after ``n``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plnjournal.storage.dialect import dbapi_connection

if TYPE_CHECKING:  # annotations only: a quick command stays on plain sqlite3
    import sqlite3

    from sqlalchemy.orm import Session


@dataclass
class RecentEntry:
    entry_id: int
    entry_date: dt.date
    entry_time: dt.time | None
    title: str
    body: str
    private: bool
    skills: list[tuple[str, str]] = field(default_factory=list)  # (code, name)


_LATEST = """
    SELECT id, entry_date, entry_time, title, body, private FROM entries
    ORDER BY entry_date DESC, entry_time DESC, id DESC LIMIT ?
"""
_SKILLS = """
    SELECT es.entry_id, s.code, s.name FROM entry_skills es JOIN skills s ON s.id = es.skill_id
    WHERE es.entry_id IN ({marks}) ORDER BY s.position, s.id
"""


def latest_entries(conn_or_session: sqlite3.Connection | Session, n: int = 1) -> list[RecentEntry]:
    """The ``n`` latest reflections (by date and time), oldest of them first, with their skills."""
    conn = dbapi_connection(conn_or_session)
    rows = conn.execute(_LATEST, (n,)).fetchall()
    entries = [
        RecentEntry(
            entry_id=row[0],
            entry_date=dt.date.fromisoformat(row[1]),
            entry_time=dt.time.fromisoformat(row[2]) if row[2] else None,
            title=row[3] or "",
            body=row[4] or "",
            private=bool(row[5]),
        )
        for row in reversed(rows)
    ]
    by_id = {e.entry_id: e for e in entries}
    if by_id:
        marks = ",".join("?" * len(by_id))
        for entry_id, code, name in conn.execute(_SKILLS.format(marks=marks), list(by_id)):
            by_id[entry_id].skills.append((code, name))
    return entries
