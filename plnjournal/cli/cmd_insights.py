"""``plnjournal avoidance``: the skills you keep avoiding, and why."""

from __future__ import annotations

import argparse
import datetime as dt

from plnjournal.cli.args import TEXT_LIMIT
from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json
from plnjournal.core.dates import parse_date
from plnjournal.core.insights.avoidance import avoidance_scores, quiet_text


def cmd_avoidance(args: argparse.Namespace, ctx: Context) -> int:
    """The skills kept at arm's length, highest score first, each with its reasons in
    words, so the score can be checked against what the user knows."""
    as_of = parse_date(args.as_of, what="--as-of") if args.as_of else dt.date.today()
    with ctx.db(create=False).session() as session:
        scores = avoidance_scores(session, as_of)
    if args.json:
        print_json([s.to_json() for s in scores[: args.limit]])
        return 0
    if not scores:
        info("No skills to score: the journal has no active skills framework yet.")
        return 0
    limit = args.limit or TEXT_LIMIT
    info(
        f"What you keep avoiding, as of {as_of.isoformat()} (score 0–100, highest first; "
        "act now from 60, watch from 25):"
    )
    if scores[0].getting_started:
        info(
            "The journal is getting started: it is younger than the longest cadence of its "
            "skills, so skills not yet due are not counted against you."
        )
    for s in scores[:limit]:
        info()
        info(f"{s.score:>3}  {str(s.band).upper():<7}  {s.code}  {s.skill}  ({s.area})")
        for reason in s.reasons:
            info(f"       - {reason}")
        for news in s.good_news:
            info(f"       + {news}")
        if not s.reasons:
            info(f"       - {quiet_text(s)}")
    if len(scores) > limit:
        info()
        info(f"… {len(scores) - limit} more; --limit {len(scores)} shows all.")
    return 0
