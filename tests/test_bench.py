"""bench/run.py --smoke runs every measurement once on a ten-day journal, so the bench cannot
rot. No timing is asserted (performance is measured by the bench, not by tests): only that
every figure is there, in the documented JSON shape."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A figure may be skipped only while its feature is not in this version yet.
FEATURE_MODULES = {"charts": "plnjournal.core.insights.chart_data"}


def test_bench_smoke(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import jrnl_side
    import run

    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--smoke",
            "--out",
            str(tmp_path / "journals"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(out.read_text())

    skipped = {s["name"] for s in figures["skipped"]}
    for name in skipped - {"jrnl comparisons"}:
        # Only a feature this version lacks may be skipped.
        assert importlib.util.find_spec(FEATURE_MODULES[name]) is None, name
    wanted = set(run.expected_names()) - {n for n in run.expected_names() if n in skipped}
    results = figures["results"]
    assert {r["name"] for r in results} == wanted
    for r in results:
        assert set(r) >= {"name", "size", "median_s", "min_s", "max_s"}
        assert r["size"] == "0.03y"
        assert 0 < r["min_s"] <= r["median_s"] <= r["max_s"]

    assert [(m["name"], m["size"]) for m in figures["memory"]] == [("gui_peak_memory", "0.03y")]
    assert 50 < figures["memory"][0]["median_mb"] < 2000  # a whole Qt process, in megabytes

    comparisons = figures["comparisons"]
    if jrnl_side.jrnl_executable(install=False) is None:
        assert comparisons == [] and "jrnl comparisons" in skipped
    else:
        assert {c["name"] for c in comparisons} == set(jrnl_side.COMMANDS)
        for c in comparisons:
            assert set(c) >= {"name", "size", "plnjournal_s", "jrnl_s", "ratio"}
            assert c["ratio"] == pytest.approx(c["plnjournal_s"] / c["jrnl_s"], rel=0.01)

    machine = figures["machine"]
    assert machine["nproc"] >= 1 and len(machine["load_average"]) == 3
