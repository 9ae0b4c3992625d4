"""Mentor feedback commands: import-feedback, feedback-template, feedback-inbox,
feedback-praise."""

from __future__ import annotations

import argparse
import sys

from plnjournal.cli.args import TEXT_LIMIT
from plnjournal.cli.cmd_entries import edit_in_editor
from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_error, print_json, print_warning
from plnjournal.core.feedback.dates import ASK_ORDER
from plnjournal.core.feedback.importer import ImportOptions, import_feedback
from plnjournal.core.feedback.inbox import (
    FeedbackRow,
    get_feedback_row,
    mark_praise,
    respond_to_feedback,
    response_template,
    unanswered_feedback,
)
from plnjournal.core.feedback.requests import write_feedback_template
from plnjournal.core.plain_text import plain_text
from plnjournal.core.words import shorten
from plnjournal.errors import InputError, PlnError

# How much of a comment's first line the inbox prints; longer ones end in "…".
COMMENT_WIDTH = 100


def cmd_import_feedback(args: argparse.Namespace, ctx: Context) -> int:
    """Mentor feedback from files, all or nothing: every problem in every file is
    reported at once (exit 2) so the user fixes them in one round; ``--json`` for scripts."""
    if args.max_size <= 0:
        raise InputError("--max-size: give a size in MB greater than 0")
    options = ImportOptions(
        mapping=dict(args.map),
        date_format=args.date_format,
        create_missing_skills=args.create_missing_skills,
        max_bytes=int(args.max_size * 1024 * 1024),
    )
    try:
        result = import_feedback(ctx.db(), args.files, options, dry_run=args.dry_run)
    except PlnError as exc:
        if not args.json:
            raise
        print_json(
            {
                "imported": 0,
                "duplicates": 0,
                "warnings": [],
                "errors": [{"file": None, "line": None, "column": None, "message": exc.message}],
            }
        )
        return exc.exit_code
    if args.json:
        print_json(result.as_json())
        return 2 if result.errors else 0
    for w in result.warnings:
        print_warning(str(w))
    if result.errors:
        for e in result.errors:
            print_error(str(e))
        if any(ASK_ORDER in e.message for e in result.errors):
            print_error("for dates like 03/11/2026, add --date-format day-first or month-first")
        n = len(result.errors)
        print_error(f"nothing was imported: {n} problem{'s' if n != 1 else ''} to fix first")
        return 2
    dups = f"{result.duplicates} duplicate{'s' if result.duplicates != 1 else ''}"
    items = f"{result.imported} feedback item{'s' if result.imported != 1 else ''}"
    if args.dry_run:
        info(f"Dry run: would import {items} ({dups} already in the journal); nothing written.")
    elif result.imported == 0:
        info(f"Nothing new to import: {dups} already in the journal.")
    else:
        info(f"Imported {items} ({dups} already in the journal, skipped).")
        if result.backup:
            info(f"Backup taken first: {result.backup}")
    for skill in result.new_skills:
        info(f"{'Would add' if args.dry_run else 'Added'} skill {skill} to the 'Imported' area.")
    return 0


def cmd_feedback_template(args: argparse.Namespace, ctx: Context) -> int:
    """A file a mentor fills in and sends back, already in a format
    ``import-feedback`` reads without a column mapping."""
    codes = [c.strip() for c in (args.skills or "").split(",") if c.strip()] or None
    with ctx.db(create=False).session() as session:
        result = write_feedback_template(
            session, args.out, skill_codes=codes, mentor=args.mentor, overwrite=args.force
        )
    n = len(result.skills)
    info(
        f"Wrote {result.path} asking for feedback on {n} skill{'s' if n != 1 else ''}; "
        "import it with 'plnjournal import-feedback' when it comes back."
    )
    return 0


def cmd_feedback_inbox(args: argparse.Namespace, ctx: Context) -> int:
    """The feedback not yet reflected on, oldest first: answering feedback is the
    habit the journal exists to build."""
    with ctx.db(create=False).session() as session:
        rows = unanswered_feedback(session)
    waiting = len(rows)
    limit = args.limit or (None if args.json else TEXT_LIMIT)
    rows = rows[:limit] if limit else rows
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "date": r.given_on.isoformat(),
                    "mentor": r.mentor,
                    "skill": r.skill_code,
                    "rating": r.level,
                    "comment": r.comment,
                    "reason": r.reason,
                    "cues": list(r.cues),
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        info("No feedback is waiting for a reflection.")
        return 0
    for r in rows:
        first = plain_text(r.comment).partition("\n")[0]
        info(
            f"{r.given_on.isoformat()}  #{r.id}  {r.mentor} on {r.skill_code} {r.skill_name}: {r.reason}"
        )
        if first:
            info(f"    {shorten(first, COMMENT_WIDTH, at_word=True)}")
    if waiting > len(rows):
        info(f"… {waiting - len(rows)} more waiting; --limit {waiting} shows them all.")
    info(
        'Answer an item with: plnjournal respond ID "what you make of it" '
        "(or plnjournal add --responds ID …)"
    )
    if any(r.cues for r in rows):
        info("A comment that was praise after all: 'plnjournal feedback-praise ID'.")
    return 0


def _named(row: FeedbackRow) -> str:
    """The item as the user knows it: number, mentor, skill and date."""
    when = f"{row.given_on.day} {row.given_on:%b %Y}"
    return f"#{row.id} ({row.mentor or 'a mentor'} on {row.skill_code}, {when})"


def cmd_feedback_praise(args: argparse.Namespace, ctx: Context) -> int:
    """The user's reversible "this was praise": a comment read as critical that was not stops
    asking for a reflection; the item itself is never changed or deleted."""
    with ctx.db(create=False).session() as session:
        row = mark_praise(session, args.item, praise=not args.undo)
    if args.undo:
        if row.cues:
            info(f"Feedback {_named(row)} is no longer marked as praise: {row.reason}.")
        else:
            info(f"Feedback {_named(row)} is no longer marked as praise.")
        return 0
    if row.reason:
        info(
            f"Marked feedback {_named(row)} as praise; it still waits for a reflection: "
            f"{row.reason}."
        )
    elif row.cues:
        info(
            f"Marked feedback {_named(row)} as praise: its comment no longer asks for a "
            "reflection. Undo with --undo."
        )
    else:
        info(f"Marked feedback {_named(row)} as praise (its comment was not read as critical).")
    return 0


def cmd_respond(args: argparse.Namespace, ctx: Context) -> int:
    """Answer a feedback item from the terminal: a reflection that quotes it, linked to it
    and its skill, so it leaves the inbox (the window's Respond)."""
    text = sys.stdin.read() if args.text == "-" else args.text
    db = ctx.db(create=False)
    if args.edit:
        with db.session() as session:
            row = get_feedback_row(session, args.item)
            start = response_template(row, text)
        edited = edit_in_editor(start, f"respond {args.item}")
        if edited.strip() == start.strip():
            info("Nothing added: the answer was left as the template.")
            return 0
        text = edited
    with db.session() as session:
        entry = respond_to_feedback(session, args.item, text=text, quoted=not args.edit)
        entry.private = bool(args.private)
        row = get_feedback_row(session, args.item)
        entry_id = entry.id
    info(f"Added reflection #{entry_id}, answering {_named(row)}.")
    return 0
