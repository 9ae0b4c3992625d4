"""Peak memory and time of ``import-journal`` on hostile journals, each in a fresh process.

Usage::

    python bench/journal_limits.py                 # the crafted files of bench/fuzz_journal.py
    python bench/journal_limits.py --mem-mb 8000   # a higher memory cap (default 2000 MB)

Each file is imported (``--dry-run``) by ``plnjournal.cli.main`` in a child process under a
memory cap (RLIMIT_AS); the table gives its exit status, wall time, peak resident memory
(``VmHWM``, Linux) and the first line it printed. docs/reliability.md, "Journals from other apps",
quotes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from fuzz_journal import _crafted  # noqa: E402  (bench/ is not a package)

CHILD = """
import contextlib, io, json, resource, sys
limit = int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from plnjournal.cli import main
err = io.StringIO()
try:
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--db", sys.argv[2], "import-journal", "--dry-run", sys.argv[3]])
except MemoryError:
    code = "MemoryError"
# VmHWM, not ru_maxrss: the latter survives exec and would report the parent's peak.
with open("/proc/self/status") as fh:
    peak = next(int(line.split()[1]) // 1024 for line in fh if line.startswith("VmHWM:"))
print(json.dumps({"code": code, "peak_mb": peak, "error": err.getvalue()}))
"""


def measure(path: Path, db: Path, mem_mb: int) -> dict[str, object]:
    """One import in a fresh interpreter: its status, time, peak memory and message."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(mem_mb), str(db), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    try:
        result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        result = {"code": f"died ({done.returncode})", "peak_mb": None, "error": done.stderr}
    result["seconds"] = seconds
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mem-mb", type=int, default=2000)
    parser.add_argument("names", nargs="*", help="only these crafted files (default: all)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="plnjournal-limits-") as tmp:
        os.environ["PLNJOURNAL_HOME"] = str(Path(tmp) / "home")
        db = Path(tmp) / "absent" / "journal.sqlite3"
        print(f"{'file':24} {'size':>9} {'exit':>12} {'s':>6} {'peak MB':>8}  message")
        for name, data in _crafted():
            if args.names and name not in args.names:
                continue
            path = Path(tmp) / name
            path.write_bytes(data)
            r = measure(path, db, args.mem_mb)
            path.unlink()
            first = (str(r["error"]).strip().splitlines() or [""])[0][:90]
            print(
                f"{name:24} {len(data):>9,} {r['code']!s:>12} {r['seconds']:>6.2f} "
                f"{r['peak_mb']!s:>8}  {first}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
