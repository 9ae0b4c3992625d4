"""``plnjournal demo``: a realistic demo journal ending today, to try the app on.

Apart from ``add`` so quick capture does not load the demo generator.
"""

from __future__ import annotations

import argparse

from plnjournal.cli.context import Context
from plnjournal.cli.output import info
from plnjournal.core.demo import build_demo
from plnjournal.core.words import plural


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    """A journal to try the app on (or to measure it); refuses a journal that has
    reflections unless ``--force``, so nobody's writing is mixed with invented entries."""
    db = ctx.db()
    with db.session() as session:
        summary = build_demo(session, years=args.years, seed=args.seed, force=args.force)
    count = {k: int(v) for k, v in summary.items() if isinstance(v, int)}
    info(
        f"Demo journal written to {db.path}: {plural(count['entries'], 'reflection')} from "
        f"{summary['first_entry']} to {summary['last_entry']}, "
        f"{plural(count['skills'], 'skill')}, "
        f"{plural(count['feedback_items'], 'mentor feedback item')}, "
        f"{plural(count['commitments'], 'commitment')}."
    )
    return 0
