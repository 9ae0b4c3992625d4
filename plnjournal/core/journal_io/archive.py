"""The whole journal as one JSON file, and restoring it into an empty journal without loss.

The file holds every table of the data model (framework, scale, areas, skills, descriptors,
entries, skill links, tags, ratings, feedback imports and items, entry–feedback links,
feedback requests, commitments, nudges, settings) row by row, with the original ids so rows
can refer to each other. It is written from the model's own metadata, so a column or table
added later is carried along without changing this module. Restoring gives new ids where
needed and remaps every reference.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Table, func, insert, select, update
from sqlalchemy import types as sqltypes
from sqlalchemy.orm import Session

from plnjournal import __version__
from plnjournal.core.journal_io.limits import Budget, one_line, shown
from plnjournal.core.journal_io.records import (
    JsonLines,
    JsonObject,
    LineFinder,
    load_json,
    read_text,
)
from plnjournal.core.journal_io.schema_check import check_rows
from plnjournal.errors import InputError, Problem, ValidationError
from plnjournal.storage.models import Base, Framework
from plnjournal.storage.sqlite_open import HEAD_REVISION, REVISIONS

FORMAT = "plnjournal"
VERSION = 1
# Tables whose rows make a journal "not empty" for a restore (frameworks may exist unused).
CONTENT_TABLES = (
    "entries",
    "ratings",
    "feedback_imports",
    "feedback_items",
    "feedback_requests",
    "commitments",
    "nudges",
)

Progress = Callable[[int, int, str], None]
# One row's values by column name; each value's type is its column's, known at run time.
RowValues = dict[str, Any]


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _serial_key(table: Table) -> Column[Any] | None:
    """The table's own integer id (remapped on restore), or None for link tables."""
    pk = list(table.primary_key.columns)
    if len(pk) == 1 and isinstance(pk[0].type, sqltypes.Integer) and not pk[0].foreign_keys:
        return pk[0]
    return None


def _encode(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.time):  # datetime is a date too
        return value.isoformat()
    return value


def dump_journal(
    session: Session,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_private: bool = True,
) -> JsonObject:
    """Everything in the journal as plain JSON values.

    With a period, only its entries are included, and rows that belong to other entries are
    left out (or lose the reference) exactly as if those entries had been deleted. Without
    private reflections (``add --private`` promises they are never exported unless asked),
    they and every row that belongs to one are left out.
    """
    conn = session.connection()
    tables = _tables()
    entries = Base.metadata.tables["entries"]
    keep: set[int] | None = None
    private: set[int] = set()
    if date_from is not None or date_to is not None:
        stmt = select(entries.c.id)
        if date_from is not None:
            stmt = stmt.where(entries.c.entry_date >= date_from)
        if date_to is not None:
            stmt = stmt.where(entries.c.entry_date <= date_to)
        keep = set(conn.execute(stmt).scalars())
    if not include_private:
        private = set(conn.execute(select(entries.c.id).where(entries.c.private)).scalars())
    out: dict[str, list[RowValues]] = {}
    for table in tables:
        order = list(table.primary_key.columns)
        rows = []
        for row in conn.execute(select(table).order_by(*order)).mappings():
            values = {c.name: _encode(row[c.name]) for c in table.columns}
            if private and _of_private(table, values, private):
                continue
            if keep is not None and not _in_period(table, values, keep):
                continue
            rows.append(values)
        out[table.name] = rows
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": HEAD_REVISION,
        "app_version": __version__,
        "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "period": {
            "from": date_from.isoformat() if date_from else None,
            "to": date_to.isoformat() if date_to else None,
        },
        "counts": {name: len(rows) for name, rows in out.items()},
        "tables": out,
    }


def _of_private(table: Table, values: RowValues, private: set[int]) -> bool:
    """A private reflection, or a row that belongs to one: left out whole, even where the
    schema would only unlink it (a commitment's text is the reflection's own words)."""
    if table.name == "entries":
        return values["id"] in private
    return any(
        fk.column.table.name == "entries" and values[col.name] in private
        for col in table.columns
        for fk in col.foreign_keys
    )


def _in_period(table: Table, values: RowValues, keep: set[int]) -> bool:
    if table.name == "entries":
        return values["id"] in keep
    for col in table.columns:
        for fk in col.foreign_keys:
            if fk.column.table.name != "entries" or values[col.name] is None:
                continue
            if values[col.name] not in keep:
                if (fk.ondelete or "").upper() == "SET NULL":
                    values[col.name] = None
                else:
                    return False
    return True


