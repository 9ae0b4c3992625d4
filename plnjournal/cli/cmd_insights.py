"""Insight commands: ``avoidance`` (what you keep avoiding, and why) and ``chart``."""

from __future__ import annotations

import argparse

from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json

TEXT_LIMIT = 10


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "avoidance",
        help="the skills you keep avoiding, highest score first, with the reasons",
        description="Score every active skill 0–100 from named signals (docs/avoidance.md) "
        "and say why in plain words.",
    )
    p.add_argument("--as-of", metavar="DATE", help="score as the journal stood on DATE")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument(
        "--limit",
        type=_positive_int,
        metavar="N",
        help=f"show the top N skills (default: {TEXT_LIMIT} as text, all with --json)",
    )
    p.set_defaults(handler=cmd_avoidance)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def cmd_avoidance(args: argparse.Namespace, ctx: Context) -> int:
    import datetime as dt

    from plnjournal.core.avoidance import avoidance_scores
    from plnjournal.core.dates import parse_date

    as_of = parse_date(args.as_of, what="--as-of") if args.as_of else dt.date.today()
    with ctx.db().session() as session:
        scores = avoidance_scores(session, as_of)
    if args.json:
        print_json([s.to_json() for s in scores[: args.limit]])
        return 0
    if not scores:
        info("No skills to score: the journal has no active skills framework yet.")
        return 0
    limit = args.limit or TEXT_LIMIT
    info(f"What you keep avoiding, as of {as_of.isoformat()} (score 0–100, highest first):")
    for s in scores[:limit]:
        info()
        info(f"{s.score:>3}  {s.code}  {s.skill}  ({s.area})")
        for reason in s.reasons:
            info(f"       - {reason}")
        if not s.reasons:
            info("       - nothing to say: you are keeping up with it")
    if len(scores) > limit:
        info()
        info(f"… {len(scores) - limit} more; --limit {len(scores)} shows all.")
    return 0
