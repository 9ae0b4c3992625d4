"""The quick read commands: ``search``, ``stats`` and ``show``, over a plain read-only
connection (``Context.reader``).

They are the commands people run many times a day from a terminal: nothing imported here may
load SQLAlchemy, Qt or matplotlib (tests/cli/test_cli.py checks it).
"""

from __future__ import annotations

import argparse

from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json
from plnjournal.core.dates import parse_date
from plnjournal.core.journal.recent import find_entries, tag_counts
from plnjournal.core.journal.search import (
    order_explained,
    search_page,
    snippet_highlights,
    snippet_plain,
)
from plnjournal.core.journal.stats import journal_stats
from plnjournal.core.words import plural
from plnjournal.storage.search import to_fts_query


def cmd_search(args: argparse.Namespace, ctx: Context) -> int:
    """Full-text search over the plain read-only connection (no SQLAlchemy), because it is
    run often and must answer at once; a query without a word is refused before any file
    is opened."""
    to_fts_query(args.query)  # a query with no word is refused before the journal is opened
    date_from = parse_date(args.date_from, what="--from") if args.date_from else None
    date_to = parse_date(args.date_to, what="--to") if args.date_to else None
    filters = {"date_from": date_from, "date_to": date_to, "tag": args.tag}
    if args.skill:
        # A skill is found by code or name through the ORM: only this filter opens a session.
        with ctx.db(create=False).session() as session:
            page = search_page(session, args.query, limit=args.limit, skill=args.skill, **filters)
    else:
        page = search_page(ctx.reader(), args.query, limit=args.limit, **filters)
    hits = page.hits
    if args.json:
        out = []
        for h in hits:
            snippet, marks = snippet_highlights(h.snippet)
            out.append(
                {
                    "entry_id": h.entry_id,
                    "date": h.entry_date.isoformat(),
                    "title": h.title,
                    "private": h.private,
                    "snippet": snippet,
                    "highlights": [list(m) for m in marks],
                }
            )
        print_json(out)
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
    """Counts of what the journal holds, to check a journal or an import at a glance."""
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


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    """Reflections in full, read like ``search`` over the plain connection: the latest, one
    by its number, or those of a day, a period, a skill or a tag."""
    day = parse_date(args.on, what="--on") if args.on else None
    date_from = day or (parse_date(args.date_from, what="--from") if args.date_from else None)
    date_to = day or (parse_date(args.date_to, what="--to") if args.date_to else None)
    entries = find_entries(
        ctx.reader(),
        n=args.count,
        entry_id=args.entry,
        date_from=date_from,
        date_to=date_to,
        skill=args.skill,
        tag=args.tag,
    )
    if args.json:
        print_json(
            [
                {
                    "entry_id": e.entry_id,
                    "date": e.entry_date.isoformat(),
                    "time": e.entry_time.strftime("%H:%M") if e.entry_time else None,
                    "title": e.title,
                    "body": e.body,
                    "private": e.private,
                    "skills": [code for code, _name in e.skills],
                    "tags": list(e.tags),
                }
                for e in entries
            ]
        )
        return 0
    if not entries:
        info("No reflections match." if _filtered(args) else "No reflections yet.")
        return 0
    for i, e in enumerate(entries):
        if i:
            info()
        when = e.entry_date.isoformat() + (f" {e.entry_time:%H:%M}" if e.entry_time else "")
        lock = "  (private)" if e.private else ""
        info(f"{when}  #{e.entry_id}  {e.title or '(no title)'}{lock}")
        if e.skills:
            info("Skills: " + ", ".join(f"{code} {name}" for code, name in e.skills))
        if e.tags:
            info("Tags: " + ", ".join(e.tags))
        if e.body.strip():
            info()
            info(e.body.rstrip())
    return 0


def _filtered(args: argparse.Namespace) -> bool:
    return any((args.on, args.date_from, args.date_to, args.skill, args.tag))


def cmd_tags(args: argparse.Namespace, ctx: Context) -> int:
    """The journal's tags (from jrnl or Day One, or ``@words`` in ``add``), most used
    first, so ``show --tag`` and ``search --tag`` have names to go by."""
    counts = tag_counts(ctx.reader())
    if args.json:
        print_json([{"tag": tag, "reflections": n} for tag, n in counts])
        return 0
    if not counts:
        info("No tags yet: @words in 'plnjournal add' and imported journals' tags land here.")
        return 0
    width = max(len(tag) for tag, _n in counts)
    for tag, n in counts:
        info(f"{tag:<{width}}  {plural(n, 'reflection')}")
    return 0
