"""Full-text search over reflections: the FTS5 index, turning what a user types into a safe
FTS5 query, and ranked hits with highlighted snippets.

FTS5 is SQLite's own, so this is raw SQL by necessity (SQLAlchemy has no words for
``MATCH``, ``bm25()`` or ``snippet()``); on another database this module is the one to port.
The reads take a plain DB-API connection, so ``search`` starts without SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from plnjournal.errors import InputError
from plnjournal.storage.dialect import begin_write_if_needed

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

# Private-use characters mark highlighted words in snippets; each front end turns them into
# its own markup (bold in the GUI, brackets on a terminal) after escaping the text.
HL_START = "\ue000"
HL_END = "\ue001"

# How the index splits words and folds case and accents ("cafe" finds "café").
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

FTS_DDL = (
    # External-content table: the text is stored once (in entries), the index beside it.
    f"""CREATE VIRTUAL TABLE entries_fts USING fts5(
        title, body, content='entries', content_rowid='id',
        tokenize='{FTS_TOKENIZE}', prefix='2 3')""",
    """CREATE TRIGGER entries_fts_ai AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER entries_fts_ad AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER entries_fts_au AFTER UPDATE OF title, body ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO entries_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
)

FTS_DROP = (
    "DROP TRIGGER IF EXISTS entries_fts_au",
    "DROP TRIGGER IF EXISTS entries_fts_ad",
    "DROP TRIGGER IF EXISTS entries_fts_ai",
    "DROP TABLE IF EXISTS entries_fts",
)


def create_fulltext_index(conn: Connection) -> None:
    """Create the FTS5 index and its sync triggers, and index the entries already there."""
    for stmt in FTS_DDL:
        conn.exec_driver_sql(stmt)
    conn.exec_driver_sql("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")


@contextmanager
def entries_indexed_at_end(conn: Connection) -> Iterator[None]:
    """Inside, new rows of ``entries`` go into the full-text index at the end, in one
    statement, instead of row by row through the insert trigger.

    For imports: every statement that writes to FTS5 makes it flush its pending words as a new
    small segment and merge segments, so the per-row trigger cost a jrnl import several times
    the CPU of one ``INSERT … SELECT`` of the same rows (docs/performance.md, "jrnl import: the
    full-text index filled in one statement"). Only for inserts
    of new entries (ids above the highest at the start). It begins the write transaction if
    needed and works inside it: dropping and re-creating the trigger is part of that one
    transaction, so an error rolls it back with the rest and the index never misses a row.
    """
    # SQLAlchemy types the driver's connection as optional Any; the engine is pysqlite's.
    begin_write_if_needed(cast(sqlite3.Connection, conn.connection.driver_connection), "INSERT")
    last = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM entries").scalar()
    conn.exec_driver_sql("DROP TRIGGER entries_fts_ai")
    done = False
    try:
        yield
        conn.exec_driver_sql(
            "INSERT INTO entries_fts(rowid, title, body) "
            "SELECT id, title, body FROM entries WHERE id > ?",
            (last,),
        )
        conn.exec_driver_sql(FTS_DDL[1])
        done = True
    finally:
        if not done:  # failing: the rollback restores the trigger; this is only belt and braces
            with suppress(Exception):
                conn.exec_driver_sql(
                    FTS_DDL[1].replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1)
                )


def drop_fulltext_index(conn: Connection) -> None:
    """Remove the index and its triggers (the migration's downgrade)."""
    for stmt in FTS_DROP:
        conn.exec_driver_sql(stmt)


_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


# A word's other forms: the prefix they share (e.g. "parent" for "parents"), or "" for none.
Expand = Callable[[str], str]


