"""The mentor's commands (``mentor list|read|feedback|comment|signoff``) and the lead's
``programme coverage``: thin front ends over
programme/mentor.py, mentor_write.py, lead.py and framework_server.py."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg

from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json
from plnjournal.cli.parser_programme import SERVER_ENV
from plnjournal.errors import InputError, PlnError
from plnjournal.programme import lead, mentor, mentor_write
from plnjournal.programme.connection import Offline, describe
from plnjournal.programme.framework_server import read_framework
from plnjournal.programme.login import address_of, login


def _address(args: argparse.Namespace) -> tuple[str, str | None]:
    server = getattr(args, "server", None)
    return address_of(server, from_argv=server != os.environ.get(SERVER_ENV))


@contextlib.contextmanager
def _session(args: argparse.Namespace) -> Iterator[psycopg.Connection[Any]]:
    """The person's connection; an unreachable server is a one-line error."""
    address, password = _address(args)
    try:
        conn = login(address, password)
    except Offline as exc:
        raise PlnError(f"cannot reach the server {describe(address)}: {exc}") from exc
    with conn:
        yield conn


def _when(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return "never"
    return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    """``mentor list``: the mentor's trainees and what waits for them."""
    with _session(args) as conn:
        me = mentor.require_mentor(conn)
        people = mentor.trainees(conn)
    if args.json:
        print_json(
            [{**p.__dict__, "last_contact": _when(p.last_contact) if p.last_contact else None}
             for p in people]
        )  # fmt: skip
        return 0
    info(f"{me.name} ({me.login}), {me.programme}: {len(people)} trainee(s)")
    for p in people:
        avoided = ", ".join(p.avoided) if p.avoided else "not shared"
        info(
            f"  {p.login} ({p.name}): {p.unread} unread, {p.open_requests} open request(s), "
            f"{p.below_target} skill(s) below target; avoids: {avoided}; last contact "
            f"{_when(p.last_contact)}"
        )
    return 0


def cmd_read(args: argparse.Namespace, ctx: Context) -> int:
    """``mentor read TRAINEE``: what they shared, asked for and answered; marked read."""
    with _session(args) as conn:
        mentor.require_mentor(conn)
        view = mentor.trainee_view(conn, args.trainee)
        if not args.keep_unread:
            mentor.mark_read(conn, [(r.uuid, r.version) for r in view.reflections if not r.read])
    if args.json:
        print_json(_view_json(view))
        return 0
    info(f"{view.name} ({view.login})")
    for r in view.reflections:
        new = "" if r.read else " [new]" if r.version == 1 else f" [changed: version {r.version}]"
        skills = ", ".join(code for code, _ in r.skills) or "no skill"
        info(f"\n{r.entry_date}  {r.title}{new}\n  id {r.uuid}, {skills}")
        info("  " + r.body.replace("\n", "\n  "))
        for c in r.comments:
            info(f"  > {c.mentor}, {_when(c.written_at)}: {c.body}")
    info("\nFeedback requests:")
    for q in view.requests:
        state = "open" if q.open else "answered"
        info(f"  {q.requested_on} ({state}): {', '.join(c for c, _ in q.skills)}")
    info("Skills below target (latest self-rating):")
    for b in view.below_target:
        info(f"  {b.code} {b.name}: {b.level}, target {b.target} (rated {b.rated_on})")
    if view.avoided is None:
        info("What they keep avoiding: not shared")
    else:
        names = [f"{s.get('code')} {s.get('name')}" for s in view.avoided]
        info(f"What they keep avoiding: {', '.join(names) or 'nothing'}")
    info("What mentors wrote, and the reflections answering it:")
    for w in view.written:
        answered = "; answered in " + ", ".join(w.answered_in) if w.answered_in else ""
        level = f" ({w.level})" if w.level is not None else ""
        first = w.text.strip().splitlines()[0] if w.text.strip() else ""
        said = f": {first[:80]}{'…' if len(first) > 80 else ''}" if first else ""
        info(f"  {w.day} {w.kind} by {w.mentor} on {w.skill_code}{level}{said}{answered}")
    return 0


def _view_json(view: mentor.TraineeView) -> dict[str, object]:
    def plain(obj: Any) -> Any:
        if isinstance(obj, dt.date | dt.datetime):
            return obj.isoformat()
        if isinstance(obj, list | tuple):
            return [plain(o) for o in obj]
        if isinstance(obj, dict):
            return {k: plain(v) for k, v in obj.items()}
        if hasattr(obj, "__dict__"):
            return plain(obj.__dict__)
        return obj

    result: dict[str, object] = plain(view)
    return result


def _rating(text: str) -> int | None:
    if text.strip() in ("-", ""):
        return None
    try:
        return int(text)
    except ValueError:
        raise InputError(f"RATING {text!r}: a level of the programme's scale, or '-'") from None


def cmd_feedback(args: argparse.Namespace, ctx: Context) -> int:
    """``mentor feedback TRAINEE SKILL RATING TEXT``."""
    with _session(args) as conn:
        mentor.require_mentor(conn)
        mentor_write.write_feedback(conn, args.trainee, args.skill, _rating(args.rating), args.text)
    info(f"Feedback for {args.trainee} on {args.skill} written: they get it at their next sync.")
    return 0


def cmd_comment(args: argparse.Namespace, ctx: Context) -> int:
    """``mentor comment REFLECTION TEXT``."""
    with _session(args) as conn:
        mentor.require_mentor(conn)
        mentor_write.write_comment(conn, args.reflection, args.text, skill=args.skill)
    info("Comment written: they get it at their next sync.")
    return 0


def cmd_signoff(args: argparse.Namespace, ctx: Context) -> int:
    """``mentor signoff TRAINEE SKILL LEVEL STATEMENT``."""
    with _session(args) as conn:
        mentor.require_mentor(conn)
        mentor_write.sign_off(conn, args.trainee, args.skill, args.level, args.statement)
        label = read_framework(conn, args.trainee).label(args.level)
    info(f"Signed {args.skill} off for {args.trainee} at {label}: they get it at their next sync.")
    return 0


def cmd_coverage(args: argparse.Namespace, ctx: Context) -> int:
    """``programme coverage [--weeks N] [--csv OUT]``: the lead's view of the cohort."""
    with _session(args) as conn:
        cov = lead.coverage(conn, args.weeks)
    if args.csv:
        lead.write_coverage_csv(cov, Path(args.csv))
    if args.json:
        print_json(cov.as_json())
        return 0
    info(
        f"{cov.trainees} trainee(s); {cov.sharing_avoidance} share what they avoid."
        + (f" Written to {args.csv}." if args.csv else "")
    )
    info("Skills the cohort avoids (trainees naming it, mean score):")
    for a in cov.avoided:
        info(f"  {a.code} {a.name}: {a.trainees}, {a.mean_score:g}")
    info(f"No mentor contact for {cov.weeks} weeks: {len(cov.quiet)}")
    for q in cov.quiet:
        mentors = ", ".join(q.mentors) or "no mentor"
        info(f"  {q.login} ({q.name}), {mentors}: last {_when(q.last_contact)}")
    return 0
