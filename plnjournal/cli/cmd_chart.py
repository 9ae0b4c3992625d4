"""``plnjournal chart``: one insight chart to a PNG, SVG or PDF file.

Apart from ``avoidance`` because it loads matplotlib, which that command does not need.
"""

from __future__ import annotations

import argparse
import datetime as dt

from plnjournal.cli.args import CHART_FORMATS, output_path
from plnjournal.cli.context import Context
from plnjournal.cli.output import info
from plnjournal.core.charts.figures import save_figure
from plnjournal.core.dates import parse_date
from plnjournal.core.insights.chart_data import make_chart
from plnjournal.core.skills.lookup import find_skill
from plnjournal.errors import InputError


def cmd_chart(args: argparse.Namespace, ctx: Context) -> int:
    """One chart as a file to share or print; the arguments are checked before the journal
    is opened, so a typo costs no wait."""
    out = output_path(args.out, default_name=f"{args.kind}.png", force=args.force, what="chart")
    if out.suffix.lower() not in CHART_FORMATS:
        raise InputError(f"{out}: the chart file must end in .png, .svg or .pdf")
    start = parse_date(args.date_from, what="--from") if args.date_from else None
    end = parse_date(args.date_to, what="--to") if args.date_to else None
    if start and end and start > end:
        raise InputError(f"--from {start.isoformat()} is after --to {end.isoformat()}")

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
            include_private=args.include_private,
        )
    save_figure(fig, out)
    info(f"Wrote the {args.kind} chart to {out}")
    return 0
