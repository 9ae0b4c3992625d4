"""Journal import and export commands: import-journal, export-journal."""

from __future__ import annotations

import argparse

from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json, print_warning

IMPORT_FORMATS = ("jrnl", "jrnl-json", "dayone", "markdown", "json")
EXPORT_FORMATS = ("markdown", "json")
MAX_WARNINGS = 20


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import-journal",
        help="import a jrnl, Day One or Markdown journal, or a PLN Journal JSON export",
        description="Bring an existing journal in. Everything is checked first; nothing is "
        "written if any entry has a problem. Entries already in the journal are skipped, so "
        "importing the same journal again adds nothing.",
    )
    p.add_argument("path", metavar="PATH", help="a file, a folder, or a Day One export zip")
    p.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help="what PATH is (default: detected from the file)",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.add_argument(
        "--timeformat",
        metavar="FMT",
        help="jrnl's 'timeformat' setting if you changed it (e.g. '%%d.%%m.%%Y %%H:%%M')",
    )
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser(
        "export-journal",
        help="export reflections as Markdown files, or everything as one JSON file",
        description="Take the journal out: 'markdown' writes one .md file per reflection "
        "(with front matter) into a new folder; 'json' writes the whole journal to one file "
        "that imports back into an empty journal without loss.",
    )
    p.add_argument("path", metavar="PATH", help="a new folder (markdown) or a file (json)")
    p.add_argument("--format", choices=EXPORT_FORMATS, help="default: json if PATH ends in .json")
    p.add_argument("--from", dest="date_from", metavar="D", help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="D", help="last day (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(handler=cmd_export)


def _span(summary: dict) -> str:
    first, last = summary.get("first_entry"), summary.get("last_entry")
    if not first:
        return ""
    return f" ({first} to {last})" if first != last else f" ({first})"


def _counts(counter: dict) -> str:
    return ", ".join(f"{k} ({v})" for k, v in sorted(counter.items(), key=lambda kv: -kv[1]))


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from plnjournal.core.journal_io.importer import import_journal

    summary = import_journal(
        ctx.db(), args.path, args.format, dry_run=args.dry_run, timeformat=args.timeformat
    )
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
            f"{verb} the whole journal from {source}: {n} reflections{_span(summary)}, "
            f"{tables.get('skills', 0)} skills, {tables.get('ratings', 0)} ratings, "
            f"{tables.get('feedback_items', 0)} feedback items, "
            f"{tables.get('commitments', 0)} commitments."
        )
    else:
        verb = "Would import" if args.dry_run else "Imported"
        info(f"{verb} {n} reflections from {source}{_span(summary)}.")
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
    from pathlib import Path

    from plnjournal.core.dates import parse_date
    from plnjournal.core.journal_io.export import export_journal

    path = Path(args.path).expanduser()
    fmt = args.format or ("json" if path.suffix.lower() == ".json" else "markdown")
    date_from = parse_date(args.date_from, what="--from") if args.date_from else None
    date_to = parse_date(args.date_to, what="--to") if args.date_to else None
    db = ctx.db(create=False)
    with db.session() as session:
        summary = export_journal(session, path, fmt, date_from=date_from, date_to=date_to)
    if args.json:
        print_json(summary)
        return 0
    what = "Markdown files" if fmt == "markdown" else "one JSON file with everything"
    info(f"Exported {summary['entries']} reflections{_span(summary)} to {path} as {what}.")
    return 0