def to_fts_query(query: str, expand: Expand | None = None) -> str:
    """Turn what a user types into a safe FTS5 query.

    Words must all match (AND); ``"two words"`` is a phrase; ``word*`` is a prefix; ``OR``
    between terms widens. Punctuation that FTS5 would treat as syntax is dropped, so no input
    can produce an FTS5 syntax error. With ``expand``, a plain word also matches its other
    forms (``("parents" OR "parent"*)``): a reflection with the word itself matches both and
    ranks first.
    """
    parts: list[str] = []
    for m in _TOKEN.finditer(query):
        phrase, bare = m.group(1), m.group(2)
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        if bare == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        prefix = bare.endswith("*")
        for i, word in enumerate(words := _WORD.findall(bare)):
            if prefix and i == len(words) - 1:
                parts.append(f'"{word}"*')
                continue
            other = expand(word.casefold()) if expand is not None else ""
            if other and other != word.casefold() and _WORD.fullmatch(other):
                parts.append(f'("{word}" OR "{other}"*)')
            else:
                parts.append(f'"{word}"')
    while parts and parts[-1] == "OR":
        parts.pop()
    if parts and parts[0] == "OR":
        parts.pop(0)
    if not parts:
        raise InputError(f"search: nothing to search for in {query!r}; type at least one word")
    return " ".join(parts)


@dataclass(frozen=True)
class SearchHit:
    entry_id: int
    entry_date: dt.date
    title: str
    snippet: str
    private: bool
    score: float


# BM25 reads every match's word counts and length, so ranking a word that is in most of the
# journal grows with the journal (docs/performance.md, "Search: ranking at most the 1,000
# most recently added matches"). Past this many matches,
# only the most recently added this many (the highest ids: FTS5 reads its index in id order,
# not in date order) are ranked; dates, a skill or another word reach the others. The front
# ends say so in plain words (``core.search.order_explained``).
RANK_WINDOW = 1_000


@dataclass(frozen=True)
class SearchPage:
    """The best hits, and how they were chosen: what the search window says to the user."""

    hits: list[SearchHit]
    total: int  # reflections matching the query (and the filters)
    ranked: int  # how many were ranked: ``total``, or the RANK_WINDOW most recently added

    @property
    def ranked_newest(self) -> bool:
        """Whether so many matched that only the most recently added were ranked."""
        return self.ranked < self.total


def search_entries(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int = 20,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    skill_id: int | None = None,
    expand: Expand | None = None,
    tag: str | None = None,
) -> list[SearchHit]:
    """Ranked full-text search (BM25, title weighted above body) with highlighted snippets."""
    return _ranked_hits(conn, query, date_from, date_to, skill_id, limit, expand, tag)[0]


def search_page(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int = 20,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    skill_id: int | None = None,
    expand: Expand | None = None,
    tag: str | None = None,
) -> SearchPage:
    """``search_entries`` with the number of matches, for a front end that explains the order."""
    hits, windowed, total = _ranked_hits(
        conn, query, date_from, date_to, skill_id, limit, expand, tag
    )
    if total is None:
        matching, params = _matching(query, date_from, date_to, skill_id, expand, tag)
        total = conn.execute(f"SELECT count(*) {matching}", params).fetchone()[0]
    return SearchPage(hits, total, RANK_WINDOW if windowed else total)


def _matching(
    query: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    skill_id: int | None,
    expand: Expand | None = None,
    tag: str | None = None,
) -> tuple[str, dict[str, object]]:
    """The FROM … WHERE … of the reflections matching the query and the filters."""
    where = ["entries_fts MATCH :q"]
    params: dict[str, object] = {"q": to_fts_query(query, expand)}
    if date_from is not None:
        where.append("e.entry_date >= :dfrom")
        params["dfrom"] = date_from.isoformat()
    if date_to is not None:
        where.append("e.entry_date <= :dto")
        params["dto"] = date_to.isoformat()
    if skill_id is not None:
        where.append(
            "EXISTS (SELECT 1 FROM entry_skills es WHERE es.entry_id = e.id AND es.skill_id = :sid)"
        )
        params["sid"] = skill_id
    if tag is not None:
        where.append("EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = :tag)")
        params["tag"] = tag
    join = "JOIN entries e ON e.id = entries_fts.rowid" if len(where) > 1 else ""
    return f"FROM entries_fts {join} WHERE {' AND '.join(where)}", params


