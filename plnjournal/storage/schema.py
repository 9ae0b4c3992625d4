"""The schema a journal of each revision has, and the check that a file has nothing else.

A backup or a journal from elsewhere is a database someone else may have written. SQLite runs
the triggers stored in it, so a crafted trigger would act inside the live journal (one that
turns every new private reflection public was tried, issue 18). A journal PLN Journal made
holds exactly the tables, indexes and triggers its migrations make (with the full-text index's
own tables); anything extra, changed or missing is refused, naming what was found.

The expected objects per revision are in ``schema_expected.py``, generated from the migrations
(``python -m tests.storage.schema_snapshot``; a test keeps it in step), so the check needs
neither Alembic nor SQLAlchemy and costs one read of ``sqlite_master``.
"""

from __future__ import annotations

import functools
import re
import sqlite3

from plnjournal.storage.schema_expected import SCHEMAS

# (type, name, table, normalized SQL) of one schema object; SQL is None for SQLite's own
# indexes behind UNIQUE and PRIMARY KEY constraints.
SchemaObject = tuple[str, str, str, str | None]

# How many objects one message names; the rest are counted.
NAMED_IN_MESSAGE = 3
_NAME_SHOWN = 60  # characters of a name shown in a message

_SQL_TOKEN = re.compile(
    r"""(?P<space>\s+|--[^\n]*|/\*.*?(?:\*/|\Z))
      | (?P<string>'(?:[^']|'')*'?)
      | "(?P<dq>(?:[^"]|"")*)"? | `(?P<bq>(?:[^`]|``)*)`? | \[(?P<sq>[^\]]*)\]?
      | (?P<word>[\w$]+)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_IF_NOT_EXISTS = ("if", "not", "exists")


def normalized(sql: str) -> str:
    """``sql`` without what does not change its meaning: spacing, comments, the quotes around
    identifiers, the case of keywords and names, ``IF NOT EXISTS``; string literals as they are."""
    tokens: list[str] = []
    for m in _SQL_TOKEN.finditer(sql):
        kind = m.lastgroup
        if kind == "space":
            continue
        if kind == "string":
            tokens.append(m.group())
        elif kind in ("dq", "bq", "sq"):
            tokens.append(m.group(kind).lower())
        else:
            tokens.append(m.group().lower())
    if tokens[:1] == ["create"]:
        at = 3 if tokens[1:2] == ["virtual"] else 2
        if tuple(tokens[at : at + 3]) == _IF_NOT_EXISTS:
            del tokens[at : at + 3]
    return " ".join(tokens)


@functools.cache
def expected_objects(revision: str) -> dict[tuple[str, str], SchemaObject]:
    """What a journal at ``revision`` holds, keyed by (type, lower-case name)."""
    return {
        (kind, name.lower()): (kind, name, table, None if sql is None else normalized(sql))
        for kind, name, table, sql in SCHEMAS[revision]
    }


def read_objects(conn: sqlite3.Connection) -> list[SchemaObject]:
    """Every object in the file's schema, as ``sqlite_master`` lists it."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return [
        (str(kind), str(name), str(table), None if sql is None else str(sql))
        for kind, name, table, sql in rows
    ]


def one_line(value: object, limit: int = 200) -> str:
    """Text from a file (a name, SQLite's words about it), safe in a one-line message: control
    characters escaped, cut at ``limit`` characters."""
    text = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(value)
    )
    return text if len(text) <= limit else text[:limit] + "…"


def shown(name: str) -> str:
    """A name from a file, quoted and safe on one line of a message."""
    return f"'{one_line(name, _NAME_SHOWN)}'"


def _article(kind: str) -> str:
    return "an" if kind[:1] in "aeiou" else "a"


# The tables SQLite makes itself when asked to gather statistics: they hold numbers the
# query planner reads, cannot hold triggers or views, and may appear in any journal.
SQLITE_STATISTICS = frozenset({"sqlite_stat1", "sqlite_stat4"})


def schema_problems(objects: list[SchemaObject], revision: str) -> list[str]:
    """What differs from the schema PLN Journal makes at ``revision``, one phrase per object
    ("has a trigger 'x' that PLN Journal does not make"); empty when the file is ours."""
    expected = expected_objects(revision)
    seen: set[tuple[str, str]] = set()
    extra, changed = [], []
    for kind, name, table, sql in objects:
        if kind == "table" and name.lower() in SQLITE_STATISTICS:
            continue  # SQLite's own statistics (ANALYZE, PRAGMA optimize): data, never code
        key = (kind, name.lower())
        seen.add(key)
        want = expected.get(key)
        if want is None:
            extra.append(f"{_article(kind)} {kind} {shown(name)}")
        elif (want[2].lower(), want[3]) != (
            table.lower(),
            None if sql is None else normalized(sql),
        ):
            changed.append(f"its {kind} {shown(name)} is not the one PLN Journal makes")
    missing = [
        f"lacks the {kind} {shown(want[1])}"
        for (kind, _name), want in expected.items()
        if (kind, _name) not in seen
    ]
    problems = []
    if extra:
        problems.append(f"has {_listed(extra)} that PLN Journal does not make")
    return problems + changed + missing


def _listed(items: list[str]) -> str:
    named = items[:NAMED_IN_MESSAGE]
    more = len(items) - len(named)
    text = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
    return text + (f" (and {more} more)" if more else "")


def schema_message(problems: list[str]) -> str:
    """The problems as one clause of a one-line message."""
    return "; ".join(problems[:NAMED_IN_MESSAGE]) + (
        f" (and {len(problems) - NAMED_IN_MESSAGE} more differences)"
        if len(problems) > NAMED_IN_MESSAGE
        else ""
    )


def check_schema(conn: sqlite3.Connection, revision: str) -> str | None:
    """None when the file holds exactly PLN Journal's schema at ``revision``; else what differs."""
    problems = schema_problems(read_objects(conn), revision)
    return schema_message(problems) if problems else None
