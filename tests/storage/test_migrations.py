"""Every earlier schema revision upgrades to head with its data intact, after a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from plnjournal.core.journal.search import search
from plnjournal.storage.backup import list_backups as backup_files
from plnjournal.storage.db import HEAD_REVISION, REVISIONS, make_engine, migrate, open_database
from plnjournal.storage.dialect import raw_connection


def _fill_at(path: Path) -> None:
    """Data written with plain SQL, as a journal at an old revision would hold it."""
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        INSERT INTO frameworks (id, name, description, active, created_at)
            VALUES (1, 'Old framework', '', 1, '2024-01-01 00:00:00');
        INSERT INTO scale_levels (framework_id, level, label) VALUES (1, 1, 'Novice'), (1, 5, 'Expert');
        INSERT INTO areas (id, framework_id, name, description, position, archived)
            VALUES (1, 1, 'Classroom', '', 0, 0);
        INSERT INTO skills (id, framework_id, area_id, code, name, description, target_level,
                            position, archived)
            VALUES (1, 1, 1, 'CL1', 'Transitions', '', 3, 0, 0);
        INSERT INTO entries (id, entry_date, title, body, created_at, updated_at, private,
                             highlight, source)
            VALUES (1, '2024-03-01', 'Wobbly transitions', 'The lesson changeover was chaotic.',
                    '2024-03-01 18:00:00', '2024-03-01 18:00:00', 0, 0, 'app');
        INSERT INTO entry_skills (entry_id, skill_id, self_rating) VALUES (1, 1, 2);
        """
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("old", REVISIONS[:-1])
def test_upgrade_from_each_earlier_revision(tmp_path: Path, old: str) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    migrate(engine, old)
    engine.dispose()
    _fill_at(path)

    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert (
                conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                == HEAD_REVISION
            )
            assert conn.exec_driver_sql("SELECT title, body FROM entries").one() == (
                "Wobbly transitions",
                "The lesson changeover was chaotic.",
            )
            assert conn.exec_driver_sql("SELECT self_rating FROM entry_skills").scalar() == 2
        with db.session() as s:
            hits = search(raw_connection(s), "changeover")
        assert [h.entry_id for h in hits] == [1]
    finally:
        db.close()
    backups = backup_files(path)
    assert len(backups) == 1 and f"from-{old}" in backups[0].name
    conn = sqlite3.connect(backups[0])
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    conn.close()


def test_opening_a_current_journal_makes_no_backup(db_path: Path) -> None:
    open_database(db_path).close()
    open_database(db_path).close()
    assert backup_files(db_path) == []
