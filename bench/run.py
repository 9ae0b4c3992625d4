"""PLN Journal's performance budget, measured: every figure of docs/performance.md, per
journal size, side by side with jrnl.

    python bench/run.py [--sizes 1,10,30] [--quick] [--smoke] [--json OUT] [--100k]

Sizes are years of near-daily reflections (bench/generate.py; generated once into bench/out
and reused until the generator changes); ``100k`` is 100,000 reflections. Each measurement
runs several times after a warm-up; the table gives the median, the fastest and the slowest
wall time and the median CPU time. The machine is shared: wall time stretches with its load,
so CPU time, the load average and a fixed reference loop are reported beside it.

``--quick`` measures a quarter-year journal (under two minutes); ``--smoke`` runs each
measurement once on a ten-day journal (the test suite runs it, so the bench cannot rot).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import inproc  # noqa: E402
import jrnl_side  # noqa: E402
from measure import Memory, Result, load_average, machine, run_process  # noqa: E402

# Every figure run.py reports (charts: one per chart kind, "chart_<kind>").
PROCESS_MEASURES = (
    "window_ready",
    "window_qt_floor",
    "search_process",
    "add_process",
    "keystroke_echo_p95",
    "keystroke_preview_p95",
)
MEMORY_MEASURES = ("gui_peak_memory",)


def expected_names() -> list[str]:
    """Every time figure a run reports per size (with features this version has)."""
    return [
        *PROCESS_MEASURES,
        "search_in_process",
        "avoidance_all_skills",
        *[f"chart_{kind}" for kind in inproc.chart_kinds()],
        "pdf_one_year",
        "feedback_import_10k",
        "jrnl_import",
    ]


# The budget (docs/performance.md): (name, size) -> at most this many seconds (or MB, or a
# ratio to jrnl's time for comparisons).
BUDGET = {
    ("window_ready", "10y"): 0.5,
    ("search_in_process", "10y"): 0.005,
    ("search_in_process", "100k"): 0.030,
    ("avoidance_all_skills", "10y"): 0.050,
    ("pdf_one_year", "10y"): 3.0,
    ("feedback_import_10k", "10y"): 1.0,
    ("jrnl_import", "10y"): 3.0,
    ("keystroke_preview_p95", "10y"): 0.030,
    ("gui_peak_memory", "10y"): 250,
    ("search_word", "10y"): 0.4,
    ("search_word", "100k"): 0.05,
    # Quick capture, the whole process, must not grow with the journal (issue 20, finding 13).
    ("add_process", "10y"): 0.15,
    ("add_process", "100k"): 0.15,
}
WARMUP = 1  # runs before the measured ones (none in --smoke)
READY = re.compile(r"PLNJOURNAL_BENCH_READY (\S+) cpu=(\S+) maxrss_kb=(\d+)")


def app_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLNJOURNAL_")}
    env.update(PYTHONPATH=str(ROOT), PLNJOURNAL_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return env


def window_ready(j: inproc.Journal, runs: int) -> tuple[list[Result], list[Memory]]:
    """Process start → the journaling window shown, the editor focused and painted (the app's
    PLNJOURNAL_BENCH_READY hook prints the moment and quits); the peak memory of the process.

    Each run is followed by one of bench/qt_floor.py (the same kinds of Qt widgets with none of
    our code, ready by the same test): ``window_qt_floor`` says, in the same minutes, how much
    of the start is Qt's own on this machine."""
    from plnjournal.storage.backup import copy_database

    db = copy_database(j.db, j.scratch / "window.sqlite3")
    env = {**app_env(j.scratch / "home"), "PLNJOURNAL_BENCH_READY": "1"}
    commands = {
        "window_ready": [sys.executable, "-m", "plnjournal", "--db", str(db)],
        "window_qt_floor": [sys.executable, str(BENCH / "qt_floor.py")],
    }
    results = {name: Result(name, j.size) for name in commands}
    memory = Memory("gui_peak_memory", j.size)
    for run in range(WARMUP + runs):
        for name, cmd in commands.items():
            p = run_process(cmd, env=env, timeout=300)
            m = READY.search(p.stdout)
            if m is None:
                raise RuntimeError(
                    f"{name}: the window never said it was ready:\n{p.stderr[-2000:]}"
                )
            if run >= WARMUP:
                results[name].wall.append(float(m.group(1)) - p.started)
                results[name].cpu.append(float(m.group(2)))
                if name == "window_ready":
                    memory.mb.append(p.maxrss_mb)
    return list(results.values()), [memory]


