"""bench/window_encrypted.py --smoke runs once on a ten-day journal, so the bench cannot rot
(the window through its unlock screen, the passphrase typed from its file). No timing is
asserted: only that both figures are there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_window_encrypted_bench_smoke(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLNJOURNAL_")}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "window_encrypted.py"),
            "--smoke",
            "--out",
            str(tmp_path / "journals"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    names = {f["name"] for f in report["figures"]}
    assert names == {"window_ready_plain", "window_ready_encrypted"}
    assert all(f["median_s"] > 0 for f in report["figures"])
