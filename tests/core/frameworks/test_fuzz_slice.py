"""A fast slice of bench/fuzz_framework.py (``skills import`` on framework files from other
people), through the real command line under the harness's memory cap; the full run is
``cd bench && python fuzz.py --family framework``."""

from __future__ import annotations

import pytest

from tests.core.feedback.test_fuzz_slice import run_slice


def test_a_slice_of_the_framework_family_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_slice(monkeypatch, "framework", 60) == []
