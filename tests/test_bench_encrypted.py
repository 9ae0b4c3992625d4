"""bench/encrypted.py --smoke runs once on a ten-day journal, so the bench cannot rot. No
timing is asserted: only that every figure and ratio is there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_encrypted_bench_smoke(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "encrypted.py"),
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
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    names = {f["name"] for f in report["figures"]}
    for name in ("open_first_read", "search_process", "add_process", "search_in_process"):
        assert {f"{name}_plain", f"{name}_encrypted"} <= names
        assert report["ratios"][name]["ratio"] > 0
    assert "unlock_argon2id" in names
