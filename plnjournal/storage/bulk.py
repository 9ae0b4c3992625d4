"""Bulk inserts for imports: one DB-API ``executemany`` per table.

Values are converted by each column type's own SQLAlchemy bind processor, so the stored
values are exactly what the ORM would store; only SQLAlchemy's per-row bookkeeping is skipped
(at 10,000 rows that bookkeeping costs more than SQLite's own work).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def bulk_insert(
    session: Session, table: Table, columns: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    """Insert ``rows`` (values in the order of ``columns``) in the session's transaction.

    Columns left out get no Python-side default: give every value the table needs.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    positions = compiled.positiontup if compiled.positional else None
    order = list(positions) if positions is not None else list(columns)
    where = {name: i for i, name in enumerate(columns)}
    if sorted(order) != sorted(columns):
        raise ValueError(f"{table.name}: columns {columns} do not match {order}")
    index = [where[name] for name in order]
    procs = [
        _remembering(table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        for name in order
    ]
    values: list[tuple[object, ...]]
    if all(p is None for p in procs) and index == list(range(len(index))):
        values = [tuple(row) for row in rows]
    else:
        pairs = list(zip(index, procs, strict=True))
        values = [
            tuple(v if (v := row[i]) is None or p is None else p(v) for i, p in pairs)
            for row in rows
        ]
    if compiled.positional:
        connection.exec_driver_sql(str(compiled), values)
    else:
        named = [dict(zip(order, row, strict=True)) for row in values]
        connection.exec_driver_sql(str(compiled), named)


Convert = Callable[[object], object]


def _remembering(proc: Convert | None) -> Convert | None:
    """A bind processor that converts each distinct value once: imports repeat the same
    dates, mentors, sources and timestamps thousands of times."""
    if proc is None:
        return None
    seen: dict[object, object] = {}

    def convert(value: object) -> object:
        try:
            return seen[value]
        except KeyError:
            seen[value] = out = proc(value)
            return out
        except TypeError:  # unhashable
            return proc(value)

    return convert
