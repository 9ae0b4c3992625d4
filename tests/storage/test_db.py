"""Opening the journal file: pragmas, refusals with clear messages, nothing damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from plnjournal.errors import DatabaseDamaged, DatabaseTooNew, StorageError
from plnjournal.storage.db import HEAD_REVISION, REVISIONS, open_database


def test_new_journal_is_at_head_with_durable_settings(db) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert (
            conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            == HEAD_REVISION
        )


def test_revisions_match_the_alembic_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option(
        "script_location", str(Path(__file__).parents[2] / "plnjournal/storage/migrations")
    )
    script = ScriptDirectory.from_config(cfg)
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == REVISIONS


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        open_database(tmp_path)


def test_file_that_is_not_a_database_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("my precious notes\n")
    with pytest.raises(DatabaseDamaged, match="not a PLN Journal database"):
        open_database(path)
    assert path.read_text() == "my precious notes\n"


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseDamaged, match="not a PLN Journal database"):
        open_database(path)


def test_newer_version_is_refused_and_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_damaged_file_is_refused_not_repaired(db_path: Path, teaching_db) -> None:
    teaching_db.close()
    data = bytearray(db_path.read_bytes())
    # Scribble over the pages after the header: the file still looks like SQLite.
    for i in range(4096, min(len(data), 4096 * 6)):
        data[i] = 0xA5
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged):
        open_database(db_path)
    assert db_path.read_bytes() == bytes(data)


def test_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "journal.sqlite3"
    open_database(path).close()
    assert path.exists()
