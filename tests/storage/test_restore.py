"""Restoring a backup: checked first, the journal saved first, one transaction, WAL-safe."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from plnjournal.core.journal.entries import add_entry
from plnjournal.errors import DatabaseDamaged, DatabaseTooNew, StorageError
from plnjournal.storage.backup import backup_infos, copy_database, make_backup
from plnjournal.storage.backup_check import newest_good_backup, verify_backup
from plnjournal.storage.db import HEAD_REVISION, REVISIONS, make_engine, migrate, open_database
from plnjournal.storage.restore import restore_backup

TITLES = "SELECT title FROM entries ORDER BY id"


def _titles(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute(TITLES)]
    finally:
        conn.close()


def _add(db, title: str) -> None:
    import datetime as dt

    with db.session() as s:
        add_entry(s, entry_date=dt.date(2026, 11, 1), title=title, body="")


def _scribble(path: Path) -> bytes:
    """Damage the pages after the header; the file still starts like SQLite."""
    data = bytearray(path.read_bytes())
    for i in range(4096, min(len(data), 4096 * 6)):
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    return bytes(data)


def test_restore_puts_the_backup_back_and_saves_the_journal_first(db) -> None:
    _add(db, "before")
    backup = make_backup(db.path, "manual")
    _add(db, "after the backup")
    result = restore_backup(db.path, backup)
    assert _titles(db.path) == ["before"]
    # The journal as it was is a backup of its own, so the restore can be undone.
    assert result.saved is not None and _titles(result.saved) == ["before", "after the backup"]
    assert result.damaged_kept is None and result.migrated_from is None
    assert "before-restore" in [b.kind for b in backup_infos(db.path)]


def test_an_open_connection_sees_the_restored_journal(db) -> None:
    """The window keeps its engine open: after a restore it reads the restored content."""
    _add(db, "kept")
    backup = make_backup(db.path, "manual")
    _add(db, "gone")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM entries").scalar() == 2
    restore_backup(db.path, backup)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM entries").scalar() == 1
    _add(db, "written after the restore")
    assert _titles(db.path) == ["kept", "written after the restore"]
    assert sqlite3.connect(db.path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_restore_over_a_damaged_journal_keeps_the_damaged_file(db) -> None:
    _add(db, "safe")
    backup = make_backup(db.path, "manual")
    db.close()
    damaged = _scribble(db.path)
    wal = db.path.with_name(db.path.name + "-wal")
    wal.write_bytes(b"an old write-ahead log that must not be replayed")
    result = restore_backup(db.path, backup)
    assert _titles(db.path) == ["safe"]
    assert result.saved is None and result.damaged_kept is not None
    assert result.damaged_kept.read_bytes() == damaged  # never repaired, never overwritten
    assert Path(str(result.damaged_kept) + "-wal").exists()


def test_restore_into_a_missing_journal(db, tmp_path: Path) -> None:
    _add(db, "only copy")
    backup = copy_database(db.path, tmp_path / "elsewhere.sqlite3")
    target = tmp_path / "new" / "journal.sqlite3"
    result = restore_backup(target, backup)
    assert _titles(target) == ["only copy"]
    assert result.saved is None and result.damaged_kept is None


def test_a_damaged_backup_is_refused_and_nothing_changes(db, tmp_path: Path) -> None:
    _add(db, "current")
    backup = copy_database(db.path, tmp_path / "b.sqlite3")
    _scribble(backup)
    with pytest.raises(DatabaseDamaged, match="backup"):
        restore_backup(db.path, backup)
    assert _titles(db.path) == ["current"]
    assert backup_infos(db.path) == []  # refused before anything was done


@pytest.mark.parametrize(
    "content, message",
    [
        (b"just some text", "not a PLN Journal backup"),
        (None, "no such backup"),
    ],
)
def test_not_a_backup_is_refused(db, tmp_path: Path, content, message) -> None:
    path = tmp_path / "thing.sqlite3"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(StorageError, match=message):
        restore_backup(db.path, path)


def test_a_folder_or_the_journal_itself_is_refused(db, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        restore_backup(db.path, tmp_path)
    with pytest.raises(StorageError, match="the journal itself"):
        restore_backup(db.path, db.path)


def test_a_backup_from_a_newer_version_is_refused(db, tmp_path: Path) -> None:
    backup = copy_database(db.path, tmp_path / "b.sqlite3")
    conn = sqlite3.connect(backup)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        restore_backup(db.path, backup)


def test_a_backup_of_another_sqlite_database_is_refused(db, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseDamaged, match="not a PLN Journal backup"):
        restore_backup(db.path, other)


@pytest.mark.skipif(len(REVISIONS) < 2, reason="needs an older schema revision")
def test_a_backup_from_an_older_version_is_upgraded(db, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    engine = make_engine(old)
    migrate(engine, REVISIONS[0])
    engine.dispose()
    result = restore_backup(db.path, old)
    assert result.migrated_from == REVISIONS[0]
    conn = sqlite3.connect(db.path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
    conn.close()


def test_a_backup_with_another_page_size_is_converted(db, tmp_path: Path) -> None:
    _add(db, "big pages")
    backup = copy_database(db.path, tmp_path / "b.sqlite3")
    conn = sqlite3.connect(backup)
    conn.execute("PRAGMA page_size=8192")
    conn.execute("VACUUM")
    conn.close()
    _add(db, "later")
    restore_backup(db.path, backup)
    assert _titles(db.path) == ["big pages"]


def test_newest_good_backup_skips_damaged_ones(teaching_db) -> None:
    import datetime as dt

    path = teaching_db.path
    good = make_backup(path, "daily", now=dt.datetime(2026, 11, 20, 8))
    bad = make_backup(path, "daily", now=dt.datetime(2026, 11, 21, 8))
    _scribble(bad)
    found = newest_good_backup(path)
    assert found is not None and found.path == good


def test_damaged_journal_names_the_newest_sound_backup(teaching_db) -> None:
    backup = make_backup(teaching_db.path, "daily")
    teaching_db.close()
    before = _scribble(teaching_db.path)
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(teaching_db.path)
    assert str(backup) in caught.value.message and "left as it is" in caught.value.message
    assert caught.value.good_backup.path == backup
    assert teaching_db.path.read_bytes() == before


def test_verify_backup_returns_the_revision(db, tmp_path: Path) -> None:
    assert verify_backup(copy_database(db.path, tmp_path / "b.sqlite3")) == HEAD_REVISION
