"""bench/programme_mentor.py still runs (a tiny programme): the bench is not in the suite,
but a bench that no longer starts is found here."""

from __future__ import annotations

import pytest

from bench import programme_mentor
from tests.programme.cluster import postgres_bin


def test_the_mentor_bench_runs_on_a_tiny_programme(capsys: pytest.CaptureFixture[str]) -> None:
    if postgres_bin() is None:
        pytest.skip("PostgreSQL is not installed")
    assert programme_mentor.main(["--trainees", "20", "--mentors", "2", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "mentor's dashboard, 15 trainees" in out
    assert "lead's coverage (20 trainees" in out
