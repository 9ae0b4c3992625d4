"""Disk full (simulated) and a read-only folder, at the storage level: no damage."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from plnjournal.core.journal.entries import add_entry
from plnjournal.errors import StorageError
from plnjournal.storage.backup import copy_database
from plnjournal.storage.db import open_database
from tests.storage.child import integrity, titles
from tests.storage.hostile import read_only

BIG = "A long reflection. " * 5000  # ~95 KB


def test_disk_full_during_a_bulk_write_changes_nothing(teaching_db) -> None:
    """SQLite's own disk-full path (max_page_count): the same error as a full disk."""
    with teaching_db.session() as s:
        add_entry(s, entry_date=dt.date(2026, 11, 1), title="before", body="")
    pages = sqlite3.connect(teaching_db.path).execute("PRAGMA page_count").fetchone()[0]

    @event.listens_for(teaching_db.engine, "connect")
    def _tiny_disk(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 20}")

    teaching_db.engine.dispose()
    with (
        pytest.raises(StorageError, match="the disk is full") as caught,
        teaching_db.session() as s,
    ):
        for i in range(30):
            add_entry(s, entry_date=dt.date(2026, 11, 2), title=f"big {i}", body=BIG)
    assert "nothing was changed" in caught.value.message
    assert titles(teaching_db.path) == ["before"]
    assert integrity(teaching_db.path) == ["ok"]


def test_open_database_in_a_read_only_folder_leaves_no_files(demo_db, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = copy_database(demo_db.path, folder / "journal.sqlite3")
    with read_only(folder), pytest.raises(StorageError, match="read-only"):
        open_database(path)
    assert sorted(p.name for p in folder.iterdir()) == ["journal.sqlite3"]
