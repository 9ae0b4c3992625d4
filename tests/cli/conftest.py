"""CLI tests call ``main(argv)`` in-process and read what it printed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest

from plnjournal.cli import main


@dataclass
class Result:
    """A command's exit code and what it printed."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """What the command printed on stdout, read as JSON (``--json``)."""
        return json.loads(self.out)


class Cli(Protocol):
    """The ``cli`` fixture: runs a command on the test's journal (``db=None``: no ``--db``)."""

    def __call__(self, *argv: str, db: Path | None = ...) -> Result: ...


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], db_path: Path) -> Cli:
    def run(*argv: str, db: Path | None = db_path) -> Result:
        args = (["--db", str(db)] if db is not None else []) + list(argv)
        code = main(args)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
