"""Full-text search over reflections: the front ends call this, never SQL."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from plnjournal.storage.dialect import HL_END, HL_START, SearchHit, raw_connection, search_entries

__all__ = ["SearchHit", "search", "snippet_html", "snippet_plain"]


def search(
    conn_or_session: Any,
    query: str,
    *,
    limit: int = 20,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    skill: str | None = None,
) -> list[SearchHit]:
    """Ranked hits for ``query``: words (all must match), "phrases", prefix*.

    Takes a session, or a plain DB-API connection when no skill filter is given (fast path).
    """
    is_session = hasattr(conn_or_session, "get_bind")
    skill_id = None
    if skill:
        from plnjournal.core.skills import find_skill

        skill_id = find_skill(conn_or_session, skill).id
    conn = raw_connection(conn_or_session) if is_session else conn_or_session
    return search_entries(
        conn, query, limit=limit, date_from=date_from, date_to=date_to, skill_id=skill_id
    )


def snippet_plain(snippet: str, start: str = "[", end: str = "]") -> str:
    return " ".join(snippet.replace(HL_START, start).replace(HL_END, end).split())


def snippet_html(snippet: str) -> str:
    """Escaped text with highlights in <b>: safe to show in a rich-text label."""
    escaped = html.escape(" ".join(snippet.split()))
    return escaped.replace(HL_START, "<b>").replace(HL_END, "</b>")
