"""Fixtures of the programme tests: one PostgreSQL cluster per run, a fresh programme database
per test with two trainees, two mentors and a lead, each a real SCRAM login."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

psycopg = pytest.importorskip("psycopg", reason="psycopg (plnjournal[programme]) not installed")

import keyring  # noqa: E402
from keyring.backends import fail  # noqa: E402

from plnjournal.programme import admin  # noqa: E402
from tests.cli.conftest import cli  # noqa: E402, F401  (the in-process command line)
from tests.gui.conftest import make_window  # noqa: E402, F401  (the window on a journal)
from tests.programme.cluster import Cluster, postgres_bin, running_cluster  # noqa: E402
from tests.storage.encrypted import memory_keyring  # noqa: E402, F401  (an in-memory keyring)

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_os_keyring() -> Iterator[None]:
    """No test touches the OS keyring (the one that proves the keyring path brings its own):
    the journal is asked for its password each time, as on a computer without one."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The run's cluster; the tests skip (fail on CI: PLNJOURNAL_REQUIRE_POSTGRES) without
    PostgreSQL's programs."""
    if postgres_bin() is None:
        reason = "PostgreSQL (initdb, postgres) is not installed: apt-get install postgresql"
        if os.environ.get("PLNJOURNAL_REQUIRE_POSTGRES"):
            pytest.fail(reason)
        pytest.skip(reason)
    with running_cluster() as cluster:
        yield cluster


@dataclass
class Programme:
    """A programme database with its people: ``url(login)`` connects as one of them."""

    cluster: Cluster
    dbname: str
    admin_url: str
    logins: dict[str, str] = field(default_factory=dict)  # ana -> ana3
    passwords: dict[str, str] = field(default_factory=dict)  # ana -> her one-time password

    def url(self, who: str) -> str:
        """The conninfo of ``who`` (ana, ben, maya, mo, lee) with their password."""
        return self.address(who) + f" password={self.passwords[who]}"

    def address(self, who: str) -> str:
        """The conninfo of ``who`` without the password (what ``connect`` stores)."""
        return self.cluster.url(self.dbname, self.logins[who])

    def connect(self, who: str) -> psycopg.Connection:
        """A connection as ``who``: their own SCRAM login, subject to row-level security."""
        return psycopg.connect(self.url(who))

    def admin(self) -> psycopg.Connection:
        """The server's superuser (bypasses row-level security: for checking what is stored)."""
        return psycopg.connect(self.admin_url)


@pytest.fixture
def programme(pg_cluster: Cluster) -> Programme:
    """A fresh programme: trainees ana and ben, mentors maya (ana's) and mo (ben's), lead lee."""
    n = next(_numbers)
    dbname = f"prog{n}"
    url = pg_cluster.create_database(dbname)
    admin.init_programme(url, f"Programme {n}")
    prog = Programme(pg_cluster, dbname, url)
    for kind, who, name in (
        ("trainee", "ana", "Ana Lopez"),
        ("trainee", "ben", "Ben Carter"),
        ("mentor", "maya", "Ms Okafor"),
        ("mentor", "mo", "Mr Osei"),
        ("lead", "lee", "Dr Lee"),
    ):
        prog.logins[who] = f"{who}{n}"
        password = admin.add_person(url, kind, prog.logins[who], name)
        assert password is not None
        prog.passwords[who] = password
    admin.assign(url, prog.logins["maya"], prog.logins["ana"])
    admin.assign(url, prog.logins["mo"], prog.logins["ben"])
    return prog
