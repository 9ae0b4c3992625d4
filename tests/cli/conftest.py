"""CLI tests call ``main(argv)`` in-process and read what it printed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture, db_path: Path):
    from plnjournal.cli import main

    def run(*argv: str, db: Path | None = db_path) -> Result:
        args = (["--db", str(db)] if db is not None else []) + list(argv)
        code = main(args)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
