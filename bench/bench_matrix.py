"""Time the skills matrix on a 10-year demo journal (the PDF and the matrix window share it).

Usage: python bench/bench_matrix.py [--years 10] [--db PATH]
The journal is built once into PATH (default: a cached file in the temp folder) and reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from plnjournal.core.demo import build_demo
from plnjournal.core.journal.stats import journal_stats
from plnjournal.core.skills.matrix import skill_matrix
from plnjournal.storage.db import open_database

TODAY = dt.date(2026, 11, 28)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / f"plnjournal-bench-{args.years}y.sqlite3"
    db = open_database(path)
    with db.session() as s:
        if not journal_stats(s)["entries"]:
            t = time.perf_counter()
            build_demo(s, years=args.years, seed=7, today=TODAY)
            print(f"built {args.years}-year demo in {time.perf_counter() - t:.1f} s")
    with db.session() as s:
        stats = journal_stats(s)
    print(
        f"journal: {stats['entries']} reflections, {stats['ratings']} ratings, "
        f"{stats['skills']} skills"
    )
    times = []
    for _ in range(args.runs):
        with db.session() as s:
            t = time.perf_counter()
            m = skill_matrix(s, as_of=TODAY)
            times.append((time.perf_counter() - t) * 1000)
    print(
        f"skill_matrix: {len(m.rows)} rows; median {statistics.median(times):.1f} ms, "
        f"min {min(times):.1f} ms, max {max(times):.1f} ms over {args.runs} runs"
    )
    db.close()


if __name__ == "__main__":
    main()
