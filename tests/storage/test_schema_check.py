"""Journals and backups from elsewhere: a schema PLN Journal did not make is refused, with what
was found, by restore and by every open (issue 18, finding 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnjournal.errors import DatabaseDamaged
from plnjournal.storage import schema
from plnjournal.storage.backup import copy_database, make_backup
from plnjournal.storage.backup_check import verify_backup
from plnjournal.storage.db import REVISIONS, make_engine, migrate, open_database
from plnjournal.storage.restore import restore_backup
from plnjournal.storage.schema_expected import SCHEMAS
from tests.storage.foreign import HOSTILE, PUBLISHING_TRIGGER, tamper
from tests.storage.schema_snapshot import snapshot


@pytest.fixture
def backup_of(teaching_copy, tmp_path: Path):
    """A backup of a small journal, changed by ``sql`` with plain SQLite."""
    teaching_copy.close()

    def make(sql: str, name: str = "hostile.sqlite3") -> Path:
        dest = copy_database(teaching_copy.path, tmp_path / name)
        return tamper(dest, sql)

    return make


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_backup_with_foreign_schema_objects_is_refused(backup_of, kind: str) -> None:
    sql, found = HOSTILE[kind]
    backup = backup_of(sql)
    with pytest.raises(DatabaseDamaged, match=found) as info:
        verify_backup(backup)
    assert "\n" not in info.value.message


def test_a_foreign_journal_can_be_replaced_by_restoring_a_sound_backup(teaching_copy) -> None:
    """A journal changed by another program is kept aside like a damaged one."""
    backup = make_backup(teaching_copy.path, "manual")
    teaching_copy.close()
    tamper(teaching_copy.path, PUBLISHING_TRIGGER)
    with pytest.raises(DatabaseDamaged, match="restore it|newest sound backup"):
        open_database(teaching_copy.path)
    result = restore_backup(teaching_copy.path, backup)
    assert result.damaged_kept is not None
    open_database(teaching_copy.path).close()


@pytest.mark.parametrize("revision", REVISIONS)
def test_our_journals_of_every_revision_open_and_restore(tmp_path: Path, revision: str) -> None:
    old = tmp_path / f"at-{revision}.sqlite3"
    engine = make_engine(old)
    migrate(engine, revision)
    engine.dispose()
    assert verify_backup(old) == revision
    live = tmp_path / "live.sqlite3"
    open_database(live).close()
    restore_backup(live, old)
    open_database(live).close()
    open_database(old).close()  # upgraded in place, then opened again at head
    open_database(old).close()


def test_the_expected_schemas_are_what_the_migrations_make(tmp_path: Path) -> None:
    """plnjournal/storage/schema_expected.py is generated: python -m tests.storage.schema_snapshot"""
    want = {revision: set(objects) for revision, objects in snapshot(tmp_path).items()}
    assert want == {revision: set(objects) for revision, objects in SCHEMAS.items()}, (
        "run: python -m tests.storage.schema_snapshot"
    )


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TABLE x (a)",
        'create   table\n"x"\t(  a  )',
        "CREATE TABLE `x` (a) -- a comment",
        "CREATE TABLE [x] /* c */ (a)",
        "CREATE TABLE IF NOT EXISTS x (a)",
    ],
)
def test_spelling_alone_is_not_a_change(sql: str) -> None:
    assert schema.normalized(sql) == schema.normalized("CREATE TABLE x (a)")


@pytest.mark.parametrize(
    "sql",
    ["CREATE TABLE x (a, b)", "CREATE TABLE x (a DEFAULT 'A')", "CREATE TABLE x ('a')"],
)
def test_a_real_change_is_seen(sql: str) -> None:
    assert schema.normalized(sql) != schema.normalized("CREATE TABLE x (a)")


def test_hostile_names_are_shown_on_one_short_line(backup_of) -> None:
    backup = backup_of('CREATE TABLE "evil\nname\x1b]0;x\x07' + "y" * 500 + '" (a)')
    with pytest.raises(DatabaseDamaged) as info:
        verify_backup(backup)
    message = info.value.message
    assert "\n" not in message and "\x1b" not in message and len(message) < 400


def test_a_schema_that_is_not_text_is_one_clear_line(teaching_copy, tmp_path: Path) -> None:
    """SQLite's message about a damaged schema quotes its bytes (found by bench/fuzz_backup.py)."""
    teaching_copy.close()
    path = copy_database(teaching_copy.path, tmp_path / "bytes.sqlite3")
    data = path.read_bytes()
    # The index's name in its sqlite_master record (name, then table name), not in its SQL.
    at = data.index(b"ix_entry_tags_tagentry_tags")
    path.write_bytes(data[:at] + b"\x99" + data[at + 1 :])  # the same length: pages stay put
    with pytest.raises(DatabaseDamaged, match="the backup cannot be read") as info:
        verify_backup(path)
    assert "\n" not in info.value.message
    with pytest.raises(DatabaseDamaged, match="damaged"):
        open_database(path, create=False)


def test_sqlites_own_statistics_are_not_foreign(tmp_path) -> None:
    """ANALYZE (or PRAGMA optimize) makes sqlite_stat1: SQLite's numbers, not an object a
    file from someone else could use, so a journal with them still opens."""
    import sqlite3

    from plnjournal.storage.db import open_database

    path = tmp_path / "j.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("ANALYZE")
        assert conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).fetchone()[0]
    open_database(path).close()
