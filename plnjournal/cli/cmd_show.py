"""``plnjournal show [-n N]``: the latest reflections in full, for a quick look from a terminal."""

from __future__ import annotations

import argparse

from plnjournal.cli.args import positive_int
from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="print the latest reflections in full (default: the last one)")
    p.add_argument(
        "-n", dest="count", type=positive_int, default=1, metavar="N", help="how many (default 1)"
    )
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=cmd_show)


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    from plnjournal.core.journal.recent import latest_entries

    entries = latest_entries(ctx.reader(), args.count)
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
                }
                for e in entries
            ]
        )
        return 0
    if not entries:
        info("No reflections yet.")
        return 0
    for i, e in enumerate(entries):
        if i:
            info()
        when = e.entry_date.isoformat() + (f" {e.entry_time:%H:%M}" if e.entry_time else "")
        lock = "  (private)" if e.private else ""
        info(f"{when}  #{e.entry_id}  {e.title or '(no title)'}{lock}")
        if e.skills:
            info("Skills: " + ", ".join(f"{code} {name}" for code, name in e.skills))
        if e.body.strip():
            info()
            info(e.body.rstrip())
    return 0
