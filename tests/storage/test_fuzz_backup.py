"""A fast slice of bench/fuzz_backup.py (``restore FILE --yes`` on backups from elsewhere): the
crafted attacks, the real backups and some mutations, through the real command line in the
harness's forked worker under its memory cap; the full run is ``cd bench && python fuzz.py
--family backup``."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _fuzz(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(BENCH))
    spec = importlib.util.spec_from_file_location("fuzz", BENCH / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "fuzz", module)
    spec.loader.exec_module(module)
    return module


def test_a_slice_of_the_backup_family_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    fuzz = _fuzz(monkeypatch)
    family = fuzz.load_family("backup")
    crafted = family.crafted()
    # Every hand-made attack, a few page-preserving mutants, the real backups, mutations.
    named = [c for c in crafted if not c[0].startswith("flipped-")]
    sliced = dataclasses.replace(
        family, crafted=lambda: named + crafted[len(named) : len(named) + 10]
    )
    outcomes = fuzz.run_family(sliced, n=len(named) + 10 + 26, seed=3, mem_mb=1500, timeout=20.0)
    bad = [(o.name, o.verdict, o.error[:200]) for o in outcomes if o.verdict != "ok"]
    assert not bad
    assert len(outcomes) == len(named) + 36
    refused = {o.name: o.error for o in outcomes}
    assert "has a trigger 'publish_private'" in refused["trigger.sqlite3"]
