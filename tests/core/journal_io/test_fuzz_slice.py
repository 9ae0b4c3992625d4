"""A fast slice of ``bench/fuzz.py --family journal``: the crafted journals (the Day One zip
bomb, nested JSON, damaged zips, …), the seeds and a few mutations, through the real command
under a memory cap; none may end in "unexpected problem", a traceback, a message broken over
lines, a crash or a timeout. The full run (2,000 inputs) is in docs/reliability.md."""

from __future__ import annotations

from tests.core.journal_io.bench_files import bench_module


def test_a_slice_of_the_journal_fuzz_family_passes() -> None:
    fuzz = bench_module("fuzz")
    family = fuzz.load_family("journal")
    outcomes = fuzz.run_family(family, 60, 1, 1500, 20.0)
    assert len(outcomes) == 60
    bad = [(o.name, o.verdict, o.error[:200]) for o in outcomes if o.verdict != "ok"]
    assert bad == []
