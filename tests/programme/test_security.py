"""Row-level security, proven with hand-written SQL through each person's own login: what a
trainee, a mentor and the lead can read and write on the programme's server."""

from __future__ import annotations

import datetime as dt
import uuid

import psycopg
import pytest

from plnjournal.programme import admin
from plnjournal.programme.server_schema import GroupRoles
from tests.programme.conftest import Programme

TODAY = dt.date(2026, 11, 28)


def _share(prog: Programme, who: str, title: str) -> str:
    """``who`` shares a reflection through their own connection; its uuid."""
    key = str(uuid.uuid4())
    with prog.connect(who) as conn:
        conn.execute(
            "INSERT INTO pln.reflections (uuid, version, title, body, entry_date) "
            "VALUES (%s, 1, %s, 'text', %s)",
            (key, title, TODAY),
        )
    return key


def _titles(prog: Programme, who: str) -> set[str]:
    with prog.connect(who) as conn:
        return {r[0] for r in conn.execute("SELECT title FROM pln.reflections")}


def test_a_trainee_reads_and_writes_only_their_own_rows(programme: Programme) -> None:
    _share(programme, "ana", "Ana's lesson")
    ben_key = _share(programme, "ben", "Ben's lesson")
    assert _titles(programme, "ana") == {"Ana's lesson"}
    assert _titles(programme, "ben") == {"Ben's lesson"}
    with programme.connect("ana") as conn:
        # Ben's row is invisible to her: updating or deleting it touches nothing.
        assert conn.execute("UPDATE pln.reflections SET title = 'x' WHERE uuid = %s", (ben_key,))
        assert conn.execute("DELETE FROM pln.reflections WHERE uuid = %s", (ben_key,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO pln.reflections (uuid, version, trainee, title, entry_date) "
                "VALUES (gen_random_uuid(), 1, %s, 'as Ben', %s)",
                (programme.logins["ben"], TODAY),
            )
    assert _titles(programme, "ben") == {"Ben's lesson"}


def test_a_trainee_cannot_write_feedback_or_read_another_trainees_feedback(
    programme: Programme,
) -> None:
    ana, ben = programme.logins["ana"], programme.logins["ben"]
    with programme.connect("maya") as conn:
        conn.execute(
            "INSERT INTO pln.feedback_items (trainee, skill_code, rating, comment) "
            "VALUES (%s, 'CL1', 3, 'For Ana')",
            (ana,),
        )
    with programme.connect("mo") as conn:
        conn.execute(
            "INSERT INTO pln.feedback_items (trainee, skill_code, rating, comment) "
            "VALUES (%s, 'CL1', 2, 'For Ben')",
            (ben,),
        )
    with programme.connect("ana") as conn:
        seen = [r[0] for r in conn.execute("SELECT comment FROM pln.feedback_items")]
        assert seen == ["For Ana"]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO pln.feedback_items (trainee, mentor, skill_code, rating) "
                "VALUES (%s, %s, 'CL1', 5)",
                (ana, programme.logins["maya"]),
            )
    with programme.connect("ana") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("INSERT INTO pln.sign_offs (trainee, skill_code, level, statement) "
                     "VALUES (%s, 'CL1', 5, 'me')", (ana,))  # fmt: skip


def test_a_mentor_reads_only_their_trainees_rows(programme: Programme) -> None:
    _share(programme, "ana", "Ana's lesson")
    _share(programme, "ben", "Ben's lesson")
    assert _titles(programme, "maya") == {"Ana's lesson"}
    assert _titles(programme, "mo") == {"Ben's lesson"}
    with programme.connect("maya") as conn:
        # Not even by naming Ben's rows outright, nor in the other tables he writes to.
        rows = conn.execute(
            "SELECT count(*) FROM pln.reflections WHERE trainee = %s", (programme.logins["ben"],)
        ).fetchone()
        assert rows == (0,)
        people = {r[0] for r in conn.execute("SELECT role_name FROM pln.people")}
        assert people == {programme.logins["maya"], programme.logins["ana"]}
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO pln.reflections (uuid, version, trainee, title, entry_date) "
                "VALUES (gen_random_uuid(), 1, %s, 'forged', %s)",
                (programme.logins["ana"], TODAY),
            )


def test_a_mentor_cannot_sign_off_or_write_feedback_for_an_unassigned_trainee(
    programme: Programme,
) -> None:
    ben = programme.logins["ben"]
    with (
        programme.connect("maya") as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"),
    ):
        conn.execute(
            "INSERT INTO pln.sign_offs (trainee, skill_code, level, statement) "
            "VALUES (%s, 'CL1', 4, 'Signed')",
            (ben,),
        )
    with (
        programme.connect("maya") as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"),
    ):
        conn.execute(
            "INSERT INTO pln.feedback_items (trainee, skill_code, rating) VALUES (%s, 'CL1', 2)",
            (ben,),
        )
    # Nor in another mentor's name for her own trainee.
    with (
        programme.connect("maya") as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"),
    ):
        conn.execute(
            "INSERT INTO pln.sign_offs (trainee, mentor, skill_code, level, statement) "
            "VALUES (%s, %s, 'CL1', 4, 'Signed')",
            (programme.logins["ana"], programme.logins["mo"]),
        )
    with programme.admin() as conn:
        assert conn.execute("SELECT count(*) FROM pln.sign_offs").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM pln.feedback_items").fetchone() == (0,)


