"""The mentor's side of a programme, through the mentor's own login: row-level security decides
which trainees and rows they see and where they may write (docs/programme.md, "For mentors").

A mentor needs no journal of their own: everything here reads and writes the server. What a
mentor writes reaches the trainee's journal at the trainee's next sync (sync.py pulls it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import psycopg

from plnjournal.errors import InputError
from plnjournal.programme.framework_server import ServerFramework, frameworks_of, read_framework

# How many of a trainee's most-avoided skills the trainee list names.
AVOIDED_SHOWN = 3


@dataclass(frozen=True)
class Person:
    """Who the login is in the programme."""

    login: str
    kind: str  # trainee, mentor, lead
    name: str
    programme: str


@dataclass
class TraineeSummary:
    """A trainee as the mentor's list shows them."""

    login: str
    name: str
    unread: int = 0  # shared reflections (or new versions) this mentor has not read
    open_requests: int = 0
    below_target: int = 0  # skills whose latest shared self-rating is below the target
    avoided: list[str] | None = None  # most-avoided skills' names; None: not shared
    last_contact: dt.datetime | None = None  # the newest item any mentor wrote them


@dataclass
class Comment:
    """A mentor's comment on a shared reflection."""

    mentor: str
    body: str
    written_at: dt.datetime
    version: int


@dataclass
class SharedReflection:
    """The newest version of a shared reflection."""

    uuid: str
    version: int
    title: str
    body: str
    entry_date: dt.date
    skills: list[tuple[str, str]]  # code, name
    depth_level: int | None
    shared_at: dt.datetime
    read: bool
    answers: list[str]  # server ids of the mentors' items it answers
    comments: list[Comment] = field(default_factory=list)


@dataclass
class Request:
    """A feedback request the trainee made, and whether mentors have answered every skill."""

    uuid: str
    mentor_name: str
    skills: list[tuple[str, str]]
    message: str
    requested_on: dt.date
    open: bool


@dataclass
class SkillBelow:
    """A skill whose latest shared self-rating is below the programme's target."""

    code: str
    name: str
    level: int
    target: int
    rated_on: dt.date


@dataclass
class Written:
    """What a mentor wrote to the trainee (any of their mentors), and the trainee's answers."""

    kind: str  # feedback, sign-off
    uuid: str
    mentor: str
    skill_code: str
    skill_name: str
    level: int | None  # the rating, or the level signed off
    text: str
    day: dt.date
    answered_in: list[str] = field(default_factory=list)  # titles of reflections answering it


@dataclass
class TraineeView:
    """Everything a mentor sees of one trainee."""

    login: str
    name: str
    reflections: list[SharedReflection]
    requests: list[Request]
    below_target: list[SkillBelow]
    avoided: list[dict[str, Any]] | None  # the shared summary; None: not shared
    written: list[Written]
    skills: dict[str, str]  # every skill code the trainee's shared items name -> its name
    framework: ServerFramework  # theirs: the scale to rate them on, the targets


def whoami(conn: psycopg.Connection[Any]) -> Person:
    """The login's place in the programme; InputError when it has none."""
    row = conn.execute(
        "SELECT p.role_name, p.kind, p.display_name, (SELECT name FROM pln.programme) "
        "FROM pln.people p WHERE p.role_name = current_user"
    ).fetchone()
    if row is None:
        raise InputError(f"{conn.info.user} is not in this programme; ask its administrator")
    return Person(str(row[0]), str(row[1]), str(row[2]), str(row[3] or ""))


def require_mentor(conn: psycopg.Connection[Any]) -> Person:
    """The login, when it is a mentor or a lead; InputError for a trainee."""
    me = whoami(conn)
    if me.kind == "trainee":
        raise InputError(
            f"{me.login} is a trainee of this programme: the mentor's side is for mentors "
            "(use 'plnjournal sync' from your journal)"
        )
    return me


# --- the trainee list -------------------------------------------------------------------

