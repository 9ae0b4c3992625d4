"""How long a 10-year jrnl journal (~3,650 entries) takes to import, re-import and export.

    python bench/journal_import.py [--years 10] [--runs 3]

Each run uses a fresh journal with the teaching framework. Figures are medians of the runs
(wall-clock seconds on this machine); docs/performance.md records them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
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


def run_once(folder: Path, journal: Path) -> dict[str, float]:
    from plnjournal.core.frameworks import install_framework, load_builtin
    from plnjournal.core.journal_export import export_journal
    from plnjournal.core.journal_formats import read_journal
    from plnjournal.core.journal_import import import_journal, plan_import, write_import
    from plnjournal.storage.db import open_database

    db = open_database(folder / "journal.sqlite3")
    with db.session() as s:
        install_framework(s, load_builtin("teaching"))
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    parsed = read_journal(journal)
    t1 = time.perf_counter()
    with db.session() as s:
        plan = plan_import(s, parsed)
    t2 = time.perf_counter()
    write_import(db, plan)
    t3 = time.perf_counter()
    out["parse"], out["plan"], out["write (with backup)"] = t1 - t0, t2 - t1, t3 - t2
    out["import total"] = t3 - t0
    t = time.perf_counter()
    import_journal(db, journal)
    out["re-import (all duplicates)"] = time.perf_counter() - t
    with db.session() as s:
        t = time.perf_counter()
        export_journal(s, folder / "md", "markdown")
        out["export Markdown"] = time.perf_counter() - t
        t = time.perf_counter()
        export_journal(s, folder / "all.json", "json")
        out["export JSON"] = time.perf_counter() - t
    db.close()
    fresh = open_database(folder / "fresh.sqlite3")
    t = time.perf_counter()
    import_journal(fresh, folder / "all.json")
    out["restore JSON into empty journal"] = time.perf_counter() - t
    fresh.close()
    md = open_database(folder / "md.sqlite3")
    with md.session() as s:
        install_framework(s, load_builtin("teaching"))
    t = time.perf_counter()
    import_journal(md, folder / "md")
    out["import Markdown export"] = time.perf_counter() - t
    md.close()
    return out


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
        for key in runs[0]:
            values = [r[key] for r in runs]
            print(
                f"{key:34} {statistics.median(values):6.2f} s   (runs: "
                + ", ".join(f"{v:.2f}" for v in values)
                + ")"
            )


if __name__ == "__main__":
    main()