def search_process(j: inproc.Journal, runs: int) -> list[Result]:
    cmd = [sys.executable, "-m", "plnjournal", "--db", str(j.db), "search", inproc.SEARCH_WORD]
    env = app_env(j.scratch / "home")
    result = Result("search_process", j.size)
    for run in range(WARMUP + runs):
        p = run_process(cmd, env=env)
        if run >= WARMUP:
            result.wall.append(p.wall)
            result.cpu.append(p.cpu)
    return [result]


def add_process(j: inproc.Journal, runs: int) -> list[Result]:
    """The whole ``plnjournal add TEXT`` command on a copy of the journal, as someone adds a
    reflection during the day: the warm-up run is the day's first (it opens the journal in
    full: the whole-file check and the daily backup), the measured ones are the rest."""
    from plnjournal.storage.backup import copy_database

    db = copy_database(j.db, j.scratch / "add.sqlite3")
    cmd = [sys.executable, "-m", "plnjournal", "--db", str(db), "add", jrnl_side.NEW_ENTRY]
    env = app_env(j.scratch / "home")
    result = Result("add_process", j.size)
    for run in range(max(WARMUP, 1) + runs):
        p = run_process(cmd, env=env)
        if run >= max(WARMUP, 1):
            result.wall.append(p.wall)
            result.cpu.append(p.cpu)
    return [result]


def keystrokes(j: inproc.Journal, runs: int, keys: int) -> list[Result]:
    from plnjournal.storage.backup import copy_database

    db = copy_database(j.db, j.scratch / "keys.sqlite3")
    cmd = [sys.executable, str(BENCH / "gui_probe.py"), str(db)]
    cmd += ["--runs", str(runs), "--keys", str(keys)]
    p = run_process(cmd, env=app_env(j.scratch / "home"), timeout=900)
    got = json.loads(p.stdout.strip().splitlines()[-1])["runs"]
    return [
        Result(
            f"keystroke_{k}_p95",
            j.size,
            [r[f"{k}_p95"] for r in got],
            [r[f"{k}_cpu_p95"] for r in got],
        )
        for k in ("echo", "preview")
    ]


def reference_loop() -> float:
    """CPU seconds of a fixed pure-Python loop (best of three): compares moments of load and
    machines, since on a shared machine even CPU time stretches."""
    best = float("inf")
    for _ in range(3):
        c = time.process_time()
        total = 0
        for i in range(3_000_000):
            total += i
        best = min(best, time.process_time() - c)
    return round(best, 4)