_MY_TRAINEES = """
SELECT p.role_name, p.display_name FROM pln.assignments a
JOIN pln.people p ON p.role_name = a.trainee
WHERE a.mentor = current_user ORDER BY p.display_name, p.role_name
"""
_UNREAD = """
SELECT l.trainee, count(*) FROM (
    SELECT DISTINCT ON (r.uuid) r.trainee, r.uuid, r.version FROM pln.reflections r
    WHERE r.trainee = ANY(%(t)s) ORDER BY r.uuid, r.version DESC) l
WHERE NOT EXISTS (SELECT 1 FROM pln.reads d WHERE d.mentor = current_user
                  AND d.reflection_uuid = l.uuid AND d.reflection_version = l.version)
GROUP BY l.trainee
"""
# A request is open until some mentor has written feedback on each of its skills since it
# was made (or an item names it). The trainees' feedback is read once per statement, into
# the two small sets below, not once per request (docs/performance.md).
_FEEDBACK_SEEN = """
WITH f AS MATERIALIZED (
    SELECT trainee, skill_code, max(given_on) AS last FROM pln.feedback_items
    WHERE trainee = ANY(%(t)s) GROUP BY trainee, skill_code),
answered AS MATERIALIZED (
    SELECT DISTINCT request_uuid FROM pln.feedback_items
    WHERE trainee = ANY(%(t)s) AND request_uuid IS NOT NULL)
"""
_REQUEST_OPEN = """(q.uuid NOT IN (SELECT request_uuid FROM answered)
AND EXISTS (SELECT 1 FROM jsonb_array_elements(q.skills) s WHERE NOT EXISTS (
    SELECT 1 FROM f WHERE f.trainee = q.trainee AND f.skill_code = s->>'code'
                      AND f.last >= q.requested_on)))"""
_OPEN_REQUESTS = (
    _FEEDBACK_SEEN
    + "SELECT q.trainee, count(*) FROM pln.feedback_requests q WHERE q.trainee = ANY(%(t)s) AND "
    + _REQUEST_OPEN
    + " GROUP BY q.trainee"
)
_LATEST_SELF = """
SELECT DISTINCT ON (s.trainee, s.skill_code) s.trainee, s.skill_code, s.skill_name, s.level,
       s.rated_on
FROM pln.self_ratings s WHERE s.trainee = ANY(%(t)s)
ORDER BY s.trainee, s.skill_code, s.rated_on DESC, s.shared_at DESC
"""
_AVOIDANCE = "SELECT trainee, skills FROM pln.avoidance_summaries WHERE trainee = ANY(%(t)s)"
_LAST_CONTACT = """
SELECT trainee, max(w) FROM (
    SELECT trainee, max(written_at) w FROM pln.feedback_items WHERE trainee = ANY(%(t)s)
    GROUP BY trainee
    UNION ALL SELECT trainee, max(written_at) FROM pln.comments WHERE trainee = ANY(%(t)s)
    GROUP BY trainee
    UNION ALL SELECT trainee, max(written_at) FROM pln.sign_offs WHERE trainee = ANY(%(t)s)
    GROUP BY trainee) x
GROUP BY trainee
"""


def trainees(conn: psycopg.Connection[Any]) -> list[TraineeSummary]:
    """The mentor's trainees with what waits for them: one read-only transaction."""
    with conn.transaction():
        people = [TraineeSummary(str(r[0]), str(r[1])) for r in conn.execute(_MY_TRAINEES)]
        if not people:
            return []
        by_login = {p.login: p for p in people}
        t = {"t": list(by_login)}
        frameworks = frameworks_of(conn, list(by_login))
        for login, n in conn.execute(_UNREAD, t):
            by_login[login].unread = int(n)
        for login, n in conn.execute(_OPEN_REQUESTS, t):
            by_login[login].open_requests = int(n)
        for login, code, _, level, _ in conn.execute(_LATEST_SELF, t):
            if level < frameworks.get(login, ServerFramework()).target(code):
                by_login[login].below_target += 1
        for login, skills in conn.execute(_AVOIDANCE, t):
            by_login[login].avoided = [
                str(s.get("name") or s.get("code") or "") for s in _objects(skills)
            ][:AVOIDED_SHOWN]
        for login, when in conn.execute(_LAST_CONTACT, t):
            by_login[login].last_contact = when
    return people


# --- one trainee ------------------------------------------------------------------------


