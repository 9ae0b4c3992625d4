"""The progress report from the command line: ``plnjournal export-pdf OUT.pdf``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from plnjournal.cli.context import Context
from plnjournal.cli.output import info


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export-pdf",
        help="write a shareable progress report (PDF) for a period",
        description="Write a progress report: summary, skills matrix, charts, what was avoided "
        "and why, mentor feedback and responses, commitments, selected reflections. Private "
        "reflections are left out unless --include-private is given.",
    )
    p.add_argument("out", metavar="OUT.pdf", help="the PDF file to write (replaced if it exists)")
    p.add_argument("--from", dest="start", metavar="DATE", help="first day (YYYY-MM-DD)")
    p.add_argument(
        "--to",
        dest="end",
        metavar="DATE",
        help="last day (default: the latest reflection; with neither date, its last 3 months)",
    )
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size")
    p.add_argument(
        "--include-private", action="store_true", help="include reflections marked private"
    )
    p.add_argument(
        "--anonymize-mentors",
        action="store_true",
        help="leave mentor names out: “Mentor A”, “Mentor B”, … everywhere",
    )
    p.add_argument(
        "--entry",
        dest="entries",
        type=int,
        action="append",
        metavar="ID",
        help="a reflection to include in full (repeatable; default: those marked highlight)",
    )
    p.set_defaults(handler=cmd_export_pdf)


def cmd_export_pdf(args: argparse.Namespace, ctx: Context) -> int:
    from plnjournal.core.dates import parse_date
    from plnjournal.errors import InputError

    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise InputError(f"{args.out}: give a file name ending in .pdf")
    if out.exists() and out.resolve() == ctx.db_path.resolve():
        raise InputError(f"{args.out}: is the journal itself; choose another file name")
    start = parse_date(args.start, what="--from") if args.start else None
    end = parse_date(args.end, what="--to") if args.end else None
    from plnjournal.core.gc_pause import paused_gc

    # Paused for the imports too (SQLAlchemy, Qt): their objects live as long as the process.
    with paused_gc():
        return _export_pdf(args, ctx, out, start, end)


def _export_pdf(
    args: argparse.Namespace,
    ctx: Context,
    out: Path,
    start: dt.date | None,
    end: dt.date | None,
) -> int:
    from plnjournal.core.report.content import ReportOptions, build_report, resolve_period
    from plnjournal.core.report.queries import fmt_date

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
    from plnjournal.report_pdf.writer import write_report_pdf

    result = write_report_pdf(report, out, paper=args.paper)
    privacy = "private reflections included" if args.include_private else "no private reflections"
    info(
        f"Wrote {result.path}: progress report {fmt_date(start)} – {fmt_date(end)}, "
        f"{result.pages} page{'s' * (result.pages != 1)}, {privacy}"
        + (", mentor names left out." if args.anonymize_mentors else ".")
    )
    return 0
