"""Programme mode on the command line: the administrator's ``programme …`` commands and the
trainee's ``connect``, ``disconnect``, ``sync``, ``share`` and ``unshare``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json
from plnjournal.cli.parser_programme import SERVER_ENV
from plnjournal.errors import InputError, PlnError
from plnjournal.programme import admin, joining, sharing, state
from plnjournal.programme.connection import (
    Offline,
    PasswordNeeded,
    ask_password,
    describe,
    split_password,
)
from plnjournal.programme.sync import SyncResult, sync

T = TypeVar("T")


def _with_password(server: str | None, call: Callable[[str, str | None], T]) -> T:
    """Run ``call(address, password)`` against the server, asking for the password on the
    terminal when the server wants one and none came with the address."""
    if not server:
        raise InputError(f"--server: give the programme's server (or set ${SERVER_ENV})")
    address, password = split_password(server)
    try:
        try:
            return call(address, password)
        except PasswordNeeded:
            password = ask_password(address)
            if password is None:
                raise
            return call(address, password)
    except Offline as exc:
        raise PlnError(f"cannot reach the server {describe(address)}: {exc}") from exc


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    """``programme init SERVER``: schema, group roles and policies, as the database's owner."""

    def run(address: str, password: str | None) -> int:
        name = args.name or str(describe(address)).rsplit("/", 1)[-1]
        return admin.init_programme(address, name, password)

    version = _with_password(args.server, run)
    info(f"The programme's server is ready (schema version {version}).")
    info("Next: plnjournal programme add-mentor LOGIN / add-trainee LOGIN, then assign.")
    return 0


def cmd_add_person(args: argparse.Namespace, ctx: Context) -> int:
    """``programme add-trainee|add-mentor|add-lead LOGIN``: prints the one-time password."""
    password = _with_password(
        args.server,
        lambda address, pw: admin.add_person(
            address, args.kind, args.login, args.name, existing_role=args.existing_role,
            password=pw,
        ),
    )  # fmt: skip
    info(f"Added {args.kind} {args.login}.")
    if password is not None:
        info(f"One-time password: {password}")
        info("Give it to them in person or by a private channel; it is not shown again.")
    return 0


def cmd_assign(args: argparse.Namespace, ctx: Context) -> int:
    """``programme assign MENTOR TRAINEE``."""
    added = _with_password(
        args.server, lambda address, pw: admin.assign(address, args.mentor, args.trainee, pw)
    )
    info(
        f"{args.mentor} now mentors {args.trainee}."
        if added
        else f"{args.mentor} already mentors {args.trainee}."
    )
    return 0


def cmd_unassign(args: argparse.Namespace, ctx: Context) -> int:
    """``programme unassign MENTOR TRAINEE``."""
    removed = _with_password(
        args.server, lambda address, pw: admin.unassign(address, args.mentor, args.trainee, pw)
    )
    info(
        f"{args.mentor} no longer mentors {args.trainee}."
        if removed
        else f"{args.mentor} did not mentor {args.trainee}; nothing was changed."
    )
    return 0


def cmd_remove(args: argparse.Namespace, ctx: Context) -> int:
    """``programme remove LOGIN``."""
    dropped = _with_password(
        args.server, lambda address, pw: admin.remove_person(address, args.login, pw)
    )
    info(
        f"Removed {args.login} and what they shared"
        + ("; their login is deleted." if dropped else "; their login stays on the server.")
    )
    return 0


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    """``programme status``."""
    status = _with_password(args.server, lambda address, pw: admin.status(address, pw))
    if args.json:
        print_json(status.as_json())
        return 0
    info(f"Programme: {status.name} (schema version {status.version})")
    for kind in admin.KINDS:
        people = [f"{p} ({n})" if n != p else p for p, k, n in status.people if k == kind]
        info(f"  {kind}s ({len(people)}): {', '.join(people) or 'none'}")
    for mentor, trainee in status.assignments:
        info(f"  {mentor} mentors {trainee}")
    if status.shared is None:
        info("  What is shared: readable only by the server's superuser or a lead.")
    else:
        info(
            "  Shared: " + ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in status.shared.items())
        )
    return 0


# --- the trainee's side -------------------------------------------------------------------


def cmd_connect(args: argparse.Namespace, ctx: Context) -> int:
    """``connect SERVER``: checks the login is a trainee of the programme, then keeps the
    address in the journal and the password in the OS keyring (never in the journal)."""
    address, password = split_password(args.server)
    db = ctx.db()
    try:
        try:
            joined = joining.join(db, args.server)
        except PasswordNeeded:
            password = ask_password(address)
            if password is None:
                raise
            joined = joining.join(db, args.server, password)
    except Offline as exc:
        raise PlnError(
            f"cannot reach the server {describe(address)}: {exc} (nothing was stored)"
        ) from exc
    info(f"Connected to {joined.programme} as {describe(joined.address)}.")
    if joined.in_keyring:
        info("Your password is kept in the system's keyring.")
    else:
        info("No keyring on this system: you will be asked for your password at each sync.")
    info(
        "Share reflections with 'plnjournal share ID' or 'add --share'; 'plnjournal sync' sends them."
    )
    return 0


