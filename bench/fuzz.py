"""Feed mutated and crafted files from other people to the importers, under a memory cap.

Usage::

    python bench/fuzz.py                      # every family, 2,000 inputs each
    python bench/fuzz.py --family feedback -n 300 --seed 3 --mem-mb 1500 --timeout 20

A *family* is one kind of file from someone else (mentor feedback, journal imports, framework
files, backups), described by a module ``bench/fuzz_<family>.py`` that defines ``FAMILY``: the
command line that imports a file, the journal it runs against, and crafted seed files. Each
family runs in a forked worker with the memory cap (RLIMIT_AS) and a time limit per input; the
command runs in-process through ``plnjournal.cli.main`` exactly as a user's would.

What counts as a failure (docs/reliability.md, "Files from other people"):
- "unexpected problem" (a bug the app did not expect), a Python traceback, or a message broken
  over several lines (each problem is one whole line starting "plnjournal: ");
- the worker dying (out of memory, a crash) or an input taking longer than the time limit.
Everything else — imported, or refused with the app's own located one-line message — passes.
Exit status: 0 when nothing failed, 1 otherwise; the failing inputs are saved for replay.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import random
import resource
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
FAMILIES = ("feedback", "journal", "framework", "backup")


@dataclass
class Family:
    """One kind of file from someone else and how the app imports it."""

    name: str
    # The command line for one input file (``path``) against the journal (``db``).
    argv: Callable[[Path, Path], list[str]]
    # (file name, bytes) the mutations start from: valid files and crafted attacks.
    seeds: Callable[[], list[tuple[str, bytes]]]
    # Prepare the journal the inputs are imported into (a framework, some entries).
    setup: Callable[[Path], None] = lambda _db: None
    # Crafted inputs run as they are, before any mutation.
    crafted: Callable[[], list[tuple[str, bytes]]] = field(default=lambda: [])


@dataclass
class Outcome:
    index: int
    name: str
    code: int | None
    seconds: float
    error: str  # what was printed to standard error
    verdict: str  # "ok", or what went wrong


# --- mutations ------------------------------------------------------------------------------

HOSTILE = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"9" * 5000,
    b"NaN",
    b"-Infinity",
    b"1e999",
    b"[" * 5000,
    b"{" * 5000,
    b'{"a":' * 3000,
    b"<table>" * 200,
    b"> " * 2000,
    b"- " * 2000,
    b"\x1b]0;pwned\x07",
    b"\r\n" * 1000,
    b",".join([b"x"] * 20000),
    b'"' * 1001,
    b"\t" * 5000,
    "\u202e\u0000\ud7ff".encode("utf-8", "surrogatepass"),
    b"=cmd|' /C calc'!A0",
    b"../../../../etc/passwd",
    b"2026-02-30",
    b"99999-12-31",
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits: flips, inserts, deletions, repeats, truncation, splices."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        at = rng.randrange(len(out) + 1)
        if op == 0 and out:
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 2 and out:
            del out[at : at + rng.randint(1, 64)]
        elif op == 3 and out:
            end = min(len(out), at + rng.randint(1, 200))
            out[at:at] = out[at:end] * rng.randint(2, 50)
        elif op == 4:
            del out[at:]
        else:
            out[at:at] = rng.choice(HOSTILE)
    return bytes(out[: 8 * 1024 * 1024])


def inputs(family: Family, n: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """The crafted inputs, the seeds as they are, then mutations of the seeds: ``n`` in all."""
    rng = random.Random(seed)
    seeds = family.seeds()
    first = [*family.crafted(), *seeds]
    for count, item in enumerate(first):
        if count >= n:
            return
        yield item
    for _ in range(n - len(first)):
        name, data = rng.choice(seeds)
        yield name, mutate(data, rng)


# --- running --------------------------------------------------------------------------------


class _TimeUp(Exception):
    pass


def _on_alarm(_signum: int, _frame: object) -> None:
    raise _TimeUp


def judge(code: int | None, error: str) -> str:
    """ "ok", or what is wrong with how the app answered."""
    lines = [line for line in error.splitlines() if line.strip()]
    if "unexpected problem" in error:
        return "unexpected problem"
    if "Traceback (most recent call last)" in error:
        return "traceback"
    # Several problems are several lines, each a whole located message of its own; a line
    # that does not start as one is a message broken over lines.
    if any(not line.startswith("plnjournal: ") for line in lines):
        return "multi-line error"
    if code not in (0, 1, 2):
        return f"exit {code}"
    return "ok"


def _run_one(family: Family, db: Path, folder: Path, index: int, name: str, data: bytes,
             timeout: float) -> Outcome:  # fmt: skip
    from plnjournal.cli import main

    path = folder / f"{index}-{Path(name).name or 'input'}"
    path.write_bytes(data)
    err, out = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    code: int | None
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code = main(family.argv(path, db))
        verdict = judge(code, err.getvalue())
    except _TimeUp:
        code, verdict = None, f"slower than {timeout:g} s"
    except MemoryError:
        code, verdict = None, "out of memory"
    except BaseException as exc:  # anything escaping main() is a failure
        code, verdict = None, f"escaped main(): {type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    with contextlib.suppress(OSError):
        path.unlink()
    return Outcome(index, name, code, time.perf_counter() - started, err.getvalue(), verdict)


def _worker(family: Family, items: list[tuple[str, bytes]], start: int, mem_mb: int,
            timeout: float, report: int) -> None:  # fmt: skip
    """In a forked child: cap the memory, then run inputs from ``start``, one JSON line each."""
    limit = mem_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _on_alarm)
    with tempfile.TemporaryDirectory(prefix="plnjournal-fuzz-") as tmp:
        folder = Path(tmp)
        os.environ["PLNJOURNAL_HOME"] = str(folder / "home")
        db = folder / "journal.sqlite3"
        family.setup(db)
        with os.fdopen(report, "w", buffering=1) as out:
            for index in range(start, len(items)):
                out.write(json.dumps({"started": index}) + "\n")
                name, data = items[index]
                o = _run_one(family, db, folder, index, name, data, timeout)
                out.write(json.dumps(o.__dict__) + "\n")
    os._exit(0)


def run_family(family: Family, n: int, seed: int, mem_mb: int, timeout: float) -> list[Outcome]:
    """Every input through the family's command, restarting the worker after a crash."""
    items = list(inputs(family, n, seed))
    outcomes: list[Outcome] = []
    start = 0
    while start < len(items):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            try:
                _worker(family, items, start, mem_mb, timeout, write_fd)
            finally:
                os._exit(3)
        os.close(write_fd)
        current = start
        with os.fdopen(read_fd) as lines:
            for line in lines:
                record = json.loads(line)
                if "started" in record:
                    current = record["started"]
                else:
                    outcomes.append(Outcome(**record))
                    current = record["index"] + 1
        _, status = os.waitpid(pid, 0)
        if current < len(items) and not (outcomes and outcomes[-1].index == current):
            why = f"worker died ({_status_text(status)})"
            outcomes.append(Outcome(current, items[current][0], None, 0.0, "", why))
            current += 1
        start = current
    return outcomes


