"""Full-text search over reflections: the front ends call this, never SQL."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from plnjournal.core.escape import escape
from plnjournal.lazy import lazy_module
from plnjournal.storage import dialect
from plnjournal.storage import search as fts
from plnjournal.storage.search import (
    HL_END,
    HL_START,
    RANK_WINDOW,
    SearchHit,
    SearchPage,
)

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.orm import Session

    from plnjournal.core.skills import lookup
else:
    # Reads the skill through SQLAlchemy: loaded only for a search filtered by skill, so the
    # ``search`` command stays on plain sqlite3. What it saves: docs/performance.md, "Where
    # the start-up deferrals are, and what each saves".
    lookup = lazy_module("plnjournal.core.skills.lookup")

__all__ = [
    "RANK_WINDOW",
    "SearchHit",
    "SearchPage",
    "order_explained",
    "search",
    "search_page",
    "snippet_html",
    "snippet_plain",
]


def search(
    conn_or_session: sqlite3.Connection | Session,
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
    conn, skill_id = _connection(conn_or_session, skill)
    return fts.search_entries(
        conn, query, limit=limit, date_from=date_from, date_to=date_to, skill_id=skill_id
    )


def search_page(
    conn_or_session: sqlite3.Connection | Session,
    query: str,
    *,
    limit: int = 20,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    skill: str | None = None,
) -> SearchPage:
    """``search`` with how many reflections match and how the hits were chosen, so a front
    end can say it (``order_explained``)."""
    conn, skill_id = _connection(conn_or_session, skill)
    return fts.search_page(
        conn, query, limit=limit, date_from=date_from, date_to=date_to, skill_id=skill_id
    )


def _connection(
    conn_or_session: sqlite3.Connection | Session, skill: str | None
) -> tuple[sqlite3.Connection, int | None]:
    skill_id = None
    if skill:
        # A skill filter takes a session (the front ends pass one): find_skill reads the ORM.
        skill_id = lookup.find_skill(cast("Session", conn_or_session), skill).id
    return dialect.dbapi_connection(conn_or_session), skill_id


def order_explained(page: SearchPage) -> str:
    """How the hits shown were chosen, in plain words (empty when nothing was found)."""
    shown = len(page.hits)
    if not shown:
        return ""
    found = f"{page.total:,} reflections match" if page.total != 1 else "1 reflection matches"
    best = f"the {shown} best" if shown > 1 else "the best"
    if page.ranked_newest:
        return (
            f"{found}; shown: {best} among the {page.ranked:,} most recently added (so many "
            "match that only those are ranked). Choose dates or a skill, or add a word, to "
            "reach the others."
        )
    if shown < page.total:
        return f"{found}; shown: {best}, best first." if shown > 1 else f"{found}; shown: {best}."
    return f"{found}, best first."


def snippet_plain(snippet: str, start: str = "[", end: str = "]") -> str:
    """The snippet on one line with its highlights as ``start``/``end`` marks: for a
    terminal, which shows no bold."""
    return " ".join(snippet.replace(HL_START, start).replace(HL_END, end).split())


def snippet_html(snippet: str) -> str:
    """Escaped text with highlights in <b>: safe to show in a rich-text label."""
    escaped = escape(" ".join(snippet.split()))
    return escaped.replace(HL_START, "<b>").replace(HL_END, "</b>")
