"""A writing process for the concurrency and crash tests: it prints a line after each commit.

Run as ``python -u writer_child.py MODE DB [ARGS…]``; the test reads the lines to know what
was committed before it killed the process (or before the process ended).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path


def adds(db: str, count: int, prefix: str) -> int:
    """Quick captures through the real command line, one process, one commit each."""
    from plnjournal.cli import main

    failures = 0
    for i in range(count):
        code = main(["--db", db, "add", "--date", "2026-11-01", f"{prefix} {i}."])
        if code != 0:
            failures += 1
    return 1 if failures else 0


def bulk(db: str, count: int, prefix: str) -> int:
    """Many entries in ONE transaction: all of them are committed, or none."""
    from plnjournal.core.journal.entries import add_entry
    from plnjournal.storage.db import open_database

    database = open_database(db)
    print("STARTED", flush=True)
    with database.session() as s:
        for i in range(count):
            add_entry(s, entry_date=dt.date(2026, 11, 2), title=f"{prefix} {i}", body="bulk")
    print(f"COMMITTED {count}", flush=True)
    database.close()
    return 0


def demo(db: str) -> int:
    """A year of reflections, ratings and feedback items written as one transaction."""
    from plnjournal.core.demo import build_demo
    from plnjournal.storage.db import open_database

    database = open_database(db)
    print("STARTED", flush=True)
    with database.session() as s:
        stats = build_demo(s, years=1, seed=7, today=dt.date(2026, 11, 28))
    print(f"COMMITTED {stats['entries']} {stats['ratings']} {stats['feedback_items']}", flush=True)
    database.close()
    return 0


def feedback(db: str, file: str) -> int:
    """A mentor feedback import through the real command (one transaction after a backup)."""
    from plnjournal.cli import main

    print("STARTED", flush=True)
    return main(["--db", db, "import-feedback", file])


def journal(db: str, file: str) -> int:
    """A journal import (jrnl, Day One, Markdown) through the real command."""
    from plnjournal.cli import main

    print("STARTED", flush=True)
    return main(["--db", db, "import-journal", file])


def restores(db: str, first: str, second: str) -> int:
    """Restore two backups in turn, forever."""
    from plnjournal.storage.restore import restore_backup

    print("STARTED", flush=True)
    while True:
        for backup in (first, second):
            restore_backup(Path(db), Path(backup))
            print(f"RESTORED {backup}", flush=True)


def backups(db: str) -> int:
    """Back up, forever; print each finished backup."""
    from plnjournal.storage.backup import make_backup

    print("STARTED", flush=True)
    while True:
        print(f"BACKUP {make_backup(Path(db), 'manual')}", flush=True)


if __name__ == "__main__":
    mode, db, *rest = sys.argv[1:]
    if os.environ.get("PLN_TEST_BUSY_TIMEOUT_MS"):
        # Shorter than the other writer's transaction, so the retries are what saves the write.
        import plnjournal.storage.dialect as dialect

        dialect.BUSY_TIMEOUT_MS = int(os.environ["PLN_TEST_BUSY_TIMEOUT_MS"])
    if mode == "adds":
        sys.exit(adds(db, int(rest[0]), rest[1]))
    if mode == "bulk":
        sys.exit(bulk(db, int(rest[0]), rest[1]))
    if mode == "demo":
        sys.exit(demo(db))
    if mode == "feedback":
        sys.exit(feedback(db, rest[0]))
    if mode == "journal":
        sys.exit(journal(db, rest[0]))
    if mode == "restores":
        sys.exit(restores(db, rest[0], rest[1]))
    if mode == "backups":
        sys.exit(backups(db))
    sys.exit(f"unknown mode {mode}")
