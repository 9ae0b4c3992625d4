"""Time importing a 10,000-row mentor feedback file: read, check, back up, write, re-import.

Usage: python bench/feedback_import.py [--rows 10000] [--runs 5] [--format csv|xlsx|json]
Each run imports into a fresh copy of a 1-year demo journal (built once, cached in the temp
folder). Wall time and CPU time are reported separately: on a shared machine wall time is
inflated by other work, CPU time is what the import itself costs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from plnjournal.core.demo import build_demo
from plnjournal.core.feedback.importer import (
    ImportOptions,
    apply_import,
    load_sources,
    plan_sources,
)
from plnjournal.core.skills.lookup import list_skills
from plnjournal.storage.backup import copy_database, make_backup
from plnjournal.storage.db import open_database

TODAY = dt.date(2026, 11, 28)
MENTORS = ("Ms Adeyemi", "Mr Novak", "Dr Ahmed", "Mrs Lindqvist")  # not the demo's mentors
COMMENTS = (
    "Clear routines; the class settled within a minute.",
    "We agreed you would call home after the incident; I have not seen that happen yet.",
    "Good questioning, but wait longer before taking answers.\n\nTry mini whiteboards.",
    "Plan the plenary first and cut content to protect it.",
    "",
    "",
)


def make_rows(codes: list[str], n: int, seed: int = 11) -> list[list[str]]:
    """``n`` distinct feedback rows over two years, four mentors and every skill."""
    rng = random.Random(seed)
    combos = rng.sample(range(len(MENTORS) * len(codes) * 730), n)
    rows = []
    for c in combos:
        mentor, rest = divmod(c, len(codes) * 730)
        skill, day = divmod(rest, 730)
        comment = rng.choice(COMMENTS)
        rows.append(
            [
                (TODAY - dt.timedelta(days=day)).isoformat(),
                MENTORS[mentor],
                codes[skill],
                str(rng.randint(1, 5)) if comment == "" or rng.random() < 0.8 else "",
                comment,
            ]
        )
    return rows


def write_file(folder: Path, rows: list[list[str]], fmt: str) -> Path:
    header = ["date", "mentor", "skill", "rating", "comment"]
    path = folder / f"feedback-{len(rows)}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows([header, *rows])
        path.write_text(out.getvalue(), encoding="utf-8")
    elif fmt == "json":
        items = [dict(zip(header, r, strict=True)) for r in rows]
        path.write_text(json.dumps({"items": items}, indent=1), encoding="utf-8")
    else:
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        for row in [header, *rows]:
            ws.append(row)
        wb.save(path)
    return path


def timed(fn):
    w, c = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - w, time.process_time() - c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv")
    args = ap.parse_args()
    tmp = Path(tempfile.gettempdir())
    template = tmp / "plnjournal-bench-feedback-1y.sqlite3"
    if not template.exists():
        db = open_database(template)
        with db.session() as s:
            build_demo(s, years=1, seed=7, today=TODAY)
        db.close()
    db = open_database(template)
    with db.session() as s:
        codes = [sk.code for sk in list_skills(s)]
    db.close()
    work = Path(tempfile.mkdtemp(prefix="plnjournal-bench-"))
    path = write_file(work, make_rows(codes, args.rows), args.format)
    size = path.stat().st_size
    options = ImportOptions(today=TODAY)
    phases: dict[str, list[tuple[float, float]]] = {}
    refs: list[float] = []
    for run in range(args.runs):
        refs.append(reference_loop(1))
        db = open_database(copy_database(template, work / f"run{run}.sqlite3"))
        sources, *t_read = timed(lambda: load_sources([path]))
        with db.session() as s:
            plan, *t_plan = timed(lambda s=s, src=sources: plan_sources(s, src, options))
        assert not plan.errors and plan.new_count == args.rows, plan.errors[:3]
        _, *t_backup = timed(lambda db=db: make_backup(db.path, "bench"))
        result, *t_write = timed(lambda db=db, plan=plan: apply_import(db, plan, backup=False))
        assert result.imported == args.rows
        with db.session() as s:
            again, *t_again = timed(lambda s=s: plan_sources(s, load_sources([path]), options))
        assert again.duplicates == args.rows and again.new_count == 0
        db.close()
        for name, t in (
            ("read file", t_read),
            ("parse + check", t_plan),
            ("backup", t_backup),
            ("write (one transaction)", t_write),
            ("re-import (all duplicates)", t_again),
        ):
            phases.setdefault(name, []).append(tuple(t))
    print(f"{args.rows} rows, {args.format}, {size / 1024:.0f} KB, {args.runs} runs:")
    print(f"{'phase':30} {'wall median':>12} {'CPU median':>11} {'CPU min':>8}  (ms)")
    work_phases = ("read file", "parse + check", "write (one transaction)")
    for name, ts in phases.items():
        wall = statistics.median(t[0] for t in ts) * 1000
        cpu = [t[1] * 1000 for t in ts]
        print(f"{name:30} {wall:12.0f} {statistics.median(cpu):11.0f} {min(cpu):8.0f}")
    totals = [
        (sum(phases[p][i][0] for p in work_phases), sum(phases[p][i][1] for p in work_phases))
        for i in range(args.runs)
    ]
    wall = statistics.median(t[0] for t in totals) * 1000
    cpu = [t[1] * 1000 for t in totals]
    print(
        f"{'import = read+check+write':30} {wall:12.0f} {statistics.median(cpu):11.0f} "
        f"{min(cpu):8.0f}"
    )
    ratio = statistics.median(t[1] / r for t, r in zip(totals, refs, strict=True))
    print(
        f"reference loop (3M additions) CPU: median {statistics.median(refs) * 1000:.0f} ms, "
        f"min {min(refs) * 1000:.0f} ms; import = {ratio:.1f} reference loops; load {load()}"
    )


def reference_loop(times: int = 3) -> float:
    """A fixed amount of pure-Python work, to compare machines and moments of load (on a
    shared machine CPU time itself stretches with the load)."""
    best = float("inf")
    for _ in range(times):
        c = time.process_time()
        total = 0
        for i in range(3_000_000):
            total += i
        best = min(best, time.process_time() - c)
    return best


def load() -> str:
    import os

    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
