"""The progress report from the command line: ``plnjournal export-pdf OUT.pdf``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from plnjournal.cli.context import Context
from plnjournal.cli.output import info
from plnjournal.core.dates import parse_date
from plnjournal.core.gc_pause import paused_gc
from plnjournal.core.report.content import ReportOptions, build_report, resolve_period
from plnjournal.core.report.queries import fmt_date
from plnjournal.errors import InputError
from plnjournal.report_pdf.writer import write_report_pdf


def cmd_export_pdf(args: argparse.Namespace, ctx: Context) -> int:
    """The progress report to share with a mentor; private reflections stay out unless
    asked, and the PDF replaces ``OUT`` only once it is whole."""
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise InputError(f"{args.out}: give a file name ending in .pdf")
    if out.exists() and out.resolve() == ctx.db_path.resolve():
        raise InputError(f"{args.out}: is the journal itself; choose another file name")
    start = parse_date(args.start, what="--from") if args.start else None
    end = parse_date(args.end, what="--to") if args.end else None

    # The report makes tens of thousands of objects that live until the PDF is written.
    with paused_gc():
        return _export_pdf(args, ctx, out, start, end)


def _export_pdf(
    args: argparse.Namespace,
    ctx: Context,
    out: Path,
    start: dt.date | None,
    end: dt.date | None,
) -> int:
    with ctx.db(create=False).session() as session:
        start, end = resolve_period(session, start, end, include_private=args.include_private)
        options = ReportOptions(
            start=start,
            end=end,
            include_private=args.include_private,
            anonymize_mentors=args.anonymize_mentors,
            entry_ids=tuple(args.entries) if args.entries else None,
            generated_on=dt.date.today(),
        )
        report = build_report(session, options)

    result = write_report_pdf(report, out, paper=args.paper)
    privacy = "private reflections included" if args.include_private else "no private reflections"
    info(
        f"Wrote {result.path}: progress report {fmt_date(start)} – {fmt_date(end)}, "
        f"{result.pages} page{'s' * (result.pages != 1)}, {privacy}"
        + (", mentor names left out." if args.anonymize_mentors else ".")
    )
    return 0
