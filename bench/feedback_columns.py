"""Time reading feedback tables by their width: refused past the column limit, linear below it.

Usage: python bench/feedback_columns.py

A 300,000-column CSV (issue 18, #6) is refused by the column limit; then the limit is lifted
for the measurement to show the per-column work itself grows linearly (long tables with
thousands of unknown columns, and Forms-style wide tables with a rating column per skill).
"""

from __future__ import annotations

import time

from plnjournal.core.feedback import tables
from plnjournal.core.feedback.formats import parse_file
from plnjournal.core.feedback.schema import SkillIndex, SkillRef

INDEX = SkillIndex(
    [SkillRef(1, "CL1", "Managing transitions"), SkillRef(2, "IN1", "Explaining")],
    [(n, str(n)) for n in range(1, 6)],
)


def long_table(width: int) -> bytes:
    """A long table: the five fields, then ``width - 5`` columns nobody asked for."""
    extra = [f"extra {i}" for i in range(width - 5)]
    header = ",".join(["date", "mentor", "skill", "rating", "comment", *extra])
    row = ",".join(["2026-11-03", "Ms O", "CL1", "3", "ok", *(["x"] * len(extra))])
    return f"{header}\n{row}\n{row}\n".encode()


def wide_table(width: int) -> bytes:
    """A form export: timestamp, name, then ``width - 2`` question columns."""
    header = ",".join(["Timestamp", "Name", *(f"Question {i} [CL1]" for i in range(width - 2))])
    row = ",".join(["2026-11-03 10:00", "Ms O", *(["3"] * (width - 2))])
    return f"{header}\n{row}\n".encode()


def seconds(data: bytes) -> tuple[float, str]:
    best, result = float("inf"), ""
    for _ in range(3):
        started = time.perf_counter()
        pf = parse_file("f.csv", data, INDEX)
        best = min(best, time.perf_counter() - started)
        result = pf.errors[0].message[:70] if pf.errors else f"{len(pf.items)} items"
    return best, result


def main() -> None:
    took, what = seconds(",".join(f"c{i}" for i in range(300_000)).encode() + b"\n1\n")
    print(f"300,000 columns: {took * 1000:6.0f} ms ({what})")
    tables.MAX_COLUMNS = 10**9  # lifted to time the work per column
    for make in (long_table, wide_table):
        for width in (2_000, 4_000, 8_000, 16_000):
            took, what = seconds(make(width))
            print(f"{make.__name__} {width:6} columns: {took * 1000:7.0f} ms ({what[:40]})")


if __name__ == "__main__":
    main()
