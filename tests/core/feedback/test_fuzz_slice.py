"""A fast slice of bench/fuzz_feedback.py (``import-feedback`` on files from other people): the
crafted attacks that are not megabytes long, the shipped examples and some mutations, through
the real command line in the harness's forked worker under its memory cap; the full run is
``cd bench && python fuzz.py --family feedback``."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench"


def run_slice(monkeypatch: pytest.MonkeyPatch, name: str, n: int) -> list[tuple[str, str, str]]:
    """The family's first ``n`` inputs (crafted ones over 2 MB left to the bench, to keep the
    suite fast), each judged as the bench judges it; the failures."""
    monkeypatch.syspath_prepend(str(BENCH))
    spec = importlib.util.spec_from_file_location("fuzz", BENCH / "fuzz.py")
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "fuzz", fuzz)
    spec.loader.exec_module(fuzz)
    family = fuzz.load_family(name)
    small = [(f, data) for f, data in family.crafted() if len(data) <= 2 * 1024 * 1024]
    sliced = dataclasses.replace(family, crafted=lambda: small)
    outcomes = fuzz.run_family(sliced, n, seed=18, mem_mb=1500, timeout=20.0)
    assert len(outcomes) == n
    return [(o.name, o.verdict, o.error[:200]) for o in outcomes if o.verdict != "ok"]


def test_a_slice_of_the_feedback_family_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_slice(monkeypatch, "feedback", 60) == []
