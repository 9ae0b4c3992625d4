"""Time the avoidance model on a big journal: scoring every active skill must take ≤ 30 ms warm.

Usage::

    plnjournal --db /tmp/demo10.sqlite3 demo --years 10      # 27 skills, 10 years
    python bench/avoidance.py /tmp/demo10.sqlite3 [--as-of 2026-11-28] [--runs 30]
    python bench/avoidance.py --build /tmp/demo40.sqlite3     # 40 skills, 10 years (~30 s once)

``--build`` writes a 10-year demo journal over the teaching framework widened to 40 skills
(the issue's budget case). The figure that counts is the median of warm runs (the app scores
again after every change); the first call in a fresh process is shown too, as it also pays
for SQLAlchemy compiling the statements and the file being read into SQLite's page cache.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import sys
import time
from pathlib import Path


def build_journal(path: Path, years: int = 10, skills: int = 40) -> None:
    """A demo journal whose framework has ``skills`` skills (teaching plus made-up ones)."""
    from plnjournal.core.demo import build_demo
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.storage.db import open_database

    spec = load_builtin("teaching")
    have = sum(len(a.skills) for a in spec.areas)
    extra_area = spec.areas[-1]
    template = extra_area.skills[-1]
    for i in range(skills - have):
        extra_area.skills.append(
            dataclasses.replace(template, code=f"X{i + 1}", name=f"{template.name} ({i + 2})")
        )
    db = open_database(path)
    with db.session() as session:
        install_framework(session, spec)
        build_demo(session, years=years, seed=7, today=dt.date(2026, 11, 28))
    db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal", type=Path)
    parser.add_argument("--as-of", default="2026-11-28")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--build", action="store_true", help="write a 40-skill 10-year journal")
    args = parser.parse_args(argv)
    if args.build:
        if args.journal.exists():
            sys.exit(f"{args.journal} exists; give a new file name")
        build_journal(args.journal)

    from plnjournal.core.insights.avoidance import score_facts
    from plnjournal.core.insights.avoidance_data import load_facts
    from plnjournal.storage.db import open_database

    as_of = dt.date.fromisoformat(args.as_of)
    db = open_database(args.journal)
    with db.session() as session:
        t0 = time.perf_counter()
        facts = load_facts(session, as_of)
        scores = score_facts(facts)
        first = (time.perf_counter() - t0) * 1000
        loads, scorings, cpu = [], [], []
        for _ in range(args.runs):
            c0 = time.process_time()
            t0 = time.perf_counter()
            facts = load_facts(session, as_of)
            t1 = time.perf_counter()
            scores = score_facts(facts)
            t2 = time.perf_counter()
            cpu.append((time.process_time() - c0) * 1000)
            loads.append((t1 - t0) * 1000)
            scorings.append((t2 - t1) * 1000)
        from sqlalchemy import func, select

        from plnjournal.storage.models import Entry

        entries = session.scalar(select(func.count()).select_from(Entry))
    db.close()
    totals = [a + b for a, b in zip(loads, scorings, strict=True)]
    print(f"journal: {args.journal} ({entries} reflections, {len(scores)} active skills)")
    print(f"first call in this process: {first:.1f} ms")
    print(
        f"warm, median of {args.runs}: {statistics.median(totals):.1f} ms "
        f"(reading facts {statistics.median(loads):.1f} ms, "
        f"scoring {statistics.median(scorings):.2f} ms); "
        f"fastest {min(totals):.1f} ms, slowest {max(totals):.1f} ms"
    )
    # On a machine shared with other work, wall time swings; CPU time is this process alone.
    print(f"CPU time, median: {statistics.median(cpu):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