def _ranked_hits(
    conn: sqlite3.Connection,
    query: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    skill_id: int | None,
    limit: int,
    expand: Expand | None = None,
    tag: str | None = None,
) -> tuple[list[SearchHit], bool, int | None]:
    """The best ``limit`` hits; whether only the RANK_WINDOW most recently added matches were
    ranked; the number of matches when it came for free (else None)."""
    matching, params = _matching(query, date_from, date_to, skill_id, expand, tag)
    total = None
    if date_from is None and date_to is None and skill_id is None and tag is None:
        # The RANK_WINDOW-th most recently added match, if there are that many: FTS5 walks
        # its rowids from the highest and stops there.
        cut = conn.execute(
            f"SELECT rowid {matching} ORDER BY rowid DESC LIMIT 1 OFFSET {RANK_WINDOW - 1}",
            params,
        ).fetchone()
        window = f"AND rowid >= {int(cut[0])}" if cut else ""
        windowed = cut is not None
    else:
        # Filters need entries: join once to list the matches (newest first), then rank on
        # the index alone, keeping just those rows (joining for every match inside the
        # ranking tripled the time of common words on a 10-year journal).
        ids = [
            r[0]
            for r in conn.execute(f"SELECT entries_fts.rowid {matching} ORDER BY 1 DESC", params)
        ]
        total = len(ids)
        if not ids:
            return [], False, 0
        windowed = total >= RANK_WINDOW
        kept = ids[:RANK_WINDOW]
        window = f"AND rowid >= {kept[-1]} AND +rowid IN ({','.join(str(int(i)) for i in kept)})"
        matching = "FROM entries_fts WHERE entries_fts MATCH :q"
        params = {"q": params["q"]}
    # The score comes from this query only: bm25() first reads the whole doclist of each
    # term, so computing it again elsewhere doubled the time of common words.
    ranked_sql = f"""
        SELECT entries_fts.rowid, bm25(entries_fts, 5.0, 1.0) AS score {matching} {window}
        ORDER BY score, entries_fts.rowid DESC
        LIMIT {int(limit)}
    """
    scores = dict(conn.execute(ranked_sql, params).fetchall())
    if not scores:
        return [], windowed, total
    ids = list(scores)
    marks = ",".join(str(int(i)) for i in ids)
    # Snippets for the page only, in one pass over the page's span of the index. FTS5 cannot
    # take a list of rowids: given ``rowid IN (…)`` (or a join to entries) SQLite restarts the
    # full-text query once per hit (figures in docs/performance.md); the unary ``+`` keeps the
    # list out of the index so it only filters, and snippet() runs for the listed rows alone.
    snippets = {
        r[0]: r[1:]
        for r in conn.execute(
            f"""SELECT rowid, snippet(entries_fts, 1, :hs, :he, '…', 16),
                       snippet(entries_fts, 0, :hs, :he, '…', 16)
                FROM entries_fts
                WHERE entries_fts MATCH :q AND rowid BETWEEN {min(ids)} AND {max(ids)}
                  AND +rowid IN ({marks})""",
            {"q": params["q"], "hs": HL_START, "he": HL_END},
        )
    }
    rows = {
        r[0]: (*r, *snippets[r[0]])
        for r in conn.execute(
            f"SELECT id, entry_date, title, private FROM entries WHERE id IN ({marks})"
        )
        if r[0] in snippets
    }
    hits = []
    for entry_id in ids:
        if entry_id not in rows:
            continue
        _, entry_date, title, private, snip, tsnip = rows[entry_id]
        snip = snip or ""
        if HL_START not in snip and HL_START in (tsnip or ""):
            # The match is in the title only: show the highlighted title as the snippet.
            snip = tsnip
        hits.append(
            SearchHit(
                entry_id=entry_id,
                entry_date=dt.date.fromisoformat(entry_date),
                title=title or "",
                snippet=snip,
                private=bool(private),
                score=float(scores[entry_id]),
            )
        )
    return hits, windowed, total
