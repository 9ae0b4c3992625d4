"""Quick capture (``plnjournal add``) written over plain sqlite3, without SQLAlchemy.

The common case of ``add`` (text, date, time, title, skills by code or name, ``@`` words,
private) on a journal that is there, up to date and backed up today: the same rows the full
path (``entries.add_entry`` over the ORM) writes, the full-text index filled by its trigger.
Anything else (a journal to create, migrate or back up, a skill to suggest, feedback to
answer) answers None, and the caller takes the full path, with its checks and messages. What
this saves: docs/performance.md, "Quick capture (issue 20)".
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from plnjournal.errors import PlnError
from plnjournal.storage.backup import daily_backup_due
from plnjournal.storage.cipher import connect, dbapi
from plnjournal.storage.dialect import BUSY_TIMEOUT_MS, apply_pragmas, begin_write_if_needed
from plnjournal.storage.sqlite_file import (
    check_file,
    describe_sqlite_error,
    read_only_problem,
    read_revision,
)
from plnjournal.storage.sqlite_open import HEAD_REVISION
from plnjournal.values import EntrySource

# An @word in quick capture: a skill code, or a tag (jrnl's convention).
AT_WORD = re.compile(r"(?<!\S)@([\w][-+/\w]*)")
_SENTENCE_END = re.compile(r"[.?!](\s|$)")


def split_title(text: str) -> tuple[str, str]:
    """Split quick-capture text as jrnl does: the title ends at the first . ? or !."""
    text = text.strip()
    m = _SENTENCE_END.search(text)
    first_line_end = text.find("\n")
    end = m.end() if m else len(text)
    if 0 <= first_line_end < end:
        end = first_line_end
    return text[:end].strip(), text[end:].strip()


def link_at_words(
    entry: QuickEntry, codes: Mapping[str, int], skills: dict[int, int | None]
) -> list[str]:
    """``@PA1`` in the text links the skill PA1 (as jrnl's tags do on import), added to
    ``skills``; the other ``@words`` are tags (casefolded, each once), followed by the
    entry's own tags (``add --edit``'s front matter). ``codes``: the active skills' codes,
    casefolded."""
    tags: list[str] = []
    for word in AT_WORD.findall(f"{entry.title}\n{entry.body}"):
        key = word.casefold()
        if key in codes:
            skills.setdefault(codes[key], None)
        elif key not in tags:
            tags.append(key)
    tags.extend(t for t in entry.tags if t not in tags)
    return tags


@dataclass(frozen=True)
class QuickEntry:
    """What ``add`` was given, read and checked (dates parsed, the title split off)."""

    entry_date: dt.date
    entry_time: dt.time | None
    title: str
    body: str
    private: bool = False
    skills: Sequence[str] = ()  # codes or names, as typed after --skill
    tags: Sequence[str] = ()  # besides the text's @words


_ACTIVE_FRAMEWORK = "SELECT id FROM frameworks WHERE active IS 1 ORDER BY id DESC LIMIT 1"
# The order of ``skills.lookup.list_skills``: the first match wins there, and here.
_SKILLS = """
    SELECT s.id, s.code, s.name, s.archived FROM skills s JOIN areas a ON a.id = s.area_id
    WHERE s.framework_id = ? ORDER BY a.position, a.id, s.position, s.id
"""
_INSERT_ENTRY = """
    INSERT INTO entries (entry_date, entry_time, title, body, created_at, updated_at, private,
        highlight, comfort, reflection_model, source, source_ref, source_key)
    VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?, NULL, NULL)
