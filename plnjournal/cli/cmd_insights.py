"""Insight commands: ``avoidance`` (what you keep avoiding, and why) and ``chart``."""

from __future__ import annotations

import argparse

from plnjournal.cli.args import positive_int
from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json

TEXT_LIMIT = 10
# Kept here rather than imported, so building the parser imports nothing heavy.
CHART_KINDS = ("avoidance", "heatmap", "blindspots", "trends", "calendar")
CHART_FORMATS = (".png", ".svg", ".pdf")


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
        type=positive_int,
        metavar="N",
        help=f"show the top N skills (default: {TEXT_LIMIT} as text, all with --json)",
    )
    p.set_defaults(handler=cmd_avoidance)

    p = sub.add_parser(
        "chart",
        help="draw an insight chart to a PNG, SVG or PDF file",
        description="Charts: avoidance (the ranking with reasons), heatmap (reflections per "
        "skill per week), blindspots (you vs mentor vs target), trends (ratings over time), "
        "calendar (journaling days and streaks). The period defaults to the year up to today; "
        "avoidance and blindspots are as of --to.",
    )
    p.add_argument("kind", choices=CHART_KINDS, metavar="{" + ",".join(CHART_KINDS) + "}")
    p.add_argument("out", metavar="OUT", help="the file to write: .png, .svg or .pdf")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="start of the period")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="end of the period")
    p.add_argument(
        "--skill",
        action="append",
        metavar="CODE",
        help="only this skill (repeatable; code or name)",
    )
    p.add_argument("--dark", action="store_true", help="the dark theme")
    p.set_defaults(handler=cmd_chart)


def cmd_avoidance(args: argparse.Namespace, ctx: Context) -> int:
    import datetime as dt

    from plnjournal.core.dates import parse_date
    from plnjournal.core.insights.avoidance import avoidance_scores

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


def cmd_chart(args: argparse.Namespace, ctx: Context) -> int:
    import datetime as dt
    from pathlib import Path

    from plnjournal.core.dates import parse_date
    from plnjournal.errors import InputError

    out = Path(args.out)
    if out.suffix.lower() not in CHART_FORMATS:
        raise InputError(f"{out}: the chart file must end in .png, .svg or .pdf")
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: no such folder for the chart file")
    start = parse_date(args.date_from, what="--from") if args.date_from else None
    end = parse_date(args.date_to, what="--to") if args.date_to else None
    if start and end and start > end:
        raise InputError(f"--from {start.isoformat()} is after --to {end.isoformat()}")
    from plnjournal.core.charts.figures import save_figure
    from plnjournal.core.insights.chart_data import make_chart
    from plnjournal.core.skills.lookup import find_skill

    with ctx.db(create=False).session() as session:
        codes = [find_skill(session, s, what="--skill").code for s in args.skill or []] or None
        fig = make_chart(
            session,
            args.kind,
            start=start,
            end=end,
            codes=codes,
            dark=args.dark,
            today=dt.date.today(),
        )
    save_figure(fig, out)
    info(f"Wrote the {args.kind} chart to {out}")
    return 0
