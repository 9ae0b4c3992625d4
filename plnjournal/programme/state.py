"""What the journal knows of its programme, read without reaching the network or loading
the server's driver: the window reads it after every start, programme or not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from plnjournal.core.journal.settings import get_setting, set_setting
from plnjournal.storage.db import Database
from plnjournal.storage.models import Entry, OutboxItem, ProgrammeComment

# The journal's settings of programme mode (settings table, JSON values).
SERVER = "programme.server"  # the server's address, never with a password
SHARE_RATINGS = "programme.share_ratings"  # true: self-ratings are shared too
SHARE_AVOIDANCE = "programme.share_avoidance"  # true: the avoidance summary is shared too
LAST_SYNC = "programme.last_sync"  # when a sync last reached the server (ISO, UTC)
PULLED_UNTIL = "programme.pulled_until"  # the newest mentor item pulled (server time, ISO)
JOINED_ON = "programme.joined_on"  # the day the journal joined (ISO): requests from then on
JOINED = "programme.joined"  # the address last joined, kept after leaving (a rejoin resumes)


@dataclass(frozen=True)
class ProgrammeState:
    """What the journal knows of its programme (nothing reaches the network to say it)."""

    address: str | None
    share_ratings: bool
    share_avoidance: bool
    last_sync: dt.datetime | None  # naive UTC
    waiting: int  # changes in the outbox

    @property
    def connected(self) -> bool:
        """Whether the journal belongs to a programme."""
        return self.address is not None


def read_state(db: Database) -> ProgrammeState:
    """The programme's settings and the outbox, read from the journal."""
    with db.session() as session:
        address = get_setting(session, SERVER)
        last = get_setting(session, LAST_SYNC)
        waiting = session.scalar(select(func.count()).select_from(OutboxItem)) or 0
        ratings = get_setting(session, SHARE_RATINGS) is True
        avoidance = get_setting(session, SHARE_AVOIDANCE) is True
    try:
        last_sync = dt.datetime.fromisoformat(last) if isinstance(last, str) else None
    except ValueError:
        last_sync = None
    return ProgrammeState(
        address if isinstance(address, str) else None, ratings, avoidance, last_sync, waiting
    )


def set_optional_sharing(
    db: Database, *, ratings: bool | None = None, avoidance: bool | None = None
) -> None:
    """Turn sharing self-ratings or the avoidance summary on or off (None: unchanged); off
    withdraws them from the server at the next sync."""
    with db.session() as session:
        if ratings is not None:
            set_setting(session, SHARE_RATINGS, ratings)
        if avoidance is not None:
            set_setting(session, SHARE_AVOIDANCE, avoidance)


@dataclass(frozen=True)
class MentorComment:
    """A mentor's comment on a shared reflection, as pulled from the server."""

    entry_id: int | None  # None: the reflection was deleted since
    entry_title: str
    mentor: str
    written_at: dt.datetime  # naive UTC
    body: str  # Markdown as the mentor wrote it
    version: int  # the shared version it was written on


def mentor_comments(db: Database, entry_id: int | None = None) -> list[MentorComment]:
    """Mentors' comments on the reflections the user shared (on one, with ``entry_id``),
    newest first."""
    query = (
        select(
            ProgrammeComment.entry_id,
            Entry.title,
            ProgrammeComment.mentor,
            ProgrammeComment.written_at,
            ProgrammeComment.body,
            ProgrammeComment.reflection_version,
        )
        .outerjoin(Entry, Entry.id == ProgrammeComment.entry_id)
        .order_by(ProgrammeComment.written_at.desc())
    )
    if entry_id is not None:
        query = query.where(ProgrammeComment.entry_id == entry_id)
    with db.session() as session:
        return [
            MentorComment(eid, title or "", mentor, written, body, version)
            for eid, title, mentor, written, body, version in session.execute(query)
        ]
