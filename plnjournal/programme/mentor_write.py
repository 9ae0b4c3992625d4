"""What a mentor writes to a trainee: feedback on a skill, a comment on a shared reflection, a
skill signed off. Row-level security refuses anything for a trainee who is not theirs; the
refusal is said in a person's words, and nothing is written."""

from __future__ import annotations

import contextlib
import uuid as uuid_module
from collections.abc import Iterator
from typing import Any

import psycopg

from plnjournal.errors import InputError
from plnjournal.programme.framework_server import ServerFramework, read_framework

MAX_TEXT = 20_000  # characters of a comment or statement: a page or two, not a file


@contextlib.contextmanager
def _refused_said(trainee: str) -> Iterator[None]:
    """Turn the server's refusals into one-line messages (the transaction is rolled back)."""
    try:
        yield
    except psycopg.errors.InsufficientPrivilege as exc:
        raise InputError(
            f"{trainee} is not one of your trainees: the server refused it (nothing was written)"
        ) from exc
    except psycopg.errors.ForeignKeyViolation as exc:
        raise InputError(
            f"{trainee}: no such trainee in the programme (nothing was written)"
        ) from exc


def _text(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise InputError(f"{what}: write something (nothing was written)")
    if len(text) > MAX_TEXT:
        raise InputError(f"{what}: at most {MAX_TEXT} characters (nothing was written)")
    return text


def _level(framework: ServerFramework, level: int | None, what: str) -> None:
    levels = [n for n, _ in framework.scale]
    if level is not None and level not in levels:
        scale = ", ".join(f"{n} {label}" for n, label in framework.scale)
        raise InputError(f"{what} {level}: not on the trainee's scale ({scale})")


def _skill_name(
    conn: psycopg.Connection[Any], framework: ServerFramework, trainee: str, code: str
) -> str:
    """The skill's name from the framework, else from what the trainee shared naming it."""
    if code in framework.skills:
        return framework.skills[code].name
    row = conn.execute(
        "SELECT s->>'name' FROM pln.reflections r, jsonb_array_elements(r.skills) s "
        "WHERE r.trainee = %(t)s AND s->>'code' = %(c)s "
        "UNION ALL SELECT skill_name FROM pln.self_ratings WHERE trainee = %(t)s "
        "AND skill_code = %(c)s LIMIT 1",
        {"t": trainee, "c": code},
    ).fetchone()
    if row is None:
        mine = conn.execute("SELECT pln.mentors(%s)", (trainee,)).fetchone()
        if not (mine and mine[0]):
            raise InputError(
                f"{trainee} is not one of your trainees: the server refused it "
                "(nothing was written)"
            )
        raise InputError(
            f"skill {code!r}: not in {trainee}'s framework nor in anything they shared "
            "(nothing was written)"
        )
    return str(row[0] or "")


def write_feedback(
    conn: psycopg.Connection[Any],
    trainee: str,
    skill: str,
    rating: int | None,
    comment: str,
    *,
    request: str | None = None,
) -> str:
    """Feedback on one skill: a rating on the programme's scale and/or a Markdown comment;
    its server id."""
    comment = comment.strip()
    if rating is None and not comment:
        raise InputError("feedback: give a rating or a comment (nothing was written)")
    if comment:
        comment = _text(comment, "feedback")
    with _refused_said(trainee), conn.transaction():
        framework = read_framework(conn, trainee)
        _level(framework, rating, "rating")
        name = _skill_name(conn, framework, trainee, skill)
        row = conn.execute(
            "INSERT INTO pln.feedback_items (trainee, skill_code, skill_name, rating, comment, "
            "request_uuid) VALUES (%s, %s, %s, %s, %s, %s) RETURNING uuid",
            (trainee, skill, name, rating, comment, request),
        ).fetchone()
    assert row is not None
    return str(row[0])


def find_reflection(conn: psycopg.Connection[Any], key: str) -> tuple[str, int, str]:
    """(uuid, newest version, trainee) of the shared reflection ``key`` names: its id, or
    the start of it (at least 8 characters) when only one of the mentor's trainees' matches."""
    key = key.strip().lower()
    if len(key) < 8:
        raise InputError(f"reflection {key!r}: give its id (at least its first 8 characters)")
    with contextlib.suppress(ValueError):
        key = str(uuid_module.UUID(key))
    rows = conn.execute(
        "SELECT DISTINCT ON (uuid) uuid, version, trainee FROM pln.reflections "
        "WHERE uuid::text LIKE %s ORDER BY uuid, version DESC LIMIT 2",
        (key.replace("%", "").replace("_", "") + "%",),
    ).fetchall()
    if not rows:
        raise InputError(
            f"reflection {key}: none of your trainees has shared a reflection with that id"
        )
    if len(rows) > 1:
        raise InputError(f"reflection {key}: more than one matches; give more of its id")
    u, v, trainee = rows[0]
    return str(u), int(v), str(trainee)


def write_comment(
    conn: psycopg.Connection[Any], reflection: str, body: str, *, skill: str | None = None
) -> str:
    """A Markdown comment on the newest version of a shared reflection; its server id."""
    body = _text(body, "comment")
    with conn.transaction():
        key, version, trainee = find_reflection(conn, reflection)
        with _refused_said(trainee):
            row = conn.execute(
                "INSERT INTO pln.comments (trainee, reflection_uuid, reflection_version, "
                "skill_code, body) VALUES (%s, %s, %s, %s, %s) RETURNING uuid",
                (trainee, key, version, skill, body),
            ).fetchone()
    assert row is not None
    return str(row[0])


def sign_off(
    conn: psycopg.Connection[Any], trainee: str, skill: str, level: int, statement: str
) -> str:
    """Sign ``skill`` off at ``level`` on the programme's scale, with a statement; its id."""
    statement = _text(statement, "statement")
    with _refused_said(trainee), conn.transaction():
        framework = read_framework(conn, trainee)
        _level(framework, level, "level")
        name = _skill_name(conn, framework, trainee, skill)
        row = conn.execute(
            "INSERT INTO pln.sign_offs (trainee, skill_code, skill_name, level, statement) "
            "VALUES (%s, %s, %s, %s, %s) RETURNING uuid",
            (trainee, skill, name, level, statement),
        ).fetchone()
    assert row is not None
    return str(row[0])
