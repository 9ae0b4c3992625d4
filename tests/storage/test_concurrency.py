"""The command line and the window writing at the same time: nothing lost, never "locked"."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from plnjournal.core.journal.entries import add_entry
from plnjournal.storage import dialect
from plnjournal.storage.db import Database, make_engine, open_database
from tests.storage.child import Child, integrity, titles


def test_a_write_waits_past_the_busy_timeout_and_succeeds(db_path: Path) -> None:
    open_database(db_path).close()
    # Busy timeout 50 ms, but another program holds the write lock for ~0.6 s: the retry in
    # storage (not the caller) is what lets this write through.
    database = Database(db_path, make_engine(db_path, busy_timeout_ms=50))
    holder = sqlite3.connect(db_path, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.6, holder.commit)
    release.start()
    started = time.monotonic()
    try:
        with database.session() as s:
            add_entry(s, entry_date=dt.date(2026, 11, 1), title="patient", body="")
    finally:
        release.join()
        holder.close()
        database.close()
    assert time.monotonic() - started >= 0.5
    assert titles(db_path) == ["patient"]


def test_reads_do_not_take_the_write_lock(db) -> None:
    """A long read in the window never blocks the command line's writes (WAL)."""
    with db.session() as s:
        add_entry(s, entry_date=dt.date(2026, 11, 1), title="one", body="")
    reader = sqlite3.connect(db.path)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM entries").fetchone() == (1,)
    with db.session() as s:  # would wait if reading took a lock writers need
        add_entry(s, entry_date=dt.date(2026, 11, 1), title="two", body="")
    assert reader.execute("SELECT count(*) FROM entries").fetchone() == (1,)  # its snapshot
    reader.rollback()
    reader.close()
    assert titles(db.path) == ["one", "two"]


def test_the_write_lock_is_taken_only_by_writes(db) -> None:
    conn = db.engine.raw_connection()
    try:
        dialect.begin_write_if_needed(conn.driver_connection, "SELECT 1")
        assert not conn.driver_connection.in_transaction
        dialect.begin_write_if_needed(conn.driver_connection, "  insert into x values (1)")
        assert conn.driver_connection.in_transaction
        conn.driver_connection.rollback()
    finally:
        conn.close()


@pytest.mark.slow
def test_two_processes_write_at_once_and_nothing_is_lost(db_path: Path) -> None:
    open_database(db_path).close()
    # Each process's busy timeout (40 ms) is far shorter than the other's one-transaction bulk
    # write of 800 reflections: without the retries most quick captures would fail "locked".
    env = {"PLN_TEST_BUSY_TIMEOUT_MS": "40"}
    capture = Child("adds", str(db_path), "15", "capture", env=env)
    bulk = Child("bulk", str(db_path), "800", "bulk", env=env)
    capture2 = Child("adds", str(db_path), "15", "second", env=env)
    codes = [capture.finish(), bulk.finish(), capture2.finish()]
    assert codes == [0, 0, 0], capture.stderr() + bulk.stderr() + capture2.stderr()
    saved = titles(db_path)
    for prefix in ("capture", "second"):
        assert [t for t in saved if t.startswith(prefix)] == [f"{prefix} {i}." for i in range(15)]
    assert sum(t.startswith("bulk") for t in saved) == 800
    added = [line for line in capture.lines + capture2.lines if line.startswith("Added")]
    assert len(added) == 30
    assert integrity(db_path) == ["ok"]
