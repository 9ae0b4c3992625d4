"""A trainee's sync with their programme's server: push the outbox, pull what mentors wrote.

Idempotent: every shared row has a UUID (and a version) and is upserted; every pulled item
goes through the feedback import, whose fingerprints never let an item in twice, and every
comment is keyed by its server UUID. Resumable: an outbox row leaves the journal only after
the server committed it, so a sync killed at any point sends it again, harmlessly. Offline
first: a server that cannot be reached, or goes away mid-sync, leaves the journal as it was
and the sync reports that it is waiting.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import psycopg
from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from plnjournal.core.feedback.importer import ImportOptions, Source, apply_import, plan_sources
from plnjournal.core.journal.settings import get_setting, set_setting
from plnjournal.programme import sharing
from plnjournal.programme.connection import Offline, connect, stored_password
from plnjournal.storage.db import Database
from plnjournal.storage.models import OutboxItem, ProgrammeComment, SharedItem, utcnow

# Items written while a sync was reading may carry an earlier server time than the newest
# one it saw; each pull reads again this far back (fingerprints drop what it already has).
PULL_OVERLAP = dt.timedelta(hours=1)


class PullRefused(Exception):
    """What mentors wrote could not be imported (the journal is unchanged; said each sync)."""


@dataclass
class SyncResult:
    """What a sync did, or why it is waiting."""

    state: str = "synced"  # synced, waiting, refused, not connected
    reason: str = ""
    pushed: int = 0
    withdrawn: int = 0
    new_versions: list[int] = field(default_factory=list)
    unshared: list[int] = field(default_factory=list)  # made private or deleted since
    feedback: int = 0  # mentors' feedback items and sign-offs new in the journal
    comments: int = 0
    duplicates: int = 0
    waiting: int = 0  # changes still in the outbox

    def as_json(self) -> dict[str, object]:
        """Plain values for ``sync --json``."""
        return dict(self.__dict__)


def _server_now(conn: psycopg.Connection[Any]) -> dt.datetime:
    row = conn.execute("SELECT now()").fetchone()
    assert row is not None
    return row[0]  # type: ignore[no-any-return]


# --- push -------------------------------------------------------------------------------

_PUT = {
    sharing.REFLECTION: (
        "INSERT INTO pln.reflections (uuid, version, title, body, entry_date, skills, "
        "depth_level, answers) VALUES (%(uuid)s, %(version)s, %(title)s, %(body)s, "
        "%(entry_date)s, %(skills)s, %(depth_level)s, %(answers)s::uuid[]) "
        "ON CONFLICT (uuid, version) DO UPDATE SET title = excluded.title, body = excluded.body, "
        "entry_date = excluded.entry_date, skills = excluded.skills, "
        "depth_level = excluded.depth_level, answers = excluded.answers"
    ),
    sharing.SELF_RATING: (
        "INSERT INTO pln.self_ratings (uuid, skill_code, skill_name, level, rated_on) "
        "VALUES (%(uuid)s, %(skill_code)s, %(skill_name)s, %(level)s, %(rated_on)s) "
        "ON CONFLICT (uuid) DO UPDATE SET skill_code = excluded.skill_code, "
        "skill_name = excluded.skill_name, level = excluded.level, rated_on = excluded.rated_on"
    ),
    sharing.AVOIDANCE: (
        "INSERT INTO pln.avoidance_summaries (skills) VALUES (%(skills)s) "
        "ON CONFLICT (trainee) DO UPDATE SET skills = excluded.skills, updated_at = now()"
    ),
    sharing.FRAMEWORK: (
        "INSERT INTO pln.frameworks (name, scale, skills) VALUES (%(name)s, %(scale)s, "
        "%(skills)s) ON CONFLICT (trainee) DO UPDATE SET name = excluded.name, "
        "scale = excluded.scale, skills = excluded.skills, updated_at = now()"
    ),
    sharing.REQUEST: (
        "INSERT INTO pln.feedback_requests (uuid, mentor_name, skills, requested_on) "
        "VALUES (%(uuid)s, %(mentor_name)s, %(skills)s, %(requested_on)s) "
        "ON CONFLICT (uuid) DO UPDATE SET mentor_name = excluded.mentor_name, "
        "skills = excluded.skills, requested_on = excluded.requested_on"
    ),
}
_DELETE = {
    sharing.REFLECTION: "DELETE FROM pln.reflections WHERE uuid = %(uuid)s",
    sharing.SELF_RATING: "DELETE FROM pln.self_ratings WHERE uuid = %(uuid)s",
    sharing.AVOIDANCE: "DELETE FROM pln.avoidance_summaries WHERE trainee = current_user",
    sharing.REQUEST: "DELETE FROM pln.feedback_requests WHERE uuid = %(uuid)s",
    sharing.FRAMEWORK: "DELETE FROM pln.frameworks WHERE trainee = current_user",
}
_JSON_FIELDS = ("skills", "scale")


def _params(item: OutboxItem) -> dict[str, object]:
    params: dict[str, object] = json.loads(item.payload)
    for key in _JSON_FIELDS:
        if key in params:
            params[key] = psycopg.types.json.Jsonb(params[key])
    params.update(uuid=item.uuid, version=item.version)
    return params


def push(db: Database, conn: psycopg.Connection[Any]) -> tuple[int, int]:
    """Send the outbox in one server transaction, then empty what was sent; (put, deleted)."""
    with db.session() as session:
        todo = [(i.id, i.action, i.kind, _params(i)) for i in sharing.outbox(session)]
    if not todo:
        return 0, 0
    with conn.transaction():
        for _, action, kind, params in todo:
            conn.execute(_PUT[kind] if action == "put" else _DELETE[kind], params)
    # The server has them now; a kill before this line sends them again, harmlessly.
    with db.session() as session:
        sharing.sent(session, [i for i, *_ in todo])
    puts = sum(1 for _, action, *_ in todo if action == "put")
    return puts, len(todo) - puts


# --- pull -------------------------------------------------------------------------------

_FEEDBACK = """
SELECT f.uuid::text, 'feedback', f.skill_code, f.skill_name, f.rating, f.comment, f.given_on,
       coalesce(p.display_name, f.mentor), f.written_at
