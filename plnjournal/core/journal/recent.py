"""The latest reflections in full, read over a plain DB-API connection (the ``show`` command).

Like search and stats, this runs on ``sqlite3`` alone so a quick look at the journal starts
without SQLAlchemy; the query walks the (date, time) index backwards and stops after ``n``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plnjournal.errors import InputError
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
    tags: list[str] = field(default_factory=list)


_LATEST = """
    SELECT id, entry_date, entry_time, title, body, private FROM entries
    ORDER BY entry_date DESC, entry_time DESC, id DESC LIMIT ?
"""
_TAGS = "SELECT entry_id, tag FROM entry_tags WHERE entry_id IN ({marks}) ORDER BY tag"
_SKILLS = """
    SELECT es.entry_id, s.code, s.name FROM entry_skills es JOIN skills s ON s.id = es.skill_id
    WHERE es.entry_id IN ({marks}) ORDER BY s.position, s.id
"""


def latest_entries(conn_or_session: sqlite3.Connection | Session, n: int = 1) -> list[RecentEntry]:
    """The ``n`` latest reflections (by date and time), oldest of them first, with their skills."""
    return find_entries(conn_or_session, n=n)


def find_entries(
    conn_or_session: sqlite3.Connection | Session,
    *,
    n: int = 1,
    entry_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    skill: str | None = None,
    tag: str | None = None,
) -> list[RecentEntry]:
    """The ``n`` latest reflections matching every filter given, oldest of them first, with
    their skills and tags (``entry_id``: that one reflection; an InputError when it is not
    there, or when the skill is not one of the journal's)."""
    conn = dbapi_connection(conn_or_session)
    where: list[str] = []
    params: list[int | str] = []
    if entry_id is not None:
        where.append("e.id = ?")
        params.append(entry_id)
    if date_from is not None:
        where.append("e.entry_date >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        where.append("e.entry_date <= ?")
        params.append(date_to.isoformat())
    if skill is not None:
        skill_id = _skill_id(conn, skill)
        where.append(
            "EXISTS (SELECT 1 FROM entry_skills es WHERE es.entry_id = e.id AND es.skill_id = ?)"
        )
        params.append(skill_id)
    if tag is not None:
        where.append("EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = ?)")
        params.append(tag.lstrip("@#").casefold())
    sql = _LATEST.replace("FROM entries", "FROM entries e").replace(
        "ORDER BY", ("WHERE " + " AND ".join(where) + " ORDER BY") if where else "ORDER BY"
    )
    rows = conn.execute(sql, (*params, n)).fetchall()
    if entry_id is not None and not rows:
        raise InputError(f"show: there is no reflection {entry_id}")
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
        for eid, code, name in conn.execute(_SKILLS.format(marks=marks), list(by_id)):
            by_id[eid].skills.append((code, name))
        for eid, name in conn.execute(_TAGS.format(marks=marks), list(by_id)):
            by_id[eid].tags.append(name)
    return entries


def _skill_id(conn: sqlite3.Connection, skill: str) -> int:
    wanted = " ".join(skill.split()).casefold()
    for sid, code, name in conn.execute("SELECT id, code, name FROM skills ORDER BY id"):
        if wanted in (code.casefold(), " ".join(name.split()).casefold()):
            return int(sid)
    raise InputError(f"--skill: unknown skill {skill!r}; 'plnjournal skills list' shows them")


def tag_counts(conn_or_session: sqlite3.Connection | Session) -> list[tuple[str, int]]:
    """Every tag with how many reflections carry it, most used first."""
    conn = dbapi_connection(conn_or_session)
    rows = conn.execute(
        "SELECT tag, count(*) FROM entry_tags GROUP BY tag ORDER BY count(*) DESC, tag"
    ).fetchall()
    return [(str(t), int(c)) for t, c in rows]
