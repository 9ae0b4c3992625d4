"""Peak memory of reading and checking a feedback file just under the 20 MB limit.

Usage: python bench/feedback_memory.py [--mb 19] [--shape all|comment|escapes|items|wide]

Each shape is written to a temporary file and planned (read and checked, nothing written) in a
fresh child process against a journal with the teaching framework; the child reports the peak
of Python's own allocations while planning (tracemalloc) and its peak resident size
(``ru_maxrss``) above what it held before reading the file. The target (issue 18, #5) is a peak
of at most 10x the file's size.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import tempfile
import tracemalloc
from pathlib import Path

from plnjournal.core.feedback.importer import ImportOptions, load_sources, plan_sources
from plnjournal.core.frameworks.spec import install_framework, load_builtin
from plnjournal.storage.db import open_database

ITEM = {"date": "2026-11-03", "mentor": "Ms Okafor", "skill": "CL1", "rating": 3}


def make(shape: str, size: int) -> bytes:
    """A valid feedback JSON file of about ``size`` bytes in one of the shapes."""
    if shape == "comment":  # one item whose comment is the whole file
        return json.dumps({"items": [ITEM | {"comment": "x" * size}]}).encode()
    if shape == "escapes":  # one comment made of escaped line breaks
        body = json.dumps({"items": [ITEM | {"comment": ""}]}).encode()
        return body.replace(b'"comment": ""', b'"comment": "' + b"\\n" * (size // 2) + b'"')
    if shape == "items":  # many small items, each a distinct rating
        one = len(json.dumps(ITEM | {"comment": "Calm start to the lesson, 000000."})) + 2
        items = [
            ITEM | {"comment": f"Calm start to the lesson, {i:06d}."} for i in range(size // one)
        ]
        return json.dumps({"items": items}).encode()
    if shape == "wide":  # one object with many unknown keys
        keys = {f"k{i:07d}": "v" for i in range(size // 17)}
        return json.dumps({"items": [ITEM | keys]}).encode()
    raise ValueError(shape)


def _child(path: str, db: str, traced: bool, out: multiprocessing.SimpleQueue) -> None:  # type: ignore[type-arg]
    """Plan one file; report (peak bytes, items, errors). tracemalloc's own bookkeeping
    inflates the resident size, so the two peaks are taken in separate children."""
    database = open_database(Path(db))
    sources = load_sources([path], 20 * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if traced:
        tracemalloc.start()
    with database.session() as s:
        plan = plan_sources(s, sources, ImportOptions())
    if traced:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    else:
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    out.put((peak, len(plan.items), len(plan.errors)))


def _measure(path: Path, db: Path, traced: bool) -> tuple[int, int, int] | None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.SimpleQueue()
    child = ctx.Process(target=_child, args=(str(path), str(db), traced, queue))
    child.start()
    child.join()
    return None if queue.empty() else queue.get()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=19.0)
    parser.add_argument("--shape", default="all")
    args = parser.parse_args()
    shapes = ["comment", "escapes", "items", "wide"] if args.shape == "all" else [args.shape]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "j.sqlite3"
        database = open_database(db)
        with database.session() as s:
            install_framework(s, load_builtin("teaching"))
        database.close()
        for shape in shapes:
            path = Path(tmp) / f"{shape}.json"
            path.write_bytes(make(shape, int(args.mb * 1024 * 1024)))
            size = path.stat().st_size
            traced, resident = _measure(path, db, True), _measure(path, db, False)
            if traced is None or resident is None:
                print(f"{shape:8} {size / 2**20:5.1f} MB: a child died")
                continue
            (peak, items, errors), rss = traced, resident[0]
            print(
                f"{shape:8} {size / 2**20:5.1f} MB: peak {peak / 2**20:7.1f} MB traced "
                f"({peak / size:4.1f}x), rss +{rss / 2**20:7.1f} MB ({rss / size:4.1f}x); "
                f"{items} items, {errors} errors"
            )


if __name__ == "__main__":
    main()
