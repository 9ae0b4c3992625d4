"""Generates plnjournal/storage/schema_expected.py from the migrations: a fresh journal migrated
to each revision, its ``sqlite_master`` as it stands.

Run ``python -m tests.storage.schema_snapshot`` after adding a migration;
tests/storage/test_schema_check.py fails until the file is in step.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from plnjournal.storage import schema
from plnjournal.storage.db import make_engine, migrate
from plnjournal.storage.sqlite_open import REVISIONS

HEADER = '''"""The schema objects a journal of each revision holds: generated from the migrations by
``python -m tests.storage.schema_snapshot`` (tests/storage/test_schema_check.py checks it is in
step); storage/schema.py compares files with it."""

# fmt: off
# (revisions, type, name, table, SQL as SQLite stores it; None for SQLite's own indexes)
_OBJECTS: tuple[tuple[str, str, str, str, str | None], ...] = (
'''

FOOTER = """)
# fmt: on

# revision -> its objects
SCHEMAS: dict[str, tuple[tuple[str, str, str, str | None], ...]] = {
    revision: tuple(obj[1:] for obj in _OBJECTS if revision in obj[0].split())
    for revision in sorted({r for obj in _OBJECTS for r in obj[0].split()})
}
"""


def revision_objects(folder: Path, revision: str) -> list[tuple[str, str, str, str | None]]:
    """``sqlite_master`` of a new journal migrated to ``revision``, sorted."""
    path = folder / f"at-{revision}.sqlite3"
    engine = make_engine(path)
    migrate(engine, revision)
    engine.dispose()
    conn = sqlite3.connect(path)
    try:
        return sorted(schema.read_objects(conn))
    finally:
        conn.close()


def snapshot_text(folder: Path) -> str:
    """The text of schema_expected.py: each object once, with the revisions that hold it."""
    holders: dict[tuple[str, str, str, str | None], list[str]] = {}
    for revision in REVISIONS:
        for obj in revision_objects(folder, revision):
            holders.setdefault(obj, []).append(revision)
    lines = [HEADER]
    for obj, revisions in sorted(holders.items(), key=lambda item: (item[0][:3], item[1])):
        lines.append(f"    {(' '.join(revisions), *obj)!r},\n")
    lines.append(FOOTER)
    return "".join(lines)


def snapshot(folder: Path) -> dict[str, tuple[tuple[str, str, str, str | None], ...]]:
    """What ``SCHEMAS`` must hold."""
    return {revision: tuple(revision_objects(folder, revision)) for revision in REVISIONS}


def main() -> None:
    target = Path(schema.__file__).with_name("schema_expected.py")
    with tempfile.TemporaryDirectory() as tmp:
        target.write_text(snapshot_text(Path(tmp)))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
