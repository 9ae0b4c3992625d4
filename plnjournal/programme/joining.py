"""Joining and leaving a programme, and what the journal knows of it: one service for the
command line and the window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from plnjournal.core.journal.settings import get_setting, set_setting
from plnjournal.errors import InputError
from plnjournal.programme import sharing
from plnjournal.programme.connection import (
    connect,
    describe,
    forget_password,
    split_password,
    store_password,
)
from plnjournal.storage.db import Database
from plnjournal.storage.models import OutboxItem


@dataclass(frozen=True)
class Joined:
    """A programme joined: its name, the address kept, whether the keyring took the password."""

    programme: str
    address: str
    in_keyring: bool


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

    def where(self) -> str:
        """The server as a person reads it ("" when not connected)."""
        return describe(self.address) if self.address else ""


def check_trainee(address: str, password: str | None) -> str:
    """The programme's name, once the server says this login is one of its trainees."""
    with connect(address, password) as conn:
        row = conn.execute(
            "SELECT p.kind, (SELECT name FROM pln.programme) FROM pln.people p "
            "WHERE p.role_name = current_user"
        ).fetchone()
    if row is None or row[0] != "trainee":
        raise InputError(
            f"{describe(address)} is not a trainee of this programme; ask its administrator "
            "(nothing was stored)"
        )
    return str(row[1])


def join(db: Database, server: str, password: str | None = None) -> Joined:
    """Check the login against the server, then keep the address (never the password) in the
    journal and the password in the OS keyring when there is one. ``password`` wins over one
    written in ``server``."""
    address, in_address = split_password(server)
    password = password if password else in_address
    name = check_trainee(address, password)
    with db.session() as session:
        set_setting(session, sharing.SERVER, address)
    kept = store_password(address, password) if password else False
    return Joined(name, address, kept)


def leave(db: Database) -> str | None:
    """Forget the server and its password (what was shared stays there); its address."""
    with db.session() as session:
        address = get_setting(session, sharing.SERVER)
        set_setting(session, sharing.SERVER, None)
    if isinstance(address, str):
        forget_password(address)
        return address
    return None


def state(db: Database) -> ProgrammeState:
    """The programme's settings and the outbox, read from the journal."""
    with db.session() as session:
        address = get_setting(session, sharing.SERVER)
        last = get_setting(session, sharing.LAST_SYNC)
        waiting = session.scalar(select(func.count()).select_from(OutboxItem)) or 0
        ratings = get_setting(session, sharing.SHARE_RATINGS) is True
        avoidance = get_setting(session, sharing.SHARE_AVOIDANCE) is True
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
            set_setting(session, sharing.SHARE_RATINGS, ratings)
        if avoidance is not None:
            set_setting(session, sharing.SHARE_AVOIDANCE, avoidance)