FROM pln.feedback_items f LEFT JOIN pln.people p ON p.role_name = f.mentor
WHERE f.trainee = current_user AND f.written_at > %(since)s
UNION ALL
SELECT s.uuid::text, 'sign-off', s.skill_code, s.skill_name, s.level, s.statement, s.signed_on,
       coalesce(p.display_name, s.mentor), s.written_at
FROM pln.sign_offs s LEFT JOIN pln.people p ON p.role_name = s.mentor
WHERE s.trainee = current_user AND s.written_at > %(since)s
"""
_COMMENTS = """
SELECT c.uuid::text, c.reflection_uuid::text, c.reflection_version, c.skill_code, c.body,
       coalesce(p.display_name, c.mentor), c.written_at, c.written_at::date
FROM pln.comments c LEFT JOIN pln.people p ON p.role_name = c.mentor
WHERE c.trainee = current_user AND c.written_at > %(since)s
"""


@dataclass
class Pulled:
    """What the server had for the trainee since the last pull, read before anything is
    written, so a server lost mid-pull leaves the journal as it was."""

    items: list[dict[str, object]]
    comments: list[tuple[Any, ...]]
    newest: dt.datetime | None


def fetch(conn: psycopg.Connection[Any], since: dt.datetime | None) -> Pulled:
    """Read the mentors' items and comments written after ``since`` (minus the overlap)."""
    start = (since - PULL_OVERLAP) if since else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    with conn.transaction():
        rows = conn.execute(_FEEDBACK, {"since": start}).fetchall()
        comments = conn.execute(_COMMENTS, {"since": start}).fetchall()
    items: list[dict[str, object]] = []
    newest = since
    for key, kind, code, name, level, text, given_on, mentor, written_at in rows:
        items.append(
            {"skill": code, "skill_name": name, "rating": level, "comment": text,
             "date": given_on.isoformat(), "mentor": mentor, "uuid": key, "kind": kind}
        )  # fmt: skip
        newest = max(newest, written_at) if newest else written_at
    for c in comments:
        newest = max(newest, c[6]) if newest else c[6]
        if c[3]:  # a comment on a skill is feedback on it, too
            items.append(
                {"skill": c[3], "rating": None, "comment": c[4], "date": c[7].isoformat(),
                 "mentor": c[5], "uuid": c[0], "kind": "comment"}
            )  # fmt: skip
    return Pulled(items, comments, newest)


