"""Opening the journal window from the command line (a plain start, or ``plnjournal gui``).

Imported only when the window opens (``WINDOW_HANDLER`` in cli/parser.py): the one command-line
module that reaches the GUI (an import-linter contract, pyproject.toml).
"""

from __future__ import annotations

import os
import sys
from argparse import Namespace
from collections.abc import Mapping
from pathlib import Path

from plnjournal.cli.context import Context
from plnjournal.cli.parser import command_names
from plnjournal.errors import InputError, PlnError
from plnjournal.gui.shell.app import run_gui

# What a journal's file name ends with; a new file named otherwise is asked about first.
JOURNAL_SUFFIXES = (".sqlite3", ".sqlite", ".db", ".pln")

# Qt platform plugins that draw without a display server (QT_QPA_PLATFORM).
HEADLESS_PLATFORMS = frozenset(
    {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}
)


def display_problem(env: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str:
    """Why the window cannot be shown here ("" when it can): on Linux and the BSDs Qt aborts
    the whole process without a display server, so this is asked before Qt is started."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ""
    plugin = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip()
    if plugin in HEADLESS_PLATFORMS:
        return ""
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return ""
    return "DISPLAY and WAYLAND_DISPLAY are not set"


def doubtful_new_journal(db_arg: str | None, path: Path) -> str:
    """Why a ``--db`` that names no journal yet looks like a slip ("" when it does not): a
    command's name (``plnjournal --db stats``, the path forgotten) or a name without a journal
    suffix. The window asks before making such a journal; where no one can answer, refused."""
    if not db_arg or path.exists() or path.is_symlink():
        return ""
    if db_arg.strip() in command_names():
        return (
            f"--db {db_arg}: there is no journal there, and {db_arg} is a command: to run it "
            f"on a journal, plnjournal --db JOURNAL {db_arg} (nothing was created)"
        )
    if path.suffix.lower() not in JOURNAL_SUFFIXES:
        return (
            f"--db {db_arg}: there is no journal there, and a new journal's name ends with "
            f"{', '.join(JOURNAL_SUFFIXES)}; check the path, or start one as "
            f"{path.name}{JOURNAL_SUFFIXES[0]} (nothing was created)"
        )
    return ""


def open_gui(args: Namespace, ctx: Context) -> int:
    """The window on the command's journal; ``--smoke-test`` lets packagers check a build
    shows a window without a person to close it."""
    problem = display_problem()
    if problem:
        raise PlnError(
            f"no display to open the window on ({problem}); the command-line commands work "
            "without one (plnjournal --help lists them)"
        )
    smoke_test = getattr(args, "smoke_test", False)
    screenshot = getattr(args, "screenshot", None)
    if screenshot and not smoke_test:
        raise InputError("--screenshot works with --smoke-test only")
    doubt = doubtful_new_journal(ctx.db_arg, ctx.db_path)
    if doubt and smoke_test:  # no one to ask
        raise InputError(doubt)
    return run_gui(
        ctx.db_path,
        smoke_test=smoke_test,
        screenshot=Path(screenshot) if screenshot else None,
        confirm_new=doubt or None,
    )
