"""Backups: consistent copies, a daily backup at the first start of each day, rotation."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from plnjournal.errors import StorageError
from plnjournal.paths import backup_dir
from plnjournal.storage.backup import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_PER_EVENT,
    KEEP_WEEKLY,
    backup_infos,
    backups_to_keep,
    copy_database,
    daily_backup,
    make_backup,
    prune_backups,
)
from plnjournal.storage.backup_check import verify_backup
from plnjournal.storage.db import open_database


def _entries(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        conn.close()


def _fake(db_path: Path, when: dt.datetime, reason: str) -> Path:
    """A file named like a backup: rotation reads names only, never contents."""
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{db_path.stem}-{when:%Y%m%d-%H%M%S}-{reason}.sqlite3"
    path.write_bytes(b"x")
    return path


def test_backup_is_a_standalone_sound_copy(demo_db, tmp_path: Path) -> None:
    dest = copy_database(demo_db.path, tmp_path / "copy.sqlite3")
    assert verify_backup(dest)  # full integrity check and a known schema revision
    assert _entries(dest) == _entries(demo_db.path)
    # Rollback-journal mode: the copy opens on its own, with no -wal/-shm beside it.
    assert dest.read_bytes()[18:20] == b"\x01\x01"
    assert not list(tmp_path.glob("copy.sqlite3*-*")) and not list(tmp_path.glob("*.part"))


def test_backup_while_another_connection_writes_is_consistent(demo_db, tmp_path: Path) -> None:
    before = _entries(demo_db.path)
    stop = threading.Event()

    def writer() -> None:
        conn = sqlite3.connect(demo_db.path, timeout=10)
        while not stop.is_set():
            with conn:
                conn.execute(
                    "INSERT INTO entries (entry_date, title, body, created_at, updated_at, "
                    "private, highlight, source) VALUES ('2026-01-01', 't', 'b', "
                    "'2026-01-01', '2026-01-01', 0, 0, 'app')"
                )
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [copy_database(demo_db.path, tmp_path / f"c{i}.sqlite3") for i in range(2)]
    finally:
        stop.set()
        thread.join()
    for copy in copies:
        verify_backup(copy)
        assert _entries(copy) >= before


def test_make_backup_names_the_reason_and_never_overwrites(db) -> None:
    now = dt.datetime(2026, 11, 28, 9, 30, 0)
    first = make_backup(db.path, "before-feedback-import", now=now)
    second = make_backup(db.path, "before-feedback-import", now=now)
    assert first.name == "journal-20261128-093000-before-feedback-import.sqlite3"
    assert second != first and second.exists() and first.exists()
    kinds = [b.kind for b in backup_infos(db.path)]
    assert kinds == ["before-feedback-import", "before-feedback-import"]
    assert backup_infos(db.path)[0].label == "Before a feedback import"


def test_daily_backup_once_per_day(teaching_db) -> None:
    path = teaching_db.path
    morning = dt.datetime(2026, 11, 28, 8, 0)
    assert daily_backup(path, now=morning) is not None
    assert daily_backup(path, now=morning.replace(hour=17)) is None  # same day: nothing
    # An import backup later that day does not count as the daily one, nor stop the next.
    make_backup(path, "before-journal-import", now=morning.replace(hour=18))
    assert daily_backup(path, now=morning + dt.timedelta(days=1)) is not None
    assert [b.kind for b in backup_infos(path)].count("daily") == 2


def test_open_database_makes_the_daily_backup_only_when_asked(demo_db) -> None:
    demo_db.close()
    open_database(demo_db.path).close()
    assert backup_infos(demo_db.path) == []
    open_database(demo_db.path, daily_backup=True).close()
    open_database(demo_db.path, daily_backup=True).close()
    (only,) = backup_infos(demo_db.path)
    assert only.kind == "daily" and _entries(only.path) == _entries(demo_db.path)


def test_a_new_empty_journal_is_not_backed_up(db_path: Path) -> None:
    open_database(db_path, daily_backup=True).close()
    assert backup_infos(db_path) == []


def test_a_year_of_daily_starts_keeps_the_rotation(tmp_path: Path) -> None:
    db_path = tmp_path / "journal.sqlite3"
    start = dt.datetime(2025, 1, 1, 8, 0)
    for day in range(400):
        _fake(db_path, start + dt.timedelta(days=day), "daily")
    prune_backups(db_path)
    kept = [b.made_at for b in backup_infos(db_path)]
    newest = start + dt.timedelta(days=399)
    # Every one of the last 7 days…
    assert kept[:KEEP_DAILY] == [newest - dt.timedelta(days=i) for i in range(KEEP_DAILY)]
    # …one in each of the last 4 weeks and 12 months, and nothing else.
    weeks = {d.isocalendar()[:2] for d in kept}
    months = {(d.year, d.month) for d in kept}
    last_weeks = {(newest - dt.timedelta(weeks=i)).isocalendar()[:2] for i in range(KEEP_WEEKLY)}
    assert last_weeks <= weeks
    assert len(months) == KEEP_MONTHLY
    assert len(kept) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    assert min(kept) > newest - dt.timedelta(days=366)


def test_event_backups_keep_five_of_each_kind_and_manual_ones_stay(tmp_path: Path) -> None:
    db_path = tmp_path / "journal.sqlite3"
    start = dt.datetime(2026, 1, 1, 8, 0)
    for i in range(9):
        when = start + dt.timedelta(hours=i)
        _fake(db_path, when, "before-feedback-import")
        _fake(db_path, when, "before-restore")
        _fake(db_path, when, "manual")
    _fake(db_path, start, "before-migration-from-0001")
    _fake(db_path, start, "before-migration-from-0002")
    prune_backups(db_path)
    kinds = [b.kind for b in backup_infos(db_path)]
    assert kinds.count("before-feedback-import") == KEEP_PER_EVENT
    assert kinds.count("before-restore") == KEEP_PER_EVENT
    assert kinds.count("before-migration") == 2
    assert kinds.count("manual") == 9
    # The newest of each kind are the ones kept.
    newest_import = max(b.made_at for b in backup_infos(db_path) if b.kind == "before-restore")
    assert newest_import == start + dt.timedelta(hours=8)


def test_rotation_ignores_other_journals_and_foreign_files(tmp_path: Path) -> None:
    db_path = tmp_path / "journal.sqlite3"
    other = tmp_path / "journal-old.sqlite3"
    start = dt.datetime(2025, 1, 1)
    for day in range(40):
        _fake(other, start + dt.timedelta(days=day), "daily")
    notes = backup_dir(db_path) / "my notes.txt"
    notes.write_text("keep me")
    for day in range(40):
        _fake(db_path, start + dt.timedelta(days=day), "daily")
    prune_backups(db_path)
    assert notes.exists()
    assert len(backup_infos(other)) == 40


def test_backups_to_keep_is_empty_for_no_backups() -> None:
    assert backups_to_keep([]) == set()


def test_stale_part_files_are_cleared_fresh_ones_left(teaching_db) -> None:
    import os

    folder = backup_dir(teaching_db.path)
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / "journal-20260101-000000-daily.sqlite3.123.part"
    fresh = folder / "journal-20260102-000000-daily.sqlite3.456.part"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(stale, (0, 0))
    make_backup(teaching_db.path, "manual")
    assert not stale.exists() and fresh.exists()
    assert all(not b.path.name.endswith(".part") for b in backup_infos(teaching_db.path))


def test_backup_of_a_missing_journal_says_so(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="could not back up"):
        copy_database(tmp_path / "nothing.sqlite3", tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()