def _status_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit {os.WEXITSTATUS(status)}"


def load_family(name: str) -> Family:
    """``FAMILY`` from ``bench/fuzz_<name>.py``."""
    spec = importlib.util.spec_from_file_location(f"fuzz_{name}", BENCH / f"fuzz_{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no family {name!r} (bench/fuzz_{name}.py)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    family: Family = module.FAMILY
    return family


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", action="append", choices=FAMILIES)
    parser.add_argument("-n", type=int, default=2000, help="inputs per family (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mem-mb", type=int, default=1500, help="memory cap (default 1500 MB)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per input")
    parser.add_argument("--save", type=Path, default=Path("/tmp/plnjournal-fuzz-failures"))
    args = parser.parse_args(argv)
    failed = 0
    for name in args.family or [f for f in FAMILIES if (BENCH / f"fuzz_{f}.py").exists()]:
        family = load_family(name)
        started = time.perf_counter()
        outcomes = run_family(family, args.n, args.seed, args.mem_mb, args.timeout)
        bad = [o for o in outcomes if o.verdict != "ok"]
        slowest = max(outcomes, key=lambda o: o.seconds)
        print(
            f"{name}: {len(outcomes)} inputs in {time.perf_counter() - started:.0f} s, "
            f"{len(bad)} failed; slowest {slowest.seconds:.2f} s (#{slowest.index})"
        )
        items = list(inputs(family, args.n, args.seed))
        for o in bad:
            failed += 1
            args.save.mkdir(parents=True, exist_ok=True)
            saved = args.save / f"{name}-{o.index}-{Path(o.name).name}"
            saved.write_bytes(items[o.index][1])
            first = (o.error.strip().splitlines() or [""])[0][:160]
            print(f"  #{o.index} {o.verdict}: {first} (saved as {saved})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
