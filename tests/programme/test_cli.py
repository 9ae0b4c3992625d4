"""Programme mode on the command line: the administrator's commands, and a trainee who
connects, shares and syncs, with the password never in the journal."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnjournal.core.journal.settings import set_setting
from plnjournal.programme import connection, sharing
from plnjournal.storage.db import open_database
from tests.cli.conftest import Cli
from tests.programme.cluster import Cluster
from tests.programme.conftest import Programme
from tests.storage.encrypted import MemoryKeyring


def _journal_bytes(db_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))


def test_an_administrator_sets_a_programme_up(cli: Cli, pg_cluster: Cluster) -> None:
    url = pg_cluster.create_database("cli_admin")
    assert cli("programme", "init", url, "--name", "Early career teachers", db=None).code == 0
    added = cli("programme", "add-trainee", "ana", "--name", "Ana", "--server", url, db=None)
    assert added.code == 0
    assert "One-time password: " in added.out
    assert cli("programme", "add-mentor", "maya", "--server", url, db=None).code == 0
    assert (
        "maya now mentors ana"
        in cli("programme", "assign", "maya", "ana", "--server", url, db=None).out
    )
    status = cli("programme", "status", "--json", "--server", url, db=None).json()
    assert status["programme"] == "Early career teachers"
    assert status["assignments"] == [{"mentor": "maya", "trainee": "ana"}]
    again = cli("programme", "add-trainee", "ana", "--server", url, db=None)
    assert (again.code, "already" in again.err or "exists" in again.err) == (2, True)
    assert cli("programme", "assign", "ana", "maya", "--server", url, db=None).code == 2
    assert cli("programme", "status", db=None).code == 2  # no --server


def test_a_trainee_connects_shares_and_syncs(
    cli: Cli, db_path: Path, programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = cli("add", "Calm start after lunch", "--share")
    assert shared.code == 0, shared.err
    refused = cli("add", "Private worry", "--share", "--private")
    assert refused.code == 2 and "never shared" in refused.err
    joined = cli("connect", programme.url("ana"))
    assert joined.code == 0, joined.err
    assert "asked for your password" in joined.out  # no keyring here
    assert programme.passwords["ana"].encode() not in _journal_bytes(db_path)
    monkeypatch.setenv("PGPASSWORD", programme.passwords["ana"])  # libpq's own means
    result = cli("sync", "--json")
    assert result.code == 0, result.err
    assert (result.json()["state"], result.json()["pushed"]) == ("synced", 1)
    with programme.admin() as conn:
        assert conn.execute("SELECT title FROM pln.reflections").fetchall() == [
            ("Calm start after lunch",)
        ]
    assert cli("unshare", "1").code == 0
    with programme.admin() as conn:
        assert conn.execute("SELECT count(*) FROM pln.reflections").fetchone() == (0,)


def test_sync_without_a_server_waits_quietly(cli: Cli, db_path: Path) -> None:
    assert cli("add", "Offline day", "--share").code == 0
    assert cli("sync").out.startswith("Not connected")
    db = open_database(db_path)
    with db.session() as s:
        set_setting(s, sharing.SERVER, "host=127.0.0.1 port=9 dbname=school user=ana")
    db.close()
    waited = cli("sync")
    assert waited.code == 0
    assert waited.out.startswith("Waiting to sync") and "1 change(s)" in waited.out


def test_sharing_a_private_reflection_is_refused(cli: Cli) -> None:
    assert cli("add", "Private worry", "--private").code == 0
    refused = cli("share", "1")
    assert refused.code == 2
    assert "private reflections are never shared" in refused.err


def test_the_password_goes_to_the_keyring_when_there_is_one(
    cli: Cli, db_path: Path, programme: Programme, memory_keyring: MemoryKeyring
) -> None:
    ring = memory_keyring
    joined = cli("connect", programme.url("ana"))
    assert joined.code == 0, joined.err
    assert "kept in the system's keyring" in joined.out
    assert list(ring.items.values()) == [programme.passwords["ana"]]
    assert {service for service, _ in ring.items} == {connection.KEYRING_SERVICE}
    assert programme.passwords["ana"].encode() not in _journal_bytes(db_path)
    assert cli("add", "Shared from the keyring", "--share").code == 0
    synced = cli("sync", "--json")  # no PGPASSWORD, no terminal: the keyring's password
    assert synced.json()["state"] == "synced", synced.out
    assert cli("disconnect").code == 0
    assert ring.items == {}


def test_ratings_and_avoidance_are_turned_on_and_off_from_the_command_line(
    cli: Cli, programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("skills", "import", "teaching").code == 0
    assert cli("add", "Transitions", "--skill", "CL1").code == 0
    assert cli("connect", programme.url("ana")).code == 0
    monkeypatch.setenv("PGPASSWORD", programme.passwords["ana"])
    assert cli("share").code == 2
    on = cli("share", "--ratings", "on", "--avoidance", "on")
    assert on.code == 0 and "Sent to the programme's server." in on.out, on.out + on.err
    with programme.admin() as conn:
        assert conn.execute("SELECT count(*) FROM pln.avoidance_summaries").fetchone() == (1,)
    assert cli("share", "--avoidance", "off").code == 0
    with programme.admin() as conn:
        assert conn.execute("SELECT count(*) FROM pln.avoidance_summaries").fetchone() == (0,)
