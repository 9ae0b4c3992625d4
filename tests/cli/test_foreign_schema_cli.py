"""Foreign schema objects through the command line: restore refuses them, --db does not open
them, one line each, nothing changed (issue 18, finding 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnjournal.errors import DatabaseDamaged
from plnjournal.storage.backup import copy_database
from plnjournal.storage.db import open_database
from tests.cli.conftest import Cli
from tests.storage.foreign import HOSTILE, PUBLISHING_TRIGGER, private_count, tamper


@pytest.fixture
def backup_of(teaching_copy, tmp_path: Path):
    """A backup of a small journal, changed by ``sql`` with plain SQLite."""
    teaching_copy.close()

    def make(sql: str, name: str = "hostile.sqlite3") -> Path:
        return tamper(copy_database(teaching_copy.path, tmp_path / name), sql)

    return make


def test_restore_of_the_publishing_trigger_changes_nothing(
    cli: Cli, teaching_copy, tmp_path: Path
) -> None:
    path = teaching_copy.path
    teaching_copy.close()
    backup = tamper(copy_database(path, tmp_path / "from-a-friend.sqlite3"), PUBLISHING_TRIGGER)
    before = path.read_bytes()
    r = cli("restore", str(backup), "--yes", db=path)
    assert r.code == 1, r.err
    assert "has a trigger 'publish_private' that PLN Journal does not make; not restored" in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert path.read_bytes() == before
    assert not list((path.parent / "backups").glob("*before-restore*"))
    # The trigger never reached the journal: a private reflection stays private.
    assert cli("add", "--private", "Just for me.", db=path).code == 0
    assert private_count(path) == 1


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_foreign_journal_given_with_db_is_not_opened(cli: Cli, backup_of, kind: str) -> None:
    sql, found = HOSTILE[kind]
    path = backup_of(sql, "journal-from-elsewhere.sqlite3")
    before = path.read_bytes()
    for args in (["stats"], ["search", "lesson"], ["add", "--private", "x"], ["backup"]):
        r = cli(*args, db=path)
        assert r.code == 1 and found in r.err, (args, r.err)
        assert len(r.err.strip().splitlines()) == 1, r.err
    assert path.read_bytes() == before
    with pytest.raises(DatabaseDamaged, match=found):
        open_database(path).close()
