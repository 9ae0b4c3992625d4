"""Fuzz family: backups from elsewhere (``restore FILE --yes``): real backups of a small
journal at every schema revision, and crafted ones (foreign triggers, views, tables and
indexes, a changed table, a newer schema, a truncated file, a WAL-mode header, absurd page
sizes, hostile names)."""

from __future__ import annotations

import datetime as dt
import functools
import random
import sqlite3
import tempfile
from pathlib import Path

from fuzz import Family

# The trigger: every new private reflection turned public and highlighted.
PUBLISHING_TRIGGER = """CREATE TRIGGER publish_private AFTER INSERT ON entries
    WHEN new.private = 1 BEGIN
    UPDATE entries SET private = 0, highlight = 1 WHERE id = new.id;
END"""

CHANGES = {
    "trigger": PUBLISHING_TRIGGER,
    "view": "CREATE VIEW everything AS SELECT * FROM entries",
    "table": "CREATE TABLE loot (x TEXT)",
    "index": "CREATE INDEX ix_body ON entries (body)",
    "changed-table": "ALTER TABLE entries ADD COLUMN shadow TEXT DEFAULT 'x'",
    "changed-trigger": "DROP TRIGGER entries_fts_ai; "
    + PUBLISHING_TRIGGER.replace("publish_private", "entries_fts_ai"),
    "missing-trigger": "DROP TRIGGER entries_fts_au",
    "hostile-name": 'CREATE TABLE "evil\nname\x1b]0;pwned\x07' + "y" * 3000 + '" (a)',
    "newer-schema": "UPDATE alembic_version SET version_num = '9999'",
    "multi-line-revision": "UPDATE alembic_version SET version_num = '9999\nplnjournal: ok'",
    "no-revision": "DELETE FROM alembic_version",
    "not-ours": "DROP TABLE alembic_version",
    "temp-trigger-text": "CREATE TABLE t (a); CREATE TRIGGER tt AFTER INSERT ON t BEGIN "
    "DELETE FROM entries; END",
}


def _journal(folder: Path, revision: str | None) -> Path:
    """A small journal (the teaching framework and a few reflections) at ``revision``."""
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.core.journal.entries import add_entry
    from plnjournal.storage.backup import copy_database
    from plnjournal.storage.db import make_engine, migrate, open_database

    path = folder / f"journal-{revision or 'head'}.sqlite3"
    if revision is not None:
        engine = make_engine(path)
        migrate(engine, revision)
        engine.dispose()
        conn = sqlite3.connect(path)
        conn.execute(
            "INSERT INTO entries (entry_date, title, body, created_at, updated_at, private, "
            "highlight, source) VALUES ('2026-11-01', 'Old', 'An old reflection.', "
            "'2026-11-01 18:00:00', '2026-11-01 18:00:00', 1, 0, 'app')"
        )
        conn.commit()
        conn.close()
    else:
        database = open_database(path)
        with database.session() as s:
            install_framework(s, load_builtin("teaching"))
            for day in range(1, 6):
                add_entry(
                    s,
                    entry_date=dt.date(2026, 11, day),
                    title=f"Day {day}",
                    body="The lesson changeover was chaotic. " * day,
                    private=day % 2 == 0,
                )
        database.close()
    copy = folder / f"backup-{revision or 'head'}.sqlite3"
    copy_database(path, copy)
    return copy


@functools.cache
def _backups() -> tuple[tuple[str, bytes], ...]:
    from plnjournal.storage.sqlite_open import REVISIONS

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        found = [_journal(folder, None)] + [_journal(folder, r) for r in REVISIONS[:-1]]
        return tuple((p.name, p.read_bytes()) for p in found)


def _seeds() -> list[tuple[str, bytes]]:
    return list(_backups())


def _changed(data: bytes, sql: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.sqlite3"
        path.write_bytes(data)
        conn = sqlite3.connect(path)
        conn.executescript(sql)
        conn.commit()
        conn.close()
        return path.read_bytes()


def _header(data: bytes, offset: int, value: bytes) -> bytes:
    return data[:offset] + value + data[offset + len(value) :]


def _crafted() -> list[tuple[str, bytes]]:
    head = _backups()[0][1]
    out = [(f"{name}.sqlite3", _changed(head, sql)) for name, sql in CHANGES.items()]
    out += [
        ("empty.sqlite3", b""),
        ("header-only.sqlite3", head[:16]),
        ("first-page.sqlite3", head[:4096]),
        ("truncated.sqlite3", head[: len(head) // 2]),
        ("wal-header.sqlite3", _header(head, 18, b"\x02\x02")),
        ("page-size-65536.sqlite3", _header(head, 16, b"\x00\x01")),
        ("page-size-odd.sqlite3", _header(head, 16, b"\x12\x34")),
        ("page-count-huge.sqlite3", _header(head, 28, b"\x7f\xff\xff\xff")),
        ("reserved-bytes.sqlite3", _header(head, 20, b"\xff")),
        ("not-sqlite.sqlite3", b"PK\x03\x04" + head[4:4096]),
        ("text.sqlite3", b"plnjournal backup\n" * 100),
    ]
    return out + _flipped(FLIPPED)


# Mutants that keep every page in place (bytes changed, none moved), so they get past the
# header into SQLite's checks and the schema check more often than the generic mutations do.
FLIPPED = 300


def _flipped(count: int) -> list[tuple[str, bytes]]:
    rng = random.Random(18)
    out = []
    for i in range(count):
        name, data = rng.choice(_backups())
        changed = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(changed)) if rng.random() < 0.7 else rng.randrange(4096)
            changed[at] = rng.randrange(256)
        out.append((f"flipped-{i}-{name}", bytes(changed)))
    return out


def _setup(db: Path) -> None:
    db.write_bytes(_backups()[0][1])


FAMILY = Family(
    name="backup",
    argv=lambda path, db: ["--db", str(db), "restore", str(path), "--yes"],
    seeds=_seeds,
    setup=_setup,
    crafted=_crafted,
)
