"""Helpers of the sync tests: a trainee's journal connected to a programme, and what the
server and the journal hold, read directly."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from plnjournal.core.journal.entries import add_entry
from plnjournal.core.journal.settings import set_setting
from plnjournal.programme import sharing
from plnjournal.storage.db import Database
from plnjournal.storage.models import FeedbackItem, OutboxItem, ProgrammeComment, Skill
from tests.programme.conftest import Programme

DAY = dt.date(2026, 11, 2)


def connect_journal(db: Database, prog: Programme, who: str = "ana") -> None:
    """What ``plnjournal connect`` stores: the address, never the password."""
    with db.session() as s:
        set_setting(s, sharing.SERVER, prog.address(who))


def add(db: Database, title: str, *, private: bool = False, skill: str = "CL1") -> int:
    """A reflection linked to ``skill``; its id."""
    with db.session() as s:
        skill_id = s.scalar(select(Skill.id).where(Skill.code == skill))
        entry = add_entry(
            s,
            entry_date=DAY,
            title=title,
            body=f"{title}: what happened, and what I will try next time.",
            private=private,
            skills={skill_id: None} if skill_id else {},
        )
        return entry.id


def share(db: Database, *ids: int) -> None:
    with db.session() as s:
        sharing.share_entries(s, list(ids))


def server_rows(prog: Programme, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Rows as the server's superuser reads them (row-level security does not apply)."""
    with prog.admin() as conn:
        return conn.execute(sql, params).fetchall()


def mentor_writes(prog: Programme, who: str, sql: str, *params: object) -> None:
    """A mentor writes through their own login."""
    with prog.connect(who) as conn:
        conn.execute(sql, params)


def journal_counts(db: Database) -> dict[str, int]:
    """How many feedback items, comments and outbox rows the journal holds."""
    with db.session() as s:
        return {
            "feedback": s.scalar(select(func.count()).select_from(FeedbackItem)) or 0,
            "comments": s.scalar(select(func.count()).select_from(ProgrammeComment)) or 0,
            "outbox": s.scalar(select(func.count()).select_from(OutboxItem)) or 0,
        }
