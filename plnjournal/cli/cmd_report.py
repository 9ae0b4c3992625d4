"""The progress report from the command line: ``plnjournal export-pdf OUT.pdf``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from plnjournal.cli.args import output_path
from plnjournal.cli.chart_worker import ChartWorker
from plnjournal.cli.context import Context
from plnjournal.cli.output import info
from plnjournal.core.dates import parse_date
from plnjournal.core.gc_pause import paused_gc
from plnjournal.errors import InputError
from plnjournal.lazy import lazy_module

# Loaded once the chart worker has forked (cli/chart_worker.py): the PDF writer loads Qt, and
# a process must not fork once Qt is in it; the report's content and queries (Markdown, the
# report's SQL) are not needed by the child, whose fork would otherwise wait for them. The
# chart data's own modules, which the child needs to read what it is sent, come in with
# chart_worker. What it saves: docs/performance.md, "The chart worker, re-measured".
pdf_writer = lazy_module("plnjournal.report_pdf.writer")
content = lazy_module("plnjournal.core.report.content")
queries = lazy_module("plnjournal.core.report.queries")


def cmd_export_pdf(args: argparse.Namespace, ctx: Context) -> int:
    """The progress report to share with a mentor; private reflections stay out unless
    asked, and the PDF replaces ``OUT`` only once it is whole."""
    out = output_path(
        args.out, default_name="progress-report.pdf", force=args.force, what="export-pdf"
    )
    if out.suffix.lower() != ".pdf":
        raise InputError(f"{args.out}: give a file name ending in .pdf")
    if out.exists() and out.resolve() == ctx.db_path.resolve():
        raise InputError(f"{args.out}: is the journal itself; choose another file name")
    start = parse_date(args.start, what="--from") if args.start else None
    end = parse_date(args.end, what="--to") if args.end else None

    # The report makes tens of thousands of objects that live until the PDF is written.
    with paused_gc():
        worker = ChartWorker()  # before the journal is opened: it only ever draws
        try:
            return _export_pdf(args, ctx, out, start, end, worker)
        finally:
            worker.close()


def _export_pdf(
    args: argparse.Namespace,
    ctx: Context,
    out: Path,
    start: dt.date | None,
    end: dt.date | None,
    worker: ChartWorker,
) -> int:
    with ctx.db(create=False).session() as session:
        start, end = content.resolve_period(
            session, start, end, include_private=args.include_private
        )
        options = content.ReportOptions(
            start=start,
            end=end,
            include_private=args.include_private,
            anonymize_mentors=args.anonymize_mentors,
            entry_ids=tuple(args.entries) if args.entries else None,
            generated_on=dt.date.today(),
        )
        report = content.build_report(session, options)

    if report.has("charts") and report.charts is not None:
        worker.ask(report.charts, args.paper)
    prepared = pdf_writer.prepare_report(report)  # Qt starts, the HTML is made meanwhile
    drawn = worker.drawn()
    svgs, fonts = drawn if drawn is not None else (None, None)
    result = pdf_writer.write_report_pdf(
        report, out, paper=args.paper, charts=svgs, fonts=fonts, prepared=prepared
    )
    privacy = "private reflections included" if args.include_private else "no private reflections"
    info(
        f"Wrote {result.path}: progress report {queries.fmt_date(start)} – {queries.fmt_date(end)}, "
        f"{result.pages} page{'s' * (result.pages != 1)}, {privacy}"
        + (", mentor names left out." if args.anonymize_mentors else ".")
    )
    return 0