# --- reading and checking a file ---------------------------------------------------------


@dataclass
class Archive:
    """A checked PLN Journal JSON export, its rows decoded to Python values."""

    path: Path
    tables: dict[str, list[RowValues]]
    period: JsonObject = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    format: str = "json"

    def count(self, table: str) -> int:
        """Rows of ``table`` in the export, for the preview."""
        return len(self.tables.get(table, []))

    def entry_dates(self) -> list[dt.date]:
        """Every reflection's date, sorted, for the preview's period."""
        return sorted(r["entry_date"] for r in self.tables.get("entries", []))


def read_archive(path: Path, budget: Budget | None = None) -> Archive:
    """Read and check the whole file; every problem is reported with where it is.

    The checks are the restore's own: each row also goes into an empty in-memory copy of the
    schema (``schema_check``), so what the journal would refuse is refused here, by row, and a
    dry run refuses exactly what the import refuses.
    """
    display = one_line(str(path))
    problems: list[Problem] = []
    text = read_text(path, display, problems, budget)
    if text is None:
        raise ValidationError(problems)
    data = load_json(text, display)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(
            [Problem(display, 1, None, "is not a PLN Journal JSON export ('format' is missing)")]
        )
    schema = str(data.get("schema") or "")
    if schema and schema not in REVISIONS:
        raise InputError(
            f"{display}: was written by a newer version of PLN Journal (schema {schema}); "
            "update PLN Journal to import it"
        )
    raw_tables = data.get("tables")
    if not isinstance(raw_tables, dict):
        raise ValidationError([Problem(display, 1, "tables", "missing or not an object")])
    known = {t.name: t for t in _tables()}
    for name in raw_tables:
        if name not in known:
            problems.append(
                Problem(display, None, f"tables.{one_line(shown(name))}", "is not a table we know")
            )
    decoded: dict[str, list[RowValues]] = {}
    positions = JsonLines(text)  # scanned once, only if some row has a problem
    for table in _tables():
        rows = raw_tables.get(table.name, [])
        if not isinstance(rows, list):
            problems.append(Problem(display, None, f"tables.{table.name}", "is not a list"))
            continue
        line_of = LineFinder(positions, "tables", table.name)
        decoded[table.name] = [
            _decode_row(table, row, i, display, line_of, problems) for i, row in enumerate(rows)
        ]
    if not problems:
        _check_references(decoded, display, positions, problems)
    if not problems:
        check_rows(decoded, display, positions, problems)
    if problems:
        raise ValidationError(problems)
    raw_period = data.get("period")
    period = raw_period if isinstance(raw_period, dict) else {}
    return Archive(path=path, tables=decoded, period=period)


def _decode_row(
    table: Table,
    row: object,
    i: int,
    display: str,
    line_of: LineFinder,
    problems: list[Problem],
) -> RowValues:
    where = f"tables.{table.name}[{i}]"
    if not isinstance(row, dict):
        problems.append(Problem(display, line_of(i), where, "is not an object"))
        return {}
    out: RowValues = {}
    for name in row:
        if name not in table.columns:
            column = one_line(shown(name))
            problems.append(Problem(display, line_of(i), f"{where}.{column}", "unknown column"))
    serial = _serial_key(table)
    for col in table.columns:
        if col.name not in row:
            continue
        try:
            out[col.name] = _decode(col, row[col.name], serial is col)
        except (TypeError, ValueError) as exc:
            problems.append(Problem(display, line_of(i), f"{where}.{col.name}", str(exc)))
    return out


