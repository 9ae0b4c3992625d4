"""Counts that describe the journal as a whole (the ``stats`` command, round-trip checks)."""

from __future__ import annotations

from typing import Any

from plnjournal.storage.dialect import dbapi_connection, journal_counts


def journal_stats(conn_or_session: Any) -> dict:
    """``entries``, ``skills``, ``ratings``, ``feedback_items``, ``commitments``,
    ``first_entry``, ``last_entry`` (ISO dates or None), from a session or a DB-API connection."""
    return journal_counts(dbapi_connection(conn_or_session))
