"""Time the depth grading: a 3,000-word reflection must be graded in ≤ 5 ms (issue 17).

Usage::

    python bench/depth.py [--words 3000] [--runs 200]

The text is made of realistic reflective prose (the careful English, French, German and Spanish
samples of tests/core/insights/test_depth.py, repeated to the length asked), so every kind of
marker is looked for and many are found. "cold" is the figure that counts: the grade's cache
is emptied before each run, as for a reflection never graded before (the word look-ups the
grading remembers stay warm, as they do in the app after its first grade). "cached" is the
same text graded again (the avoidance model and the editor ask again after every change).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plnjournal.core.insights import depth  # after the path is set
from tests.core.insights import test_depth as samples

TEXTS = {
    "en": samples.ENGLISH_PROSE,
    "fr": samples.FRENCH_PROSE,
    "de": samples.GERMAN_PROSE,
    "es": samples.SPANISH_PROSE,
    "narrative": samples.NARRATIVE,
}


def text_of(sample: str, words: int) -> str:
    """``sample`` repeated until it has ``words`` words."""
    pieces, n = [], 0
    while n < words:
        pieces.append(sample)
        n += len(sample.split())
    return " ".join(" ".join(pieces).split()[:words])


def timed(work, runs: int, *, cold: bool) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each run."""
    walls, cpus = [], []
    for _ in range(runs):
        if cold:
            depth._grade.cache_clear()
            depth.detect_language.cache_clear()
        c0, t0 = time.process_time(), time.perf_counter()
        work()
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    return walls, cpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    print(f"{'text':<10} {'how':<26} {'wall median':>11} {'fastest':>8} {'CPU median':>10}")
    for name, sample in TEXTS.items():
        body = text_of(sample, args.words)
        depth.grade_reflection("", body)  # the first grade in a process builds the tables
        for how, kw, cold in (
            ("cold, language detected", {}, True),
            ("cold, language set", {"language": "en" if name == "narrative" else name}, True),
            ("cached", {}, False),
        ):
            walls, cpus = timed(
                lambda kw=kw, body=body: depth.grade_reflection("", body, **kw),
                args.runs,
                cold=cold,
            )
            print(
                f"{name:<10} {how:<26} {statistics.median(walls):>8.2f} ms {min(walls):>5.2f} ms"
                f" {statistics.median(cpus):>7.2f} ms"
            )
    depth._grade.cache_clear()
    depth._known.clear()
    t0 = time.perf_counter()
    depth.grade_reflection("", text_of(samples.ENGLISH_PROSE, args.words), language="en")
    print(f"first grade with empty word look-ups: {(time.perf_counter() - t0) * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
