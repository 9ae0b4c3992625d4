"""Checking a JSON export's rows against the schema itself, before any journal is touched.

The restore inserts the rows as they are, and the journal refuses what breaks its rules: a
required value that is missing, a repeated id or code, a value outside a CHECK rule. Rather
than copy those rules (and miss the next one), each table's rows go into an empty in-memory
database made from the same model, in the same shape the restore gives them; each row it
refuses becomes a problem that names the row, before anything is written anywhere.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import CheckConstraint, Connection, Table, create_engine, insert
from sqlalchemy import exc as sa_exc

from plnjournal.core.journal_io.records import JsonLines, LineFinder
from plnjournal.errors import Problem
from plnjournal.storage.models import Base

# Problems listed per file before the check stops (the first is what the user sees).
MAX_PROBLEMS = 50


def restore_shape(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as the restore inserts them: every row with every column any row has. A row
    without an id gets one no file uses (the restore gives it a new one)."""
    present = set().union(*(row.keys() for row in rows))
    shaped = [{name: row.get(name) for name in present} for row in rows]
    serial = [c.name for c in table.primary_key.columns]
    if len(serial) == 1 and serial[0] in present:
        for n, row in enumerate(shaped):
            if row[serial[0]] is None:
                row[serial[0]] = -(2**62) - n
    return shaped


def check_rows(
    tables: dict[str, list[dict[str, Any]]],
    display: str,
    positions: JsonLines,
    problems: list[Problem],
) -> None:
    """Add a problem for every row the schema refuses (ids kept, so a repeated id is one)."""
    engine = create_engine("sqlite://")
    try:
        Base.metadata.create_all(engine)
        with engine.begin() as conn:
            for table in Base.metadata.sorted_tables:
                rows = tables.get(table.name, [])
                if rows and len(problems) < MAX_PROBLEMS:
                    _insert(conn, table, restore_shape(table, rows), display, positions, problems)
    finally:
        engine.dispose()


def _insert(
    conn: Connection,
    table: Table,
    rows: list[dict[str, Any]],
    display: str,
    positions: JsonLines,
    problems: list[Problem],
) -> None:
    try:
        with conn.begin_nested():
            conn.execute(insert(table), rows)
        return
    except sa_exc.IntegrityError:
        pass  # find the rows, one by one
    line_of = LineFinder(positions, "tables", table.name)
    for i, row in enumerate(rows):
        try:
            with conn.begin_nested():
                conn.execute(insert(table), row)
        except sa_exc.IntegrityError as exc:
            where = f"tables.{table.name}[{i}]"
            problems.append(Problem(display, line_of(i), where, refusal(table, exc)))
            if len(problems) >= MAX_PROBLEMS:
                return


def refusal(table: Table, exc: sa_exc.IntegrityError) -> str:
    """SQLite's reason for refusing a row, in the words of the file's columns."""
    reason = str(exc.orig).splitlines()[0] if exc.orig is not None else "refused"
    kind, _, detail = reason.partition(" constraint failed: ")
    columns = ", ".join(part.split(".", 1)[-1] for part in detail.split(", "))
    if kind == "NOT NULL":
        return f"{columns}: must have a value"
    if kind == "UNIQUE":
        return f"{columns}: the same as in an earlier row; each must be different"
    if kind == "CHECK":
        rules = {
            c.name: str(c.sqltext) for c in table.constraints if isinstance(c, CheckConstraint)
        }
        rule = rules.get(detail, detail)
        return f"breaks the rule {rule}"
    return f"is refused by the journal ({reason})"
