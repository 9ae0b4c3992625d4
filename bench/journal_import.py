"""How long a 10-year jrnl journal (~3,650 entries) takes to import, re-import and export.

    python bench/journal_import.py [--years 10] [--runs 3]

Each run uses a fresh journal with the teaching framework. Figures are medians of the runs,
wall-clock and CPU seconds (the machine may be shared: CPU time is what the work itself
costs); docs/performance.md records them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

WORDS = [
    "lesson",
    "class",
    "students",
    "plenary",
    "starter",
    "routine",
    "behaviour",
    "parents",
    "mentor",
    "feedback",
    "questions",
    "marking",
    "seating",
    "plan",
    "worked",
    "example",
    "pace",
    "transitions",
    "homework",
    "explained",
    "confident",
    "anxious",
    "tried",
    "noticed",
    "next",
    "time",
    "will",
]


def make_journal(path: Path, years: int, seed: int = 7) -> int:
    """A jrnl journal as jrnl 4 writes it: one entry most days, ~120-word bodies, tags."""
    rng = random.Random(seed)
    start = dt.date(2026, 11, 28) - dt.timedelta(days=365 * years)
    parts = []
    for i in range(365 * years):
        day = start + dt.timedelta(days=i)
        hour = rng.randint(1, 12)
        stamp = f"{day.isoformat()} {hour:02d}:{rng.randint(0, 59):02d}:00 {rng.choice('AP')}M"
        body = " ".join(rng.choice(WORDS) for _ in range(120))
        tags = " ".join(
            f"@{rng.choice(('CL1', 'IN2', 'PA1', 'workload', 'parents'))}" for _ in range(2)
        )
        parts.append(
            f"[{stamp}] Day {i + 1}: {rng.choice(WORDS)} {rng.choice(WORDS)}.\n{body} {tags}\n"
        )
    path.write_text("\n".join(parts), encoding="utf-8")
    return len(parts)


class Clock:
    """Wall and CPU time of each step."""

    def __init__(self) -> None:
        self.times: dict[str, tuple[float, float]] = {}

    def run(self, label: str, fn: Callable[[], object]) -> object:
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        self.times[label] = (time.perf_counter() - wall, time.process_time() - cpu)
        return result


def run_once(folder: Path, journal: Path) -> dict[str, tuple[float, float]]:
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.core.journal_io.export import export_journal
    from plnjournal.core.journal_io.formats import read_journal
    from plnjournal.core.journal_io.importer import import_journal, plan_import, write_import
    from plnjournal.storage.db import open_database

    db = open_database(folder / "journal.sqlite3")
    with db.session() as s:
        install_framework(s, load_builtin("teaching"))
    clock = Clock()
    parsed = clock.run("parse", lambda: read_journal(journal))
    with db.session() as s:
        plan = clock.run("plan (duplicates, tags to skills)", lambda: plan_import(s, parsed))
    clock.run("write (backup + one transaction)", lambda: write_import(db, plan))
    t = clock.times
    t["import total"] = tuple(sum(t[k][i] for k in list(t)[:3]) for i in (0, 1))  # type: ignore[assignment]
    clock.run("re-import (all duplicates)", lambda: import_journal(db, journal))
    with db.session() as s:
        clock.run("export Markdown", lambda: export_journal(s, folder / "md", "markdown"))
        clock.run("export JSON", lambda: export_journal(s, folder / "all.json", "json"))
    db.close()
    fresh = open_database(folder / "fresh.sqlite3")
    clock.run("restore JSON into empty journal", lambda: import_journal(fresh, folder / "all.json"))
    fresh.close()
    md = open_database(folder / "md.sqlite3")
    with md.session() as s:
        install_framework(s, load_builtin("teaching"))
    clock.run("import the Markdown export", lambda: import_journal(md, folder / "md"))
    md.close()
    return clock.times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        journal = Path(tmp) / "journal.txt"
        n = make_journal(journal, args.years)
        size = journal.stat().st_size / 1e6
        print(f"jrnl journal: {n} entries, {size:.1f} MB")
        runs = []
        for i in range(args.runs):
            folder = Path(tmp) / f"run{i}"
            folder.mkdir()
            runs.append(run_once(folder, journal))
        print(f"{'step':36} {'wall':>7} {'CPU':>7}   (wall of each run)")
        for key in runs[0]:
            walls = [r[key][0] for r in runs]
            cpus = [r[key][1] for r in runs]
            each = ", ".join(f"{v:.2f}" for v in walls)
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            print(f"{key:36} {wall:6.2f}s {cpu:6.2f}s   ({each})")


if __name__ == "__main__":
    main()
