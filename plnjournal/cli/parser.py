"""The full command-line parser: every command module registers its sub-commands.

Built only when the arguments are more than a plain window start (see ``window_args``).
"""

from __future__ import annotations

import argparse
import importlib

from plnjournal import __version__
from plnjournal.cli.output import print_error

# Each module registers its sub-commands with ``register(subparsers)``.
COMMAND_MODULES = (
    "plnjournal.cli.cmd_journal",
    "plnjournal.cli.cmd_skills",
    "plnjournal.cli.cmd_backup",
    "plnjournal.cli.cmd_feedback",
    "plnjournal.cli.cmd_insights",
    "plnjournal.cli.cmd_report",
    "plnjournal.cli.cmd_journal_io",
    "plnjournal.cli.cmd_show",
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in our one-line format with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print_error(f"{message} (see '{self.prog} --help')")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="plnjournal",
        description="PLN Journal: a reflective-practice journal that shows what you keep avoiding. "
        "With no command, opens the journal window.",
    )
    parser.add_argument("--version", action="version", version=f"plnjournal {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="journal file (default: $PLNJOURNAL_DB or the user data folder)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser
