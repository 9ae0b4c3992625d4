"""Foundation figures: full-text search in-process, and whole ``plnjournal stats``/``search``
processes, on a generated journal (bench/generate.py).

    python bench/search_stats.py [--years 10] [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plnjournal.core.journal.search import search  # noqa: E402

QUERIES = (
    "feedback",
    "parents evening",
    '"seating plan"',
    "transit*",
    "calm OR anxious",
    "homework marking",
)


def timed(fn, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU times (CPU time of this process and its children), after a warm-up.

    CPU time is reported beside wall time because the machine is often shared: it is what the
    work costs, whatever else runs."""
    fn()  # warm-up
    wall, cpu = [], []
    for _ in range(runs):
        c0 = _cpu()
        t0 = time.perf_counter()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(_cpu() - c0)
    return wall, cpu


def _cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def row(name: str, times: tuple[list[float], list[float]]) -> str:
    wall = [t * 1000 for t in times[0]]
    cpu = [t * 1000 for t in times[1]]
    return (
        f"{name:<40} wall median {statistics.median(wall):7.1f} ms (min {min(wall):6.1f}, "
        f"max {max(wall):6.1f})   cpu median {statistics.median(cpu):7.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import ensure, parse_size

    db = ensure(parse_size(str(args.years)))["db"]
    conn = sqlite3.connect(db)
    n = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    print(
        f"journal: {db.name}, {n} entries; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    for q in QUERIES:
        print(
            row(f"search in-process {q!r}", timed(lambda q=q: search(conn, q, limit=20), args.runs))
        )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cli = [sys.executable, "-m", "plnjournal", "--db", str(db)]
    for name, cmd in (
        ("process: plnjournal stats", [*cli, "stats"]),
        ("process: plnjournal search feedback", [*cli, "search", "feedback"]),
    ):
        print(
            row(
                name,
                timed(
                    lambda cmd=cmd: subprocess.run(cmd, env=env, check=True, capture_output=True),
                    max(5, args.runs // 2),
                ),
            )
        )
    print(
        row(
            "process: python -c pass",
            timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 5),
        )
    )


if __name__ == "__main__":
    main()
