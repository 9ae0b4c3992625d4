"""The workaround for PySide's source scans records exactly what the scans would."""

from __future__ import annotations

import json
import subprocess
import sys

# A child process: the window's start loads these before PySide, as run_gui does.
CHILD = """
import json, sys
import plnjournal.cli, plnjournal.cli.window, plnjournal.storage.sqlite_file
before = set(sys.modules)
import PySide6.QtWidgets
from plnjournal.gui.shell import pyside_scan
table = pyside_scan.feature_table()
assert table is not None, "PySide has no feature table"
ours = ("plnjournal", "PySide6", "shiboken", "__main__")
spared = sorted(n for n in before if n not in table and not n.startswith(ours))
count = pyside_scan.spare_source_scans(before)
feature = sys.modules["PySide6.support.feature"]
wrong = [n for n in spared if feature._mod_uses_pyside(sys.modules[n])]
print(json.dumps({"count": count, "spared": len(spared), "wrong": wrong,
                  "values": sorted({table[n] for n in spared})}))
"""


def test_modules_loaded_before_pyside_are_recorded_as_its_scan_would() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["count"] > 50  # the standard library modules the start had loaded
    assert result["wrong"] == []  # none of them uses PySide: the scan would say the same
    assert result["values"] == [-1]


def test_without_pysides_table_nothing_happens(monkeypatch) -> None:
    from plnjournal.gui.shell import pyside_scan

    monkeypatch.setattr(pyside_scan, "feature_table", lambda: None)
    assert pyside_scan.spare_source_scans({"os", "re"}) == 0