"""


def add_quickly(path: Path, entry: QuickEntry) -> int | None:
    """Write the reflection and answer its id, or None (nothing written) when the full path
    must do it: no journal yet, an older or damaged one, a read-only one, today's backup still
    to make (that path checks the whole file first), or a skill that is not found.

    A locked journal (after the same patience as the full path), a full disk and the like
    raise the same ``StorageError`` as there.
    """
    if not _ready(path):
        return None
    try:
        conn = connect(path, mode="rw", timeout=BUSY_TIMEOUT_MS / 1000)
    except dbapi.Error:
        return None
    try:
        apply_pragmas(conn)
        begin_write_if_needed(conn, "INSERT")
        rows = _framework_skills(conn)
        skills = _skill_links(rows, entry)
        if skills is None:
            conn.rollback()
            return None
        codes = {str(r[1]).casefold(): int(r[0]) for r in rows if not r[3]}
        tags = link_at_words(entry, codes, skills)
        entry_id = _insert(conn, entry, skills, tags)
        conn.commit()
        return entry_id
    except dbapi.OperationalError as exc:  # locked, full, read-only: said as the full path says it
        raise describe_sqlite_error(exc, path) from exc
    except dbapi.DatabaseError as exc:
        if not dbapi.exactly_database_error(exc):
            raise  # a broken constraint is a bug, not the file
        return None  # damage: the full path checks the whole file and says what it found
    finally:
        conn.close()


def _ready(path: Path) -> bool:
    """The journal is there, at this version's revision, writable and backed up today: the
    checks of ``storage.db.open_database`` but the whole-file one, which comes with the
    day's backup (the full path, once a day), so this does not grow with the journal."""
    try:
        if not path.is_file() or not check_file(path, create=False):
            return False
        if daily_backup_due(path) or read_only_problem(path) is not None:
            return False
        revision, _has_tables = read_revision(path, check=False)
    except (PlnError, OSError):
        return False  # the full path says what is wrong
    return revision == HEAD_REVISION


SkillRow = tuple[int, str, str, int]  # id, code, name, archived


def _framework_skills(conn: sqlite3.Connection) -> list[SkillRow]:
    """The active framework's skills in ``skills.lookup.list_skills``' order."""
    row = conn.execute(_ACTIVE_FRAMEWORK).fetchone()
    return conn.execute(_SKILLS, (row[0],)).fetchall() if row else []


def _skill_links(rows: list[SkillRow], entry: QuickEntry) -> dict[int, int | None] | None:
    """The skills --skill names, as ``skills.lookup.find_skill`` finds them (a code first,
    then a name; the first in framework order); None when one is not found."""
    skills: dict[int, int | None] = {}
    for wanted in entry.skills:
        key = _norm(wanted)
        found = next((r for r in rows if _norm(r[1]) == key), None) or next(
            (r for r in rows if _norm(r[2]) == key), None
        )
        if found is None:
            return None  # the full path's message suggests the close ones
        skills[int(found[0])] = None
    return skills


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _insert(
    conn: sqlite3.Connection, entry: QuickEntry, skills: dict[int, int | None], tags: list[str]
) -> int:
    """The rows of ``entries.add_entry``: the reflection, its tags, its skill links."""
    now = _utcnow()
    cur = conn.execute(
        _INSERT_ENTRY,
        (
            entry.entry_date.isoformat(),
            _time_text(entry.entry_time),
            entry.title,
            entry.body,
            now,
            now,
            int(entry.private),
            EntrySource.CLI.value,
        ),
    )
    assert cur.lastrowid is not None, "an INSERT into a rowid table gives its rowid"
    entry_id = cur.lastrowid
    conn.executemany(
        "INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)",
        [(entry_id, tag) for tag in sorted(set(tags))],
    )
    conn.executemany(
        "INSERT INTO entry_skills (entry_id, skill_id, self_rating) VALUES (?, ?, NULL)",
        [(entry_id, skill_id) for skill_id in skills],
    )
    return entry_id


def _utcnow() -> str:
    """Naive UTC as SQLAlchemy's DateTime stores it in SQLite (``models.utcnow``)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _time_text(value: dt.time | None) -> str | None:
    """A time as SQLAlchemy's Time stores it in SQLite (microseconds always written)."""
    return None if value is None else value.isoformat(timespec="microseconds")