def measure_size(label: str, args: argparse.Namespace, out: dict, jrnl: Path | None) -> None:
    size = generate.parse_size(label)
    paths = generate.ensure(size, args.out)
    scratch = Path(tempfile.mkdtemp(prefix=f"plnjournal-bench-{size.label}-"))
    j = inproc.Journal(size.label, paths["db"], paths["jrnl"], paths["feedback"], scratch)
    os.environ["PLNJOURNAL_HOME"] = str(scratch / "home")  # logs, settings: never the user's
    runs = args.runs
    try:
        steps = [
            ("window_ready", lambda: window_ready(j, runs)),
            ("search_process", lambda: search_process(j, runs)),
            ("add_process", lambda: add_process(j, runs)),
            ("keystrokes", lambda: keystrokes(j, max(1, runs // 2), args.keys)),
            *[(n, lambda fn=fn: fn(j, runs)) for n, fn in inproc.MEASURES.items()],
        ]
        for name, step in steps:
            if args.only and not any(o in name for o in args.only):
                continue
            t0 = time.perf_counter()
            try:
                got = step()
            except inproc.Skipped as exc:
                out["skipped"].append({"name": name, "size": size.label, "reason": str(exc)})
                print(f"  {name}: skipped — {exc}", flush=True)
                continue
            results, memories = got if isinstance(got, tuple) else (got, [])
            out["results"] += [r.to_json() for r in results]
            out["memory"] += [m.to_json() for m in memories]
            for r in results:
                print("  " + table_row(r.to_json()), flush=True)
            for m in memories:
                print("  " + memory_row(m.to_json()), flush=True)
            out["elapsed"][f"{name}@{size.label}"] = round(time.perf_counter() - t0, 1)
        if jrnl is not None and (not args.only or "compare" in args.only):
            for c in jrnl_side.compare(
                size.label,
                j.db,
                j.jrnl,
                scratch / "side",
                jrnl,
                args.compare_runs,
                tuple(args.compare.split(",")),
            ):
                out["comparisons"].append(c.to_json())
                print("  " + comparison_row(c.to_json()), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def budget_mark(name: str, size: str, value: float, cpu: float | None = None) -> str:
    """Within the budget or not. On a loaded machine wall time stretches with other work, so
    where CPU time is known it is judged too: "ok by CPU" means the work itself fits."""
    limit = BUDGET.get((name, size))
    if limit is None:
        return ""
    if value <= limit:
        return "  ok"
    if cpu is not None and cpu <= limit:
        return f"  ok by CPU (wall over {limit:g})"
    return f"  OVER (budget {limit:g})"


def table_row(r: dict) -> str:
    cpu = f"{r['cpu_median_s'] * 1000:9.1f}" if r["cpu_median_s"] is not None else " " * 9
    return (
        f"{r['name']:<26} {r['size']:>5} {r['median_s'] * 1000:10.1f} {r['min_s'] * 1000:9.1f} "
        f"{r['max_s'] * 1000:9.1f} {cpu} ms{budget_mark(r['name'], r['size'], r['median_s'], r['cpu_median_s'])}"
    )


def memory_row(m: dict) -> str:
    return (
        f"{m['name']:<26} {m['size']:>5} {m['median_mb']:10.1f} {m['min_mb']:9.1f} "
        f"{m['max_mb']:9.1f} {'':>9} MB{budget_mark(m['name'], m['size'], m['median_mb'])}"
    )


def comparison_row(c: dict) -> str:
    return (
        f"vs jrnl {c['name']:<18} {c['size']:>5} ours {c['plnjournal_s'] * 1000:7.0f} ms "
        f"jrnl {c['jrnl_s'] * 1000:7.0f} ms ratio {c['ratio']:.3f} (CPU {c['cpu_ratio']:.3f}; "
        f"peak {c['plnjournal_peak_mb']:.0f} vs {c['jrnl_peak_mb']:.0f} MB)"
        f"{budget_mark(c['name'], c['size'], c['ratio'], c['cpu_ratio'])}"
    )


def markdown(out: dict) -> str:
    """The figures as the Markdown tables of docs/performance.md."""
    lines = [
        "| what | size | wall median | fastest | slowest | CPU median | budget |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in out["results"]:
        limit = BUDGET.get((r["name"], r["size"]))
        cpu = f"{r['cpu_median_s'] * 1000:.1f} ms" if r["cpu_median_s"] is not None else ""
        lines.append(
            f"| {r['name']} | {r['size']} | {r['median_s'] * 1000:.1f} ms | "
            f"{r['min_s'] * 1000:.1f} ms | {r['max_s'] * 1000:.1f} ms | {cpu} | "
            f"{'' if limit is None else f'≤ {limit * 1000:g} ms'} |"
        )
    for m in out["memory"]:
        limit = BUDGET.get((m["name"], m["size"]))
        lines.append(
            f"| {m['name']} | {m['size']} | {m['median_mb']:.0f} MB | {m['min_mb']:.0f} MB | "
            f"{m['max_mb']:.0f} MB | | {'' if limit is None else f'≤ {limit:g} MB'} |"
        )
    lines += [
        "",
        "| command | size | PLN Journal | jrnl | ratio | CPU ratio | peak memory (ours / jrnl) |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in out["comparisons"]:
        lines.append(
            f"| {c['name']} | {c['size']} | {c['plnjournal_s'] * 1000:.0f} ms | "
            f"{c['jrnl_s'] * 1000:.0f} ms | {c['ratio']:.3f} | {c['cpu_ratio']:.3f} | "
            f"{c['plnjournal_peak_mb']:.0f} / {c['jrnl_peak_mb']:.0f} MB |"
        )
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,10,30", help="years, comma-separated (0.1, 10, 100k)")
    ap.add_argument("--runs", type=int, default=5, help="runs after the warm-up (default 5)")
    ap.add_argument("--compare-runs", type=int, default=None, help="runs per jrnl comparison")
    ap.add_argument(
        "--compare",
        default=",".join(jrnl_side.COMMANDS),
        help="the jrnl comparisons to run (default: all; jrnl's add takes minutes at 100k)",
    )
    ap.add_argument("--keys", type=int, default=80, help="keystrokes per latency run")
    ap.add_argument("--quick", action="store_true", help="a quarter-year journal, 3 runs")
    ap.add_argument("--smoke", action="store_true", help="each measurement once, 10 days")
    ap.add_argument("--100k", dest="big", action="store_true", help="add 100,000 reflections")
    ap.add_argument(
        "--jrnl",
        choices=("auto", "yes", "no"),
        default="auto",
        help="compare with jrnl: auto installs it unless --quick/--smoke (default auto)",
    )
    ap.add_argument(
        "--only",
        action="append",
        help="only measurements whose name has this (repeatable; 'compare': the jrnl side)",
    )
    ap.add_argument("--out", type=Path, default=generate.OUT, help="where journals are generated")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    ap.add_argument("--markdown", action="store_true", help="print the figures as Markdown too")
    args = ap.parse_args(argv)
    if args.smoke:
        args.sizes, args.runs, args.keys = "0.03", 1, 12
        global WARMUP
        WARMUP = inproc.WARMUP = jrnl_side.WARMUP = 0
    elif args.quick:
        args.sizes, args.runs, args.keys = "0.25", 3, 30
    if args.compare_runs is None:
        args.compare_runs = args.runs
    if args.big and "100k" not in args.sizes.split(","):
        args.sizes += ",100k"
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    install = args.jrnl == "yes" or (args.jrnl == "auto" and not (args.quick or args.smoke))
    jrnl = None if args.jrnl == "no" else jrnl_side.jrnl_executable(install)
    out: dict = {
        "results": [],
        "comparisons": [],
        "memory": [],
        "skipped": [],
        "elapsed": {},
        "machine": machine(),
        "reference_loop_cpu_s": reference_loop(),
    }
    if jrnl is None and args.jrnl != "no":
        out["skipped"].append(
            {"name": "jrnl comparisons", "size": "", "reason": "jrnl not installed (--jrnl yes)"}
        )
    m = out["machine"]
    print(
        f"{m['nproc']} cores ({m['cpu_model']}), load average {m['load_average']}, "
        f"reference loop {out['reference_loop_cpu_s'] * 1000:.0f} ms CPU",
        flush=True,
    )
    print(f"{'what':<26} {'size':>5} {'median':>10} {'min':>9} {'max':>9} {'CPU med':>9}")
    t0 = time.perf_counter()
    for label in args.sizes.split(","):
        measure_size(label.strip(), args, out, jrnl)
    out["machine"]["load_average_end"] = load_average()
    out["reference_loop_cpu_s_end"] = reference_loop()
    out["elapsed"]["total"] = round(time.perf_counter() - t0, 1)
    print(
        f"done in {out['elapsed']['total']:.0f} s; load average {load_average()}, reference "
        f"loop {out['reference_loop_cpu_s_end'] * 1000:.0f} ms CPU",
        flush=True,
    )
    if args.markdown:
        print(markdown(out))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
