"""``plnjournal mentor`` with no command: the mentor window (cli/parser_mentor.py). Imported
only when it opens: with cli/window.py, the command-line modules that reach the GUI (an
import-linter contract, pyproject.toml)."""

from __future__ import annotations

import os
from argparse import Namespace

from plnjournal.cli.context import Context
from plnjournal.cli.parser_programme import SERVER_ENV
from plnjournal.cli.window import display_problem
from plnjournal.errors import PlnError
from plnjournal.gui.mentor.app import run_mentor_window
from plnjournal.programme.login import address_of


def open_mentor_window(args: Namespace, ctx: Context) -> int:
    """The mentor window on ``--server`` (asked for in the window when none is given)."""
    problem = display_problem()
    if problem:
        raise PlnError(
            f"no display to open the mentor window on ({problem}); 'plnjournal mentor list' "
            "and the other mentor commands work without one"
        )
    server = getattr(args, "server", None)
    if not server:
        return run_mentor_window(None)
    address, password = address_of(server, from_argv=server != os.environ.get(SERVER_ENV))
    return run_mentor_window(address, password)
