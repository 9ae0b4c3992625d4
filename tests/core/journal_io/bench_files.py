"""The hostile journals of bench/fuzz_journal.py (zip bombs, many members), for the tests.

bench/ is not a package: its modules are loaded by path, as bench/fuzz.py's ``load_family``
loads a family (which imports ``fuzz`` by name, so that one is registered first).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[3] / "bench"


def bench_module(name: str) -> ModuleType:
    """``bench/<name>.py``, loaded once."""
    if name in sys.modules:
        return sys.modules[name]
    if name != "fuzz":
        bench_module("fuzz")
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
