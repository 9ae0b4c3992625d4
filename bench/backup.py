"""What keeping the journal safe costs on a 10-year journal: the quick check at every open,
the daily backup at the first start of a day, a full integrity check, and a whole restore.

    python bench/backup.py [--years 10] [--runs 10]

Uses the journal bench/generate.py writes (made on first use) and works on copies of it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plnjournal.storage.backup import copy_database, daily_backup, make_backup  # noqa: E402
from plnjournal.storage.backup_check import verify_backup  # noqa: E402
from plnjournal.storage.restore import restore_backup  # noqa: E402
from plnjournal.storage.sqlite_file import read_revision  # noqa: E402


def _cpu() -> float:
    return time.process_time()


def timed(fn, runs: int, setup=None) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU times of ``fn`` (``setup`` runs before each, untimed)."""
    wall, cpu = [], []
    for _ in range(runs):
        if setup is not None:
            setup()
        c0, t0 = _cpu(), time.perf_counter()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(_cpu() - c0)
    return wall, cpu


def row(name: str, times: tuple[list[float], list[float]]) -> str:
    wall = [t * 1000 for t in times[0]]
    cpu = [t * 1000 for t in times[1]]
    return (
        f"{name:<52} wall median {statistics.median(wall):7.1f} ms (min {min(wall):6.1f})"
        f"   cpu median {statistics.median(cpu):7.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    source = ROOT / "bench" / "out" / f"{args.years}y.sqlite3"
    if not source.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "generate.py"), "--years", str(args.years)],
            check=True,
        )
    work = Path(tempfile.mkdtemp(prefix="plnbench-"))
    try:
        journal = copy_database(source, work / "journal.sqlite3")
        other = copy_database(source, work / "other.sqlite3")
        size = journal.stat().st_size / 1e6
        print(
            f"journal: {source.name}, {size:.1f} MB; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        print(
            row(
                "quick check at open (read_revision)",
                timed(lambda: read_revision(journal), args.runs),
            )
        )

        def no_backups() -> None:
            shutil.rmtree(work / "backups", ignore_errors=True)

        print(
            row(
                "daily backup (first start of a day)",
                timed(lambda: daily_backup(journal), args.runs, setup=no_backups),
            )
        )
        print(
            row(
                "daily backup, already made today (the check)",
                timed(lambda: daily_backup(journal), args.runs),
            )
        )
        print(
            row("full integrity check of a backup", timed(lambda: verify_backup(other), args.runs))
        )
        print(
            row(
                "restore (check, back up first, write in)",
                timed(lambda: restore_backup(journal, other), args.runs),
            )
        )
        print(
            row(
                "backup before an import (make_backup)",
                timed(lambda: make_backup(journal, "bench"), args.runs),
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
