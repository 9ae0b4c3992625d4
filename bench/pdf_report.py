"""Time a one-year progress report from the demo journal: it must take < 5 s (budget 3 s).

Usage::

    python bench/pdf_report.py [--runs 5] [--highlights 24] [--paper a4] [--db PATH]

A 1-year demo journal ending 2026-11-28 is built once into PATH (default: a cached file in
the temp folder); ``--highlights N`` marks N of its reflections, spread over the year, as
highlights (the demo has none), so the report also carries N reflections in full.

Two figures:
- the whole command, ``plnjournal export-pdf OUT.pdf --from … --to …`` in a fresh process, as
  the user runs it (imports, Qt's offscreen start, matplotlib, everything): wall and CPU time;
- inside one process, the phases: gathering the report (SQL + the avoidance model), building
  the document (HTML, charts, layout, pagination) and painting and writing the PDF.
The machine is shared, so CPU time (this work alone) is printed beside wall time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import installed_env

TODAY = dt.date(2026, 11, 28)
START = dt.date(2025, 11, 29)


def build(path: Path, highlights: int) -> None:
    from sqlalchemy import func, select

    from plnjournal.core.demo import build_demo
    from plnjournal.core.journal.entries import update_entry
    from plnjournal.storage.db import open_database
    from plnjournal.storage.models import Entry

    db = open_database(path)
    with db.session() as s:
        if not s.scalar(select(func.count(Entry.id))):
            build_demo(s, years=1, seed=7, today=TODAY)
        s.execute(Entry.__table__.update().values(highlight=False))
        ids = list(s.scalars(select(Entry.id).where(Entry.private.is_(False)).order_by(Entry.id)))
        step = max(1, len(ids) // max(highlights, 1))
        for entry_id in ids[::step][:highlights]:
            update_entry(s, entry_id, highlight=True)
    db.close()


def whole_command(db: Path, out: Path, paper: str) -> tuple[float, float]:
    """Wall and CPU seconds of ``plnjournal export-pdf`` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "plnjournal", "--db", str(db), "export-pdf", str(out)]
        + ["--from", START.isoformat(), "--to", TODAY.isoformat(), "--paper", paper, "--force"],
        check=True,
        capture_output=True,
        env={**installed_env(), "QT_QPA_PLATFORM": "offscreen"},
    )
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def phases(db_path: Path, out: Path, paper: str) -> dict[str, float]:
    from plnjournal.core.report.content import ReportOptions, build_report
    from plnjournal.core.report.data_json import ATTACHMENT_NAME, report_json
    from plnjournal.report_pdf.writer import build_document, ensure_gui_app, pdf_title
    from plnjournal.storage.db import open_database

    ensure_gui_app()
    db = open_database(db_path)
    times: dict[str, float] = {}
    t = time.perf_counter()
    with db.session() as s:
        report = build_report(s, ReportOptions(start=START, end=TODAY, generated_on=TODAY))
    times["gather"] = time.perf_counter() - t
    t = time.perf_counter()
    document = build_document(report, paper)
    times["document"] = time.perf_counter() - t
    t = time.perf_counter()
    document.write_pdf(
        out, title=pdf_title(report), attachment=(ATTACHMENT_NAME, report_json(report))
    )
    times["write"] = time.perf_counter() - t
    times["pages"] = document.page_count
    db.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--highlights", type=int, default=24)
    ap.add_argument("--paper", choices=("a4", "letter"), default="a4")
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / "plnjournal-bench-report-1y.sqlite3"
    build(path, args.highlights)
    out = Path(tempfile.gettempdir()) / "plnjournal-bench-report.pdf"
    print(f"load average {os.getloadavg()[0]:.1f}; journal {path}")

    walls, cpus = [], []
    for _ in range(args.runs):
        wall, cpu = whole_command(path, out, args.paper)
        walls.append(wall)
        cpus.append(cpu)
    print(
        f"plnjournal export-pdf, 1 year, {args.highlights} highlights: wall median "
        f"{statistics.median(walls):.2f} s (fastest {min(walls):.2f} s), CPU median "
        f"{statistics.median(cpus):.2f} s over {args.runs} runs"
    )
    runs = [phases(path, out, args.paper) for _ in range(args.runs)]
    pages = int(runs[0]["pages"])
    for key in ("gather", "document", "write"):
        values = [r[key] for r in runs]
        print(f"  {key:<9} median {statistics.median(values) * 1000:7.0f} ms")
    print(f"  {pages} pages, {out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
