"""Setting up and running a programme's server: the schema, the people and who mentors whom.

Run by the server's administrator (a superuser, or the database's owner with CREATEROLE),
never by a trainee or a mentor. Each function is one transaction: it all happens or none of it.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql

from plnjournal.errors import InputError
from plnjournal.programme.connection import connect
from plnjournal.programme.server_schema import LATEST, STEPS, GroupRoles

KINDS = ("trainee", "mentor", "lead")
# A login name: what a person types to connect, and their PostgreSQL role.
_LOGIN = re.compile(r"^[a-z][a-z0-9_.-]{0,62}$")


@dataclass
class Status:
    """What ``programme status`` shows."""

    name: str
    version: int
    people: list[tuple[str, str, str]] = field(default_factory=list)  # login, kind, name
    assignments: list[tuple[str, str]] = field(default_factory=list)  # mentor, trainee
    shared: dict[str, int] | None = None  # table -> rows; None: not readable by this login

    def as_json(self) -> dict[str, object]:
        """Plain values for ``--json``."""
        return {
            "programme": self.name,
            "schema_version": self.version,
            "people": [{"login": p, "kind": k, "name": n} for p, k, n in self.people],
            "assignments": [{"mentor": m, "trainee": t} for m, t in self.assignments],
            "shared": self.shared,
        }


def _roles(conn: psycopg.Connection[Any]) -> GroupRoles:
    return GroupRoles.for_database(conn.info.dbname)


def _fmt(template: str, roles: GroupRoles) -> sql.Composed:
    # The template is one of our constants, never text from outside.
    return sql.SQL(template).format(
        owner=sql.Identifier(roles.owner),
        trainee=sql.Identifier(roles.trainee),
        mentor=sql.Identifier(roles.mentor),
        lead=sql.Identifier(roles.lead),
    )


def _role_exists(conn: psycopg.Connection[Any], name: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone() is not None


def _is_superuser(conn: psycopg.Connection[Any]) -> bool:
    row = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    return bool(row and row[0])


def _member_of(conn: psycopg.Connection[Any], role: str) -> bool:
    row = conn.execute("SELECT pg_has_role(current_user, %s, 'MEMBER')", (role,)).fetchone()
    return bool(row and row[0])


def _schema_version(conn: psycopg.Connection[Any]) -> int:
    if conn.execute("SELECT to_regclass('pln.schema_version')").fetchone() == (None,):
        return 0
    row = conn.execute("SELECT max(version) FROM pln.schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def init_programme(address: str, name: str, password: str | None = None) -> int:
    """Create (or bring up to date) the programme's schema, group roles and policies in the
    database ``address`` names; returns the schema version now in place."""
    with connect(address, password) as conn, conn.transaction():
        roles = _roles(conn)
        superuser = _is_superuser(conn)
        for role in (roles.owner, roles.trainee, roles.mentor, roles.lead):
            if not _role_exists(conn, role):
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
        if not superuser:  # PostgreSQL 15: a CREATEROLE admin must join a role to act as it
            conn.execute(sql.SQL("GRANT {} TO current_user").format(sql.Identifier(roles.owner)))
        db = sql.Identifier(conn.info.dbname)
        conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db))
        conn.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}, {}, {}").format(
                db, *(sql.Identifier(r) for r in (roles.trainee, roles.mentor, roles.lead))
            )
        )
        conn.execute(
            sql.SQL("CREATE SCHEMA IF NOT EXISTS pln AUTHORIZATION {}").format(
                sql.Identifier(roles.owner)
            )
        )
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
        have = _schema_version(conn)
        for version, template in STEPS:
            if version > have:
                conn.execute(_fmt(template, roles))
                conn.execute("INSERT INTO pln.schema_version (version) VALUES (%s)", (version,))
        conn.execute(
            "INSERT INTO pln.programme (name) VALUES (%s) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            (name,),
        )
    return LATEST


def _check_login(login: str) -> str:
    if not _LOGIN.match(login):
        raise InputError(
            f"login {login!r}: use lower-case letters, digits, '.', '-' or '_', starting with a "
            "letter (at most 63)"
        )
    return login


def add_person(
    address: str,
    kind: str,
    login: str,
    display_name: str = "",
    *,
    existing_role: bool = False,
    password: str | None = None,
) -> str | None:
    """Add a trainee, mentor or lead; returns the new login's one-time password (None with
    ``existing_role``: the person keeps the login they have)."""
    if kind not in KINDS:
        raise InputError(f"kind {kind!r}: one of {', '.join(KINDS)}")
    _check_login(login)
    new_password = None
    with connect(address, password) as conn, conn.transaction():
        roles = _roles(conn)
        role = sql.Identifier(login)
        exists = _role_exists(conn, login)
        if existing_role and not exists:
            raise InputError(f"{login}: no such login on the server (nothing was added)")
        if not existing_role:
            if exists:
                raise InputError(
                    f"{login}: a login of that name exists on the server; add it with "
                    "--existing-role, or choose another name (nothing was added)"
                )
            new_password = secrets.token_urlsafe(15)
            # The SCRAM verifier is computed here: the password itself never reaches the
            # server, nor its log.
            verifier = conn.pgconn.encrypt_password(
                new_password.encode(), login.encode(), b"scram-sha-256"
            ).decode()
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(role, sql.Literal(verifier))
            )
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(roles.kind_role(kind)), role))
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
        try:
            conn.execute(
                "INSERT INTO pln.people (role_name, kind, display_name, own_role) "
                "VALUES (%s, %s, %s, %s)",
                (login, kind, display_name.strip() or login, not existing_role),
            )
        except psycopg.errors.UniqueViolation:
            raise InputError(f"{login} is already in the programme (nothing was added)") from None
    return new_password


def _kind_of(conn: psycopg.Connection[Any], login: str) -> str:
    row = conn.execute("SELECT kind FROM pln.people WHERE role_name = %s", (login,)).fetchone()
    if row is None:
        raise InputError(f"{login}: not in the programme (see 'plnjournal programme status')")
    return str(row[0])


def assign(address: str, mentor: str, trainee: str, password: str | None = None) -> bool:
    """Make ``mentor`` a mentor of ``trainee``; False when they already were."""
    with connect(address, password) as conn, conn.transaction():
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(_roles(conn).owner)))
        if _kind_of(conn, mentor) != "mentor":
            raise InputError(f"{mentor} is not a mentor (nothing was changed)")
        if _kind_of(conn, trainee) != "trainee":
            raise InputError(f"{trainee} is not a trainee (nothing was changed)")
        cur = conn.execute(
            "INSERT INTO pln.assignments (mentor, trainee) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            (mentor, trainee),
        )
        return cur.rowcount == 1


def unassign(address: str, mentor: str, trainee: str, password: str | None = None) -> bool:
    """``mentor`` no longer mentors ``trainee`` (what they wrote stays); False if they did not."""
    with connect(address, password) as conn, conn.transaction():
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(_roles(conn).owner)))
        cur = conn.execute(
            "DELETE FROM pln.assignments WHERE mentor = %s AND trainee = %s", (mentor, trainee)
        )
        return cur.rowcount == 1


def remove_person(address: str, login: str, password: str | None = None) -> bool:
    """Take a person out of the programme with everything they shared (and, for a trainee,
    what mentors wrote to them); their login is dropped when the programme made it.
    Returns whether the login was dropped."""
    with connect(address, password) as conn, conn.transaction():
        roles = _roles(conn)
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
        kind = _kind_of(conn, login)
        row = conn.execute(
            "DELETE FROM pln.people WHERE role_name = %s RETURNING own_role", (login,)
        ).fetchone()
        conn.execute("RESET ROLE")
        role = sql.Identifier(login)
        conn.execute(
            sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(roles.kind_role(kind)), role)
        )
        if row is not None and row[0]:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(role))
            return True
    return False


def status(address: str, password: str | None = None) -> Status:
    """The programme's people and assignments, and how much is shared (when this login may
    read it: the server's superuser or a lead)."""
    with connect(address, password) as conn, conn.transaction():
        if _schema_version(conn) == 0:
            raise InputError(
                f"no programme in database {conn.info.dbname}; run 'plnjournal programme init'"
            )
        roles = _roles(conn)
        row = conn.execute("SELECT name FROM pln.programme").fetchone()
        result = Status(name=str(row[0]) if row else "", version=_schema_version(conn))
        may_read = _is_superuser(conn) or _member_of(conn, roles.lead)
        if may_read:
            result.shared = {
                table: int(
                    conn.execute(
                        sql.SQL("SELECT count(*) FROM pln.{}").format(sql.Identifier(table))
                    ).fetchone()[0]  # type: ignore[index]
                )
                for table in (
                    "reflections",
                    "self_ratings",
                    "feedback_requests",
                    "feedback_items",
                    "comments",
                    "sign_offs",
                )
            }
        if not _is_superuser(conn) and _member_of(conn, roles.owner):
            conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
        result.people = [
            (str(r[0]), str(r[1]), str(r[2]))
            for r in conn.execute(
                "SELECT role_name, kind, display_name FROM pln.people ORDER BY kind, role_name"
            )
        ]
        result.assignments = [
            (str(m), str(t))
            for m, t in conn.execute(
                "SELECT mentor, trainee FROM pln.assignments ORDER BY mentor, trainee"
            )
        ]
    return result
