"""Joining and leaving a programme, and what the journal knows of it: one service for the
command line and the window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Joined:
    """A programme joined: its name, the address kept, whether the keyring took the password."""

    programme: str
    address: str
    in_keyring: bool


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
        before = get_setting(session, sharing.JOINED)
        if before != address:
            if before is not None:  # what went to the other server must go to this one
                sharing.start_over(session)
            set_setting(session, sharing.JOINED_ON, dt.date.today().isoformat())
        set_setting(session, sharing.SERVER, address)
        set_setting(session, sharing.JOINED, address)
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
