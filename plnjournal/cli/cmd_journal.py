"""Journal commands: demo, add, search, stats, and opening the window."""

from __future__ import annotations

import argparse
import sys

from plnjournal.cli.args import positive_int
from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json
from plnjournal.cli.window import open_gui


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the journal window (the default with no command)")
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="for packagers: open the window, report that it showed, and quit (exit 0)",
    )
    p.add_argument(
        "--screenshot",
        metavar="PNG",
        help="with --smoke-test: save the window as a PNG picture before quitting",
    )
    p.set_defaults(handler=open_gui)

    p = sub.add_parser("demo", help="fill the journal with a realistic demo journal ending today")
    p.add_argument("--years", type=positive_int, default=1, help="years of entries (default 1)")
    p.add_argument("--seed", type=int, default=7, help="random seed (same seed, same journal)")
    p.add_argument(
        "--force", action="store_true", help="add the demo even if the journal has entries"
    )
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("add", help="quick capture: add a reflection")
    p.add_argument("text", nargs="?", help="the text; '-' reads it from standard input")
    p.add_argument("--date", help="YYYY-MM-DD, today or yesterday (default: today)")
    p.add_argument("--time", help="HH:MM (default: now)")
    p.add_argument("--title", help="title (default: the text's first sentence)")
    p.add_argument(
        "--skill",
        action="append",
        default=[],
        metavar="NAME_OR_CODE",
        help="link a skill (repeatable)",
    )
    p.add_argument("--private", action="store_true", help="never exported unless asked")
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("search", help='full-text search: words, "phrases", prefix*')
    p.add_argument("query")
    p.add_argument("--limit", type=positive_int, default=20)
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("stats", help="counts of entries, skills, ratings, feedback, commitments")
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler=cmd_stats)


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    from plnjournal.core.demo import build_demo

    db = ctx.db()
    with db.session() as session:
        summary = build_demo(session, years=args.years, seed=args.seed, force=args.force)
    info(
        f"Demo journal written to {db.path}: {summary['entries']} reflections from "
        f"{summary['first_entry']} to {summary['last_entry']}, {summary['skills']} skills, "
        f"{summary['feedback_items']} mentor feedback items, {summary['commitments']} commitments."
    )
    return 0


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    import datetime as dt

    from plnjournal.core.dates import parse_date, parse_time
    from plnjournal.core.journal.entries import add_entry, split_title
    from plnjournal.core.skills.lookup import find_skill
    from plnjournal.errors import InputError
    from plnjournal.values import EntrySource

    day = parse_date(args.date, what="--date") if args.date else dt.date.today()
    when = (
        parse_time(args.time, what="--time")
        if args.time
        else dt.datetime.now().time().replace(second=0, microsecond=0)
    )
    text = sys.stdin.read() if args.text == "-" else (args.text or "")
    if args.title is not None:
        title, body = args.title.strip(), text.strip()
    else:
        title, body = split_title(text)
    if not title and not body:
        raise InputError("add: nothing to add; give the text as an argument or '-' to read stdin")
    db = ctx.db()
    with db.session() as session:
        skills = {find_skill(session, s, what="--skill").id: None for s in args.skill}
        entry = add_entry(
            session,
            entry_date=day,
            entry_time=when,
            title=title,
            body=body,
            private=args.private,
            source=EntrySource.CLI,
            skills=skills,
        )
    # Only after the commit: "Added" must never be said of a reflection that is not saved.
    info(f"Added reflection {entry.id} on {day.isoformat()}: {title or body[:60]}")
    return 0


def cmd_search(args: argparse.Namespace, ctx: Context) -> int:
    from plnjournal.core.journal.search import order_explained, search_page, snippet_plain
    from plnjournal.storage.search import to_fts_query

    to_fts_query(args.query)  # a query with no word is refused before the journal is opened
    page = search_page(ctx.reader(), args.query, limit=args.limit)
    hits = page.hits
    if args.json:
        print_json(
            [
                {
                    "entry_id": h.entry_id,
                    "date": h.entry_date.isoformat(),
                    "title": h.title,
                    "snippet": snippet_plain(h.snippet),
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        info(f"No reflections match {args.query!r}.")
        return 0
    for h in hits:
        lock = " (private)" if h.private else ""
        info(f"{h.entry_date.isoformat()}  #{h.entry_id}  {h.title}{lock}")
        info(f"    {snippet_plain(h.snippet)}")
    if page.ranked_newest or len(hits) < page.total:
        info(order_explained(page))
    return 0


def cmd_stats(args: argparse.Namespace, ctx: Context) -> int:
    from plnjournal.core.journal.stats import journal_stats

    stats = journal_stats(ctx.reader())
    if args.json:
        print_json(stats)
        return 0
    span = (
        f"{stats['first_entry']} to {stats['last_entry']}" if stats["entries"] else "no entries yet"
    )
    info(f"Journal: {ctx.db_path}")
    info(f"  reflections     {stats['entries']:>7}   ({span})")
    info(f"  skills          {stats['skills']:>7}")
    info(f"  ratings         {stats['ratings']:>7}")
    info(f"  feedback items  {stats['feedback_items']:>7}")
    info(f"  commitments     {stats['commitments']:>7}")
    return 0