def store(db: Database, pulled: Pulled) -> tuple[int, int, int]:
    """Write what was pulled: the items through the all-or-nothing feedback import (skills
    the journal lacks are added, so nothing a mentor wrote is refused), then the comments
    and the pull's mark. (new items, duplicates, new comments)."""
    imported = duplicates = 0
    if pulled.items:
        data = json.dumps(
            {"format": "plnjournal-feedback", "version": 1, "items": pulled.items},
            ensure_ascii=False,
        ).encode("utf-8")
        options = ImportOptions(create_missing_skills=True)
        with db.session() as session:
            plan = plan_sources(session, [Source("programme server", data)], options)
        result = apply_import(db, plan)
        if result.errors:
            first = result.errors[0]
            raise PullRefused(f"mentors' feedback could not be imported: {first.message}")
        imported, duplicates = result.imported, result.duplicates
    new_comments = 0
    with db.session() as session:
        entries = dict(
            session.execute(
                select(SharedItem.uuid, SharedItem.local_id).where(
                    SharedItem.kind == sharing.REFLECTION
                )
            ).all()
        )
        for key, reflection, version, _, body, mentor, written_at, _ in pulled.comments:
            row = {
                "uuid": key,
                "entry_id": entries.get(reflection),
                "mentor": mentor,
                "written_at": written_at.astimezone(dt.UTC).replace(tzinfo=None),
                "body": body,
                "reflection_version": version,
            }
            cur = session.execute(
                sqlite_insert(ProgrammeComment).values(row).on_conflict_do_nothing()
            )
            new_comments += cur.rowcount  # type: ignore[attr-defined]
        if pulled.newest is not None:
            sharing_mark = pulled.newest.astimezone(dt.UTC).isoformat()
            set_setting(session, sharing.PULLED_UNTIL, sharing_mark)
        set_setting(session, sharing.LAST_SYNC, utcnow().isoformat(timespec="seconds"))
    return imported, duplicates, new_comments


def _pulled_until(db: Database) -> dt.datetime | None:
    with db.session() as session:
        value = get_setting(session, sharing.PULLED_UNTIL)
    try:
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


# --- the whole sync ---------------------------------------------------------------------


def sync(db: Database, *, password: str | None = None) -> SyncResult:
    """Queue what changed, push the outbox, pull what mentors wrote. Never raises for a
    server that cannot be reached: the result says it is waiting."""
    result = SyncResult()
    with db.session() as session:
        address = get_setting(session, sharing.SERVER)
        if not isinstance(address, str):
            return SyncResult(state="not connected")
        refreshed = sharing.refresh_shared(session)
    result.new_versions, result.unshared = refreshed.new_versions, refreshed.withdrawn
    if password is None:
        password = stored_password(address)
    try:
        with connect(address, password) as conn:
            result.pushed, result.withdrawn = push(db, conn)
            pulled = fetch(conn, _pulled_until(db))
    except Offline as exc:
        result.state, result.reason = "waiting", str(exc)
    except psycopg.OperationalError as exc:  # the server went away mid-sync
        result.state, result.reason = "waiting", str(exc).strip() or "the connection was lost"
    else:
        try:
            result.feedback, result.duplicates, result.comments = store(db, pulled)
        except PullRefused as exc:
            result.state, result.reason = "refused", str(exc)
    with db.session() as session:
        result.waiting = len(sharing.outbox(session))
    return result