def test_a_mentor_signs_off_and_comments_for_their_own_trainee(programme: Programme) -> None:
    key = _share(programme, "ana", "Ana's lesson")
    ana = programme.logins["ana"]
    with programme.connect("maya") as conn:
        conn.execute(
            "INSERT INTO pln.sign_offs (trainee, skill_code, level, statement) "
            "VALUES (%s, 'CL1', 4, 'Consistently calm transitions')",
            (ana,),
        )
        conn.execute(
            "INSERT INTO pln.comments (trainee, reflection_uuid, reflection_version, body) "
            "VALUES (%s, %s, 1, 'Good noticing')",
            (ana, key),
        )
    with (
        programme.connect("maya") as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):  # not a shared reflection
        conn.execute(
            "INSERT INTO pln.comments (trainee, reflection_uuid, reflection_version, body) "
            "VALUES (%s, gen_random_uuid(), 1, 'On nothing')",
            (ana,),
        )
    with programme.connect("ana") as conn:
        assert conn.execute("SELECT mentor, level FROM pln.sign_offs").fetchall() == [
            (programme.logins["maya"], 4)
        ]
        assert conn.execute("SELECT body FROM pln.comments").fetchall() == [("Good noticing",)]


def test_the_lead_reads_the_programme_and_writes_nothing(programme: Programme) -> None:
    _share(programme, "ana", "Ana's lesson")
    _share(programme, "ben", "Ben's lesson")
    assert _titles(programme, "lee") == {"Ana's lesson", "Ben's lesson"}
    with programme.connect("lee") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("DELETE FROM pln.reflections")


def test_unassigning_a_mentor_ends_their_access(programme: Programme) -> None:
    _share(programme, "ana", "Ana's lesson")
    admin.unassign(programme.admin_url, programme.logins["maya"], programme.logins["ana"])
    assert _titles(programme, "maya") == set()


def test_no_table_is_owned_by_a_login_and_every_table_forces_row_level_security(
    programme: Programme,
) -> None:
    roles = GroupRoles.for_database(programme.dbname)
    with programme.admin() as conn:
        rows = conn.execute(
            "SELECT c.relname, r.rolname, r.rolcanlogin, c.relrowsecurity, c.relforcerowsecurity "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_roles r ON r.oid = c.relowner WHERE n.nspname = 'pln' AND c.relkind = 'r'"
        ).fetchall()
        public = conn.execute(
            "SELECT has_database_privilege('public', current_database(), 'CONNECT')"
        ).fetchone()
    assert len(rows) == 13
    for table, owner, can_login, rls, forced in rows:
        assert (owner, can_login, rls, forced) == (roles.owner, False, True, True), table
    assert public == (False,)


def test_a_stranger_login_cannot_even_connect(programme: Programme) -> None:
    with programme.admin() as conn:
        conn.execute("CREATE ROLE stranger LOGIN PASSWORD 'stranger-pw'")
        conn.commit()
    url = programme.cluster.url(programme.dbname, "stranger") + " password=stranger-pw"
    with pytest.raises(psycopg.OperationalError, match="permission denied"):
        psycopg.connect(url)


def test_removing_a_trainee_removes_what_they_shared_and_their_login(
    programme: Programme,
) -> None:
    _share(programme, "ana", "Ana's lesson")
    assert admin.remove_person(programme.admin_url, programme.logins["ana"])
    with programme.admin() as conn:
        assert conn.execute("SELECT count(*) FROM pln.reflections").fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM pg_roles WHERE rolname = %s", (programme.logins["ana"],)
        ).fetchone() == (0,)


def test_the_password_is_stored_as_scram_only(programme: Programme) -> None:
    with programme.admin() as conn:
        (verifier,) = conn.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (programme.logins["ana"],)
        ).fetchone()
    assert verifier.startswith("SCRAM-SHA-256$")
    assert programme.passwords["ana"] not in verifier


def test_the_lead_reads_the_status(programme: Programme) -> None:
    status = admin.status(programme.url("lee"))
    assert len(status.people) == 5
    assert status.shared is not None and status.shared["reflections"] == 0
    # A trainee's status shows only themselves and their mentor, and no counts.
    mine = admin.status(programme.url("ana"))
    assert {p for p, _, _ in mine.people} == {programme.logins["ana"], programme.logins["maya"]}
    assert mine.shared is None


def test_init_again_changes_nothing_and_keeps_the_data(programme: Programme) -> None:
    _share(programme, "ana", "Ana's lesson")
    assert admin.init_programme(programme.admin_url, "Renamed") == 1
    assert _titles(programme, "maya") == {"Ana's lesson"}
    assert admin.status(programme.admin_url).name == "Renamed"
