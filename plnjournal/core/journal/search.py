"""Full-text search over reflections: the front ends call this, never SQL."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
from typing import TYPE_CHECKING, cast

from plnjournal.core.escape import escape
from plnjournal.core.language import LANGUAGE_SETTING, LANGUAGES
from plnjournal.core.plain_text import one_line
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
    from sqlalchemy.orm import Session

    from plnjournal.core.skills import lookup
else:
    # Reads the skill through SQLAlchemy: loaded only for a search filtered by skill, so the
    # ``search`` command stays on plain sqlite3. What it saves: docs/performance.md, "Where
    # the start-up deferrals are, and what each saves".
    lookup = lazy_module("plnjournal.core.skills.lookup")
# The Snowball stemmers, loaded when a search first expands a word (what that costs the
# ``search`` command: docs/performance.md, "Where the start-up deferrals are, and what each
# saves").
terms = lazy_module("plnjournal.core.skills.terms")

__all__ = [
    "RANK_WINDOW",
    "SearchHit",
    "SearchPage",
    "order_explained",
    "search",
    "search_page",
    "snippet_highlights",
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
    tag: str | None = None,
) -> list[SearchHit]:
    """Ranked hits for ``query``: words (all must match), "phrases", prefix*.

    Takes a session, or a plain DB-API connection when no skill filter is given (fast path).
    """
    conn, skill_id = _connection(conn_or_session, skill)
    return fts.search_entries(
        conn,
        query,
        limit=limit,
        date_from=date_from,
        date_to=date_to,
        skill_id=skill_id,
        expand=other_forms(conn),
        tag=tag,
    )


def search_page(
    conn_or_session: sqlite3.Connection | Session,
    query: str,
    *,
    limit: int = 20,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    skill: str | None = None,
    tag: str | None = None,
) -> SearchPage:
    """``search`` with how many reflections match and how the hits were chosen, so a front
    end can say it (``order_explained``)."""
    conn, skill_id = _connection(conn_or_session, skill)
    return fts.search_page(
        conn,
        query,
        limit=limit,
        date_from=date_from,
        date_to=date_to,
        skill_id=skill_id,
        expand=other_forms(conn),
        tag=tag,
    )


# Stems shorter than this are not searched as prefixes: "car"* would find "career".
MIN_STEM = 4


def other_forms(conn: sqlite3.Connection) -> fts.Expand:
    """How a searched word finds its other forms in the journal's language (its setting,
    English when unset): the Snowball stem as a prefix, "parents" → parent*, "families" →
    famil*."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (LANGUAGE_SETTING,)).fetchone()
    try:
        value = json.loads(row[0]) if row else None
    except ValueError:
        value = None
    language = value if isinstance(value, str) and value in LANGUAGES else "en"

    def expand(word: str) -> str:
        stem = terms.stem(word, language)
        if language == "en" and stem.endswith("i"):
            stem = stem[:-1]  # Snowball's y → i: "famili" is not a prefix of "family"
        common = len(os.path.commonprefix([word, stem]))
        return stem[:common] if common >= MIN_STEM else ""

    return expand


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
    flat = one_line(snippet)
    return flat.replace(HL_START, start).replace(HL_END, end)


def snippet_highlights(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """The snippet as plain text on one line, and where its highlights are (start, end
    offsets into that text): for --json, where brackets would be taken for the user's own."""
    text = one_line(snippet)
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    length, start = 0, None
    for piece in re.split(f"([{HL_START}{HL_END}])", text):
        if piece == HL_START:
            start = length
        elif piece == HL_END:
            if start is not None:
                marks.append((start, length))
            start = None
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), marks


def snippet_html(snippet: str) -> str:
    """Escaped text with highlights in <b>: safe to show in a rich-text label."""
    escaped = escape(one_line(snippet))
    return escaped.replace(HL_START, "<b>").replace(HL_END, "</b>")
