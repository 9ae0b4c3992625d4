"""Opening the journal window from the command line (a plain start, or ``plnjournal gui``).

Imported only when the window opens (``WINDOW_HANDLER`` in cli/parser.py): the one command-line
module that reaches the GUI (an import-linter contract, pyproject.toml).
"""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from plnjournal.cli.context import Context
from plnjournal.errors import InputError
from plnjournal.gui.shell.app import run_gui


def open_gui(args: Namespace, ctx: Context) -> int:
    """The window on the command's journal; ``--smoke-test`` lets packagers check a build
    shows a window without a person to close it."""
    smoke_test = getattr(args, "smoke_test", False)
    screenshot = getattr(args, "screenshot", None)
    if screenshot and not smoke_test:
        raise InputError("--screenshot works with --smoke-test only")
    return run_gui(
        ctx.db_path, smoke_test=smoke_test, screenshot=Path(screenshot) if screenshot else None
    )