def _decode(col: Column[Any], value: object, serial: bool = False) -> object:
    if value is None:
        if not col.nullable and not serial:  # a missing id is given a new one
            raise ValueError("must have a value")
        return None
    kind = col.type
    if isinstance(kind, sqltypes.Enum) and kind.enum_class is not None:
        try:
            return kind.enum_class(value)
        except ValueError:
            allowed = ", ".join(e.value for e in kind.enum_class)
            raise ValueError(f"{shown(value)} is not one of {allowed}") from None
    if isinstance(kind, sqltypes.Boolean):
        if not isinstance(value, bool):
            raise TypeError(f"{shown(value)} is not true or false")
        return value
    if isinstance(kind, sqltypes.Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{shown(value)} is not a whole number")
        if not -(2**63) <= value < 2**63:
            raise ValueError(f"{shown(value)} is too large for a whole number")
        return value
    parse, what = _TEMPORAL.get(type(kind), (None, ""))
    if parse is None:
        return _text(value)
    try:
        return parse(_text(value))
    except ValueError:  # its own message quotes the whole value
        raise ValueError(f"{shown(value)} is not {what}") from None


_TEMPORAL: dict[type, tuple[Callable[[str], object], str]] = {
    sqltypes.DateTime: (dt.datetime.fromisoformat, "a date and time (YYYY-MM-DDTHH:MM:SS)"),
    sqltypes.Date: (dt.date.fromisoformat, "a date (YYYY-MM-DD)"),
    sqltypes.Time: (dt.time.fromisoformat, "a time (HH:MM:SS)"),
}


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{shown(value)} is not text")
    return value


def _check_references(
    tables: dict[str, list[RowValues]],
    display: str,
    positions: JsonLines,
    problems: list[Problem],
) -> None:
    ids = {}
    for table in _tables():
        key = _serial_key(table)
        if key is not None:
            ids[table.name] = {row.get(key.name) for row in tables.get(table.name, [])}
    for table in _tables():
        line_of = LineFinder(positions, "tables", table.name)
        for i, row in enumerate(tables.get(table.name, [])):
            for col in table.columns:
                for fk in col.foreign_keys:
                    target = fk.column.table.name
                    value = row.get(col.name)
                    if value is not None and target in ids and value not in ids[target]:
                        problems.append(
                            Problem(
                                display,
                                line_of(i),
                                f"tables.{table.name}[{i}].{col.name}",
                                f"refers to {target} id {value}, which is not in the file",
                            )
                        )


# --- restoring ---------------------------------------------------------------------------


def content_counts(session: Session) -> dict[str, int]:
    """How many rows the journal has in the tables a restore must find empty."""
    meta = Base.metadata.tables
    return {
        name: session.scalar(select(func.count()).select_from(meta[name])) or 0
        for name in CONTENT_TABLES
    }


def check_restorable(session: Session, archive: Archive) -> None:
    """A full export restores into an empty journal only; say so plainly otherwise."""
    counts = content_counts(session)
    if any(counts.values()):
        words = {"entries": "reflections"}
        what = ", ".join(
            f"{n} {words.get(name, name.replace('_', ' '))}" for name, n in counts.items() if n
        )
        raise InputError(
            f"{one_line(str(archive.path))}: a PLN Journal JSON export restores the whole journal and goes "
            f"into an empty journal only; this one already has {what}. Import it into a new "
            "journal (plnjournal --db NEW.sqlite3 import-journal …), or import a Markdown "
            "export to add reflections to this one"
        )


def restore_archive(
    session: Session, archive: Archive, progress: Progress | None = None
) -> dict[str, int]:
    """Write every row of ``archive`` (inside the caller's transaction); returns counts."""
    check_restorable(session, archive)
    conn = session.connection()
    frameworks = archive.tables.get("frameworks", [])
    if any(row.get("active") for row in frameworks):
        conn.execute(update(Framework.__table__).values(active=False))
    settings = Base.metadata.tables.get("settings")
    if settings is not None and archive.tables.get("settings"):
        keys = [row["key"] for row in archive.tables["settings"]]
        conn.execute(settings.delete().where(settings.c.key.in_(keys)))
    idmap: dict[str, dict[int | None, int]] = {}
    tables = _tables()
    total = sum(len(archive.tables.get(t.name, [])) for t in tables)
    done = 0
    for table in tables:
        rows = archive.tables.get(table.name, [])
        if progress is not None:
            progress(done, total, f"Restoring {table.name.replace('_', ' ')}…")
        if not rows:
            continue
        key = _serial_key(table)
        present = set().union(*(row.keys() for row in rows))
        prepared: list[RowValues] = []
        old_ids: list[int | None] = []
        for row in rows:
            new: RowValues = {name: row.get(name) for name in present}
            for col in table.columns:
                for fk in col.foreign_keys:
                    target = fk.column.table.name
                    if new.get(col.name) is not None and target in idmap:
                        new[col.name] = idmap[target][new[col.name]]
            if key is not None:
                old_ids.append(new.pop(key.name, None))
            prepared.append(new)
        if key is not None:
            result = conn.execute(
                insert(table).returning(key, sort_by_parameter_order=True), prepared
            )
            idmap[table.name] = dict(zip(old_ids, result.scalars().all(), strict=True))
        else:
            conn.execute(insert(table), prepared)
        done += len(rows)
    if progress is not None:
        progress(total, total, "Restored")
    return {name: len(archive.tables.get(name, [])) for name in (t.name for t in tables)}
