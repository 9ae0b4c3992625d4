"""The window's start on an encrypted journal beside the plain one: process start → the
journaling window ready for typing (gui/shell/bench_ready.py's hook). The encrypted start goes
through its unlock screen, the passphrase typed at once from the file named by
PLNJOURNAL_PASSPHRASE_FILE, so it includes one Argon2id derivation with the real parameters.

    python bench/window_encrypted.py [--size 10] [--runs 7] [--smoke] [--json OUT]

Budget (issue 19): window-ready on an encrypted 10-year journal ≤ plain + 0.4 s. The figures go
in docs/performance.md, "Encrypted journals".
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import encrypted  # noqa: E402
import generate  # noqa: E402
from measure import Result, machine, run_process  # noqa: E402

READY = re.compile(r"PLNJOURNAL_BENCH_READY (\S+) cpu=(\S+) maxrss_kb=(\d+) heavy=(\S*)")
BUDGET_ADDED_S = 0.4


def window_ready(db: Path, env: dict[str, str], name: str, size: str, runs: int) -> Result:
    """Process start → ready, ``runs`` times after one warm-up run."""
    result = Result(name, size)
    for run in range(1 + runs):
        p = run_process([sys.executable, "-m", "plnjournal", "--db", str(db)], env=env, timeout=300)
        found = READY.search(p.stdout)
        if found is None:
            raise RuntimeError(f"{name}: the window never said it was ready:\n{p.stderr[-2000:]}")
        if run:
            result.wall.append(float(found.group(1)) - p.started)
            result.cpu.append(float(found.group(2)))
    return result


def measure(size_text: str, runs: int, out_dir: Path, *, smoke: bool = False) -> dict:
    size = generate.parse_size(size_text)
    paths = generate.ensure(size, out_dir)
    with tempfile.TemporaryDirectory(prefix="plnjournal-bench-encwin-") as tmp:
        scratch = Path(tmp)
        plain, locked, secret = encrypted.prepare(paths["db"], scratch, fast_kdf=smoke)
        results = []
        for label, db, passphrase in (("plain", plain, None), ("encrypted", locked, secret)):
            env = encrypted.app_env(scratch / f"home-{label}", passphrase)
            env.update(QT_QPA_PLATFORM="offscreen", PLNJOURNAL_BENCH_READY="1")
            results.append(window_ready(db, env, f"window_ready_{label}", size.label, runs))
        shutil.rmtree(scratch, ignore_errors=True)
    figures = [r.to_json() for r in results]
    plain_s, encrypted_s = (f["median_s"] for f in figures)
    added = round(encrypted_s - plain_s, 3)
    return {
        "machine": machine(),
        "size": size.label,
        "figures": figures,
        "added_s": added,
        "ratio": round(encrypted_s / plain_s, 2),
        "within_budget": added <= BUDGET_ADDED_S,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="10", help="years of journal (bench/generate.py)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument(
        "--smoke", action="store_true", help="once each, on a ten-day journal, fast derivation"
    )
    ap.add_argument("--json", type=Path, help="write the figures here too")
    ap.add_argument("--out", type=Path, default=generate.OUT, help="where journals are generated")
    args = ap.parse_args()
    size, runs = ("0.03", 1) if args.smoke else (args.size, args.runs)
    report = measure(size, runs, args.out, smoke=args.smoke)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
