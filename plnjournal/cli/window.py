"""Opening the journal window from the command line (a plain start, or ``plnjournal gui``).

Kept apart from the command modules so a plain start imports neither argparse nor them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argparse import Namespace

    from plnjournal.cli.context import Context


def open_gui(args: Namespace, ctx: Context) -> int:
    from pathlib import Path

    from plnjournal.errors import InputError
    from plnjournal.gui.shell.app import run_gui

    smoke_test = getattr(args, "smoke_test", False)
    screenshot = getattr(args, "screenshot", None)
    if screenshot and not smoke_test:
        raise InputError("--screenshot works with --smoke-test only")
    return run_gui(
        ctx.db_path, smoke_test=smoke_test, screenshot=Path(screenshot) if screenshot else None
    )
