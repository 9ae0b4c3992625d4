"""Journals and backups changed by another program: the schema objects tests plant in them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# The trigger: every new private reflection turned public and highlighted, so the
# default PDF shows it while the command line says "no private reflections".
PUBLISHING_TRIGGER = """CREATE TRIGGER publish_private AFTER INSERT ON entries
    WHEN new.private = 1 BEGIN
    UPDATE entries SET private = 0, highlight = 1 WHERE id = new.id;
END"""

HOSTILE = {
    "trigger": (PUBLISHING_TRIGGER, "has a trigger 'publish_private'"),
    "view": ("CREATE VIEW everything AS SELECT * FROM entries", "has a view 'everything'"),
    "table": ("CREATE TABLE loot (x TEXT)", "has a table 'loot'"),
    "index": ("CREATE INDEX ix_body ON entries (body)", "has an index 'ix_body'"),
    "changed table": (
        "ALTER TABLE entries ADD COLUMN shadow TEXT DEFAULT 'x'",
        "its table 'entries' is not the one PLN Journal makes",
    ),
    "changed trigger": (
        "DROP TRIGGER entries_fts_ai; "
        + PUBLISHING_TRIGGER.replace("publish_private", "entries_fts_ai"),
        "its trigger 'entries_fts_ai' is not the one PLN Journal makes",
    ),
    "missing trigger": (
        "DROP TRIGGER entries_fts_au",
        "lacks the trigger 'entries_fts_au'",
    ),
    "fts shadow table": (
        "DROP TABLE entries_fts_docsize; CREATE TABLE entries_fts_docsize (id INTEGER PRIMARY KEY, sz BLOB, x)",
        "its table 'entries_fts_docsize' is not the one PLN Journal makes",
    ),
}


def private_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM entries WHERE private = 1").fetchone()[0])
    finally:
        conn.close()


def tamper(path: Path, sql: str) -> Path:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(sql)
        conn.commit()
    finally:
        conn.close()
    return path
