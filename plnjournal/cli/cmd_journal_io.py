"""Journal import and export commands: import-journal, export-journal."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from plnjournal.cli.args import output_path
from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json, print_warning
from plnjournal.core.dates import parse_date
from plnjournal.core.journal_io.export import export_journal, private_left_out_line
from plnjournal.core.journal_io.importer import dry_run_new_journal, import_journal
from plnjournal.core.words import plural
from plnjournal.errors import InputError

MAX_WARNINGS = 20


def _span(summary: dict[str, Any]) -> str:
    first, last = summary.get("first_entry"), summary.get("last_entry")
    if not first:
        return ""
    return f" ({first} to {last})" if first != last else f" ({first})"


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{k} ({v})" for k, v in sorted(counter.items(), key=lambda kv: -kv[1]))


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    """Bring in another journal (jrnl, Day One, Markdown, our JSON); checked whole first
    and idempotent, so importing twice adds nothing."""
    if args.max_size <= 0:
        raise InputError("--max-size: give a size in MB greater than 0")
    options: dict[str, Any] = {
        "timeformat": args.timeformat,
        "max_bytes": int(args.max_size * 1024 * 1024),
    }
    if args.dry_run and not ctx.db_path.exists():  # a dry run creates no journal
        summary = dry_run_new_journal(args.path, args.format, **options)
    else:
        summary = import_journal(ctx.db(), args.path, args.format, dry_run=args.dry_run, **options)
    if args.json:
        print_json(summary)
        return 0
    warnings = summary["warnings"]
    for w in warnings[:MAX_WARNINGS]:
        print_warning(w)
    if len(warnings) > MAX_WARNINGS:
        print_warning(f"… and {len(warnings) - MAX_WARNINGS} more warnings (--json lists all)")
    n, fmt = summary["new_entries"], summary["format"]
    source = f"{summary['path']} ({fmt})"
    if fmt == "json":
        tables = summary.get("tables", {})
        verb = "Would restore" if args.dry_run else "Restored"
        info(
            f"{verb} the whole journal from {source}: {plural(n, 'reflection')}{_span(summary)}, "
            f"{tables.get('skills', 0)} skills, {tables.get('ratings', 0)} ratings, "
            f"{tables.get('feedback_items', 0)} feedback items, "
            f"{tables.get('commitments', 0)} commitments."
        )
    else:
        verb = "Would import" if args.dry_run else "Imported"
        info(f"{verb} {plural(n, 'reflection')} from {source}{_span(summary)}.")
        if summary["duplicates"]:
            info(f"  {summary['duplicates']} already in the journal: skipped.")
        if summary["linked_skills"]:
            info(f"  Linked to skills by tag: {_counts(summary['linked_skills'])}")
        if summary["tags"]:
            info(f"  Tags kept: {_counts(summary['tags'])}")
    if args.dry_run:
        info("Nothing was written (dry run).")
    elif summary.get("backup"):
        info(f"  The journal was backed up first to {summary['backup']}")
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    """Take the journal out in open formats, so it never depends on this app."""
    path = Path(args.path).expanduser()
    fmt = args.format or ("json" if path.suffix.lower() == ".json" else "markdown")
    if fmt == "json":
        # A file, by the rule every command that writes one follows (cli/args.output_path);
        # Markdown goes into a new (or empty) folder, checked by the export itself.
        path = output_path(
            args.path, default_name="journal.json", force=args.force, what="export-journal"
        )
    date_from = parse_date(args.date_from, what="--from") if args.date_from else None
    date_to = parse_date(args.date_to, what="--to") if args.date_to else None
    db = ctx.db(create=False)
    with db.session() as session:
        summary = export_journal(
            session,
            path,
            fmt,
            date_from=date_from,
            date_to=date_to,
            include_private=args.include_private,
        )
    if args.json:
        print_json(summary)
        return 0
    what = "Markdown files" if fmt == "markdown" else "one JSON file with everything"
    count = plural(int(summary["entries"]), "reflection")
    info(f"Exported {count}{_span(summary)} to {path} as {what}.")
    if summary["private_left_out"]:
        info(
            f"{private_left_out_line(int(summary['private_left_out']))}; --include-private to include them."
        )
    return 0
