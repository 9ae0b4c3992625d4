"""The command line: one entry point ``main(argv) -> int``; errors as one line, never a traceback.

Nothing heavy is imported here: each command imports what it needs when it runs, so
``plnjournal --version`` and ``plnjournal stats`` start fast and never load Qt or matplotlib.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from plnjournal import __version__
from plnjournal.cli.context import Context
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


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain window start (``plnjournal [--db PATH] [--debug]``), read
    without building the whole parser: registering every command imports every command
    module, which the window's start does not need. None for anything else."""
    args = argparse.Namespace(db=None, debug=False, command=None)
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--debug":
            args.debug = True
        elif arg == "--db" and rest and not rest[0].startswith("-"):
            args.db = rest.pop(0)
        elif arg.startswith("--db=") and len(arg) > len("--db="):
            args.db = arg[len("--db=") :]
        else:
            return None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (0 ok, 1 failure, 2 usage or bad input)."""
    argv = list(argv) if argv is not None else sys.argv[1:]
    args = window_args(argv)
    if args is None:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version, usage errors
            return int(exc.code or 0) if isinstance(exc.code, int) else 2
    ctx = Context(db_arg=args.db, debug=args.debug)
    handler = getattr(args, "handler", None)
    if handler is None:
        from plnjournal.cli.cmd_journal import open_gui

        handler = open_gui
    from plnjournal.errors import PlnError

    try:
        return int(handler(args, ctx) or 0)
    except PlnError as exc:
        if args.debug:
            import traceback

            traceback.print_exc()
        print_error(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        print_error("interrupted; nothing was half-written")
        return 1
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so in one line, details with --debug
        if (problem := ctx.storage_problem(exc)) is not None:
            print_error(problem.message)
            return problem.exit_code
        if args.debug:
            raise
        from plnjournal.logs import log_exception

        where = log_exception(exc)
        print_error(
            f"unexpected problem: {type(exc).__name__}: {exc} (details in {where}; --debug shows them)"
        )
        return 1
    finally:
        ctx.close()


def run() -> int:
    """Console-script entry point."""
    code = main(sys.argv[1:])
    gc.freeze()  # exiting: Python's last full collection would walk every object (0.3 s after a PDF)
    return code
