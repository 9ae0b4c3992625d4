"""Counts that describe the journal as a whole (the ``stats`` command, round-trip checks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plnjournal.storage.dialect import dbapi_connection
from plnjournal.storage.sqlite_file import journal_counts

if TYPE_CHECKING:  # annotations only: a quick command stays on plain sqlite3
    import sqlite3

    from sqlalchemy.orm import Session


def journal_stats(conn_or_session: sqlite3.Connection | Session) -> dict[str, int | str | None]:
    """``entries``, ``skills``, ``ratings``, ``feedback_items``, ``commitments``,
    ``first_entry``, ``last_entry`` (ISO dates or None), from a session or a DB-API connection."""
    return journal_counts(dbapi_connection(conn_or_session))
