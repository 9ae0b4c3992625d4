"""Counts that describe the journal as a whole (the ``stats`` command, round-trip checks)."""

from __future__ import annotations

from typing import Any

from plnjournal.storage.dialect import DBAPIConnection, journal_counts, raw_connection


def journal_stats(conn_or_session: Any) -> dict:
    """``entries``, ``skills``, ``ratings``, ``feedback_items``, ``commitments``,
    ``first_entry``, ``last_entry`` (ISO dates or None), from a session or a DB-API connection."""
    return journal_counts(_dbapi(conn_or_session))


def _dbapi(conn_or_session: Any) -> DBAPIConnection:
    return (
        raw_connection(conn_or_session) if hasattr(conn_or_session, "get_bind") else conn_or_session
    )