def cmd_disconnect(args: argparse.Namespace, ctx: Context) -> int:
    """``disconnect``: forget the server (and its password); nothing is deleted on it."""
    address = joining.leave(ctx.db())
    if address is not None:
        info(
            f"Disconnected from {describe(address)}; what you shared stays there until you unshare it."
        )
    else:
        info("Not connected to a programme.")
    return 0


def _say(result: SyncResult) -> None:
    if result.state == "not connected":
        info("Not connected to a programme: see 'plnjournal connect'.")
        return
    if result.state == "waiting":
        info(f"Waiting to sync: {result.reason}. {result.waiting} change(s) will be sent later.")
        return
    if result.state == "refused":
        info(f"Sent your changes, but {result.reason}")
        return
    info(
        f"Synced: {result.pushed} sent, {result.withdrawn} withdrawn; {result.feedback} new "
        f"feedback item(s), {result.comments} new comment(s)."
    )
    for entry_id in result.unshared:
        info(f"  reflection {entry_id} was withdrawn: it is private now, or deleted")


def cmd_sync(args: argparse.Namespace, ctx: Context) -> int:
    """``sync``: offline is not an error (exit 0, "waiting"); a refused import is (exit 1)."""
    db = ctx.db()
    try:
        result = sync(db)
    except PasswordNeeded:
        password = ask_password(_address(ctx))
        if password is None:
            raise
        result = sync(db, password=password)
    if args.json:
        print_json(result.as_json())
    else:
        _say(result)
    return 1 if result.state == "refused" else 0


def _address(ctx: Context) -> str:
    return state.read_state(ctx.db()).address or ""


def cmd_share(args: argparse.Namespace, ctx: Context) -> int:
    """``share ID… [--ratings on|off] [--avoidance on|off]``: queued for the next sync (sent
    now when the server is reachable)."""
    if not args.ids and args.ratings is None and args.avoidance is None:
        raise InputError("share: give reflection ids, --ratings or --avoidance")
    with ctx.db().session() as session:
        changed = sharing.share_entries(session, args.ids)
    state.set_optional_sharing(
        ctx.db(),
        ratings=None if args.ratings is None else args.ratings == "on",
        avoidance=None if args.avoidance is None else args.avoidance == "on",
    )
    if args.ids:
        info(f"Shared {len(args.ids)} reflection(s)" + ("" if changed else " (already shared)"))
    if args.ratings is not None:
        info(f"Self-ratings: {'shared' if args.ratings == 'on' else 'not shared'}.")
    if args.avoidance is not None:
        info(f"Avoidance summary: {'shared' if args.avoidance == 'on' else 'not shared'}.")
    _sync_quietly(ctx)
    return 0


def cmd_unshare(args: argparse.Namespace, ctx: Context) -> int:
    """``unshare ID…``: deleted from the server at once when it is reachable, else at the
    next sync."""
    with ctx.db().session() as session:
        sharing.unshare_entries(session, args.ids)
    info(f"Withdrew {len(args.ids)} reflection(s).")
    _sync_quietly(ctx)
    return 0


def _sync_quietly(ctx: Context) -> None:
    """Send now when connected and reachable without asking for anything; else say it waits."""
    if not _address(ctx):
        info("Not connected to a programme yet: they are sent once you connect and sync.")
        return
    try:
        result = sync(ctx.db())
    except PasswordNeeded:
        info("Sent at the next 'plnjournal sync'.")
        return
    if result.state == "waiting":
        info("Waiting to sync: sent when the server can be reached.")
    elif result.state == "synced":
        info("Sent to the programme's server.")


def cmd_comments(args: argparse.Namespace, ctx: Context) -> int:
    """``comments [ID]``: what mentors wrote on shared reflections, newest first."""
    comments = state.mentor_comments(ctx.db(create=False), args.id)
    if args.json:
        print_json(
            [
                {
                    "reflection": c.entry_id,
                    "title": c.entry_title,
                    "version": c.version,
                    "mentor": c.mentor,
                    "written_at": c.written_at.isoformat(timespec="seconds") + "Z",
                    "comment": c.body,
                }
                for c in comments
            ]
        )
        return 0
    if not comments:
        info("No comments from your mentors yet (they arrive with 'plnjournal sync').")
    for c in comments:
        on = f"reflection {c.entry_id}" if c.entry_id is not None else "a deleted reflection"
        info(f"{c.written_at:%Y-%m-%d} {c.mentor} on {on} {c.entry_title!r}:")
        for line in c.body.splitlines() or [""]:
            info(f"    {line}")
    return 0