def _objects(value: Any) -> list[dict[str, Any]]:
    """The objects of a JSON list a trainee's login wrote: anything else is left out (a
    journal of ours writes only lists of objects; a hand-written row may hold anything)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _pairs(skills: Any) -> list[tuple[str, str]]:
    return [(str(s.get("code", "")), str(s.get("name", ""))) for s in _objects(skills)]


def trainee_view(conn: psycopg.Connection[Any], trainee: str) -> TraineeView:
    """What the mentor sees of ``trainee``; InputError when they are not the mentor's."""
    with conn.transaction():
        row = conn.execute(
            "SELECT p.display_name FROM pln.people p WHERE p.role_name = %s AND pln.mentors(%s)",
            (trainee, trainee),
        ).fetchone()
        if row is None:
            raise InputError(
                f"{trainee} is not one of your trainees (see 'plnjournal mentor list')"
            )
        t = {"t": [trainee]}
        framework = read_framework(conn, trainee)
        reflections = [
            SharedReflection(
                str(u),
                int(v),
                str(title),
                str(body),
                day,
                _pairs(skills),
                depth,
                shared_at,
                bool(read),
                [str(a) for a in answers],
            )  # fmt: skip
            for u, v, title, body, day, skills, depth, shared_at, read, answers in conn.execute(
                "SELECT DISTINCT ON (r.uuid) r.uuid, r.version, r.title, r.body, r.entry_date, "
                "r.skills, r.depth_level, r.shared_at, EXISTS (SELECT 1 FROM pln.reads d "
                "WHERE d.mentor = current_user AND d.reflection_uuid = r.uuid "
                "AND d.reflection_version = r.version), r.answers "
                "FROM pln.reflections r WHERE r.trainee = ANY(%(t)s) "
                "ORDER BY r.uuid, r.version DESC",
                t,
            )
        ]
        reflections.sort(key=lambda r: (r.entry_date, r.shared_at), reverse=True)
        by_uuid = {r.uuid: r for r in reflections}
        for u, mentor, body, written_at, version in conn.execute(
            "SELECT c.reflection_uuid, coalesce(p.display_name, c.mentor), c.body, c.written_at, "
            "c.reflection_version FROM pln.comments c LEFT JOIN pln.people p "
            "ON p.role_name = c.mentor WHERE c.trainee = ANY(%(t)s) ORDER BY c.written_at",
            t,
        ):
            if str(u) in by_uuid:
                by_uuid[str(u)].comments.append(
                    Comment(str(mentor), str(body), written_at, version)
                )
        requests = [
            Request(str(u), str(name), _pairs(skills), str(msg), day, bool(is_open))
            for u, name, skills, msg, day, is_open in conn.execute(
                _FEEDBACK_SEEN
                + "SELECT q.uuid, q.mentor_name, q.skills, q.message, q.requested_on, "
                + _REQUEST_OPEN
                + " FROM pln.feedback_requests q WHERE q.trainee = ANY(%(t)s) "
                "ORDER BY q.requested_on DESC",
                t,
            )
        ]
        below = [
            SkillBelow(str(code), str(name), int(level), framework.target(code), day)
            for _, code, name, level, day in conn.execute(_LATEST_SELF, t)
            if level < framework.target(code)
        ]
        avoidance = conn.execute(_AVOIDANCE, t).fetchone()
        written = [
            Written(str(kind), str(u), str(m), str(code), str(name), lvl, str(text), day)
            for kind, u, m, code, name, lvl, text, day in conn.execute(
                "SELECT 'feedback', f.uuid, coalesce(p.display_name, f.mentor), f.skill_code, "
                "f.skill_name, f.rating, f.comment, f.given_on FROM pln.feedback_items f "
                "LEFT JOIN pln.people p ON p.role_name = f.mentor WHERE f.trainee = ANY(%(t)s) "
                "UNION ALL SELECT 'sign-off', s.uuid, coalesce(p.display_name, s.mentor), "
                "s.skill_code, s.skill_name, s.level, s.statement, s.signed_on "
                "FROM pln.sign_offs s LEFT JOIN pln.people p ON p.role_name = s.mentor "
                "WHERE s.trainee = ANY(%(t)s) ORDER BY 8 DESC",
                t,
            )
        ]
    answered: dict[str, list[str]] = defaultdict(list)
    for r in reflections:
        for key in r.answers:
            answered[key].append(r.title or r.entry_date.isoformat())
    for w in written:
        w.answered_in = answered.get(w.uuid, [])
    skills = {code: s.name for code, s in framework.skills.items()}
    for r in reflections:
        skills.update((c, n) for c, n in r.skills if c)
    for q in requests:
        skills.update((c, n) for c, n in q.skills if c)
    skills.update((b.code, b.name) for b in below)
    return TraineeView(
        trainee, str(row[0]), reflections, requests, below,
        _objects(avoidance[1]) if avoidance else None, written, skills, framework,
    )  # fmt: skip


def mark_read(conn: psycopg.Connection[Any], versions: list[tuple[str, int]]) -> int:
    """Mark these reflection versions read by this mentor; how many were new."""
    if not versions:
        return 0
    with conn.transaction(), conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO pln.reads (reflection_uuid, reflection_version) VALUES (%s, %s) "
            "ON CONFLICT DO NOTHING",
            versions,
        )
        return max(cur.rowcount, 0)
