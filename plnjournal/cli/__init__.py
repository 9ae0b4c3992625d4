"""The command line: one entry point ``main(argv) -> int``; errors as one line, never a traceback.

Nothing heavy is imported here: a command's module is imported when it runs (the registry in
``cli/parser.py``), so ``plnjournal --version`` and ``plnjournal stats`` start fast and never
load Qt or matplotlib. A plain window start does not even build the parser (``window_args``).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from plnjournal.cli.context import Context
from plnjournal.cli.output import print_error
from plnjournal.cli.parser import WINDOW_HANDLER, build_parser, load_handler
from plnjournal.errors import PlnError
from plnjournal.lazy import lazy_module
from plnjournal.paths import private_files
from plnjournal.storage.cipher import connect, dbapi

# The log file, written only when a command meets a bug: keeps it off the quick commands'
# start (docs/performance.md, "The command line's start").
logs = lazy_module("plnjournal.logs")
# A traceback is printed only with --debug: keeps it (and textwrap, linecache) off every
# command's start (docs/performance.md, "The command line's start").
traceback = lazy_module("traceback")


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain window start (``plnjournal [--db PATH] [--debug]``), read
    without building the parser, which the window's start does not need (what that saves:
    docs/performance.md, "The command line's start"). None for anything else."""
    args = argparse.Namespace(db=None, debug=False, command=None, handler=WINDOW_HANDLER)
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
    # Every file the app makes — the journal and SQLite's files beside it, backups, logs,
    # exports, charts, temporary files — is the user's own (0600, folders 0700): one place
    # for all of them, whatever the user's umask (docs/reliability.md, "Files on disk").
    private_files()
    args = window_args(argv)
    if args is None:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help, --version, usage errors
            return int(exc.code or 0) if isinstance(exc.code, int) else 2
    ctx = Context(db_arg=args.db, debug=args.debug)
    before = set(ctx.journal_files())
    code = 1
    try:
        handler = load_handler(getattr(args, "handler", None) or WINDOW_HANDLER)
        code = int(handler(args, ctx) or 0)
        return code
    except PlnError as exc:
        if args.debug:
            traceback.print_exc()
        print_error(exc.message)
        code = exc.exit_code
        return code
    except KeyboardInterrupt:
        print_error("interrupted; nothing was half-written")
        return 1
    except BrokenPipeError:
        code = 0
        return code
    except Exception as exc:  # a bug: say so in one line, details with --debug
        if (problem := ctx.storage_problem(exc)) is not None:
            print_error(problem.message)
            return problem.exit_code
        if args.debug:
            raise
        where = logs.log_exception(exc)
        # One line, and only the error's own first line: a database library's message goes
        # on with the statement, which is no business of the terminal.
        said = " ".join(str(getattr(exc, "orig", None) or exc).split("\n", 1)[0].split())[:200]
        print_error(
            f"unexpected problem: {type(exc).__name__}: {said} "
            f"(details in {where}; --debug shows them)"
        )
        return 1
    finally:
        ctx.close()
        if code != 0 and getattr(args, "handler", None) not in (None, WINDOW_HANDLER):
            _remove_new_files(ctx, before)


def _remove_new_files(ctx: Context, before: set[Path]) -> None:
    """A command that failed creates nothing: a journal file it made (empty of anything but
    what it rolled back) goes, with SQLite's files beside it. A journal that was there before
    the command is never touched."""
    try:
        path = ctx.db_path
    except PlnError:  # no journal was named (an empty --db): nothing could have been made
        return
    if path in before or not ctx.journal_files() or not _holds_nothing(path):
        return
    for made in [p for p in ctx.journal_files() if p not in before]:
        with contextlib.suppress(OSError):
            made.unlink()


def _holds_nothing(path: Path) -> bool:
    """Whether the journal file holds no one's words: no reflection, feedback, rating or
    commitment (a failed command rolled its writes back). Anything else keeps it."""
    try:
        with contextlib.closing(connect(path, mode="ro")) as conn:
            for table in ("entries", "feedback_items", "ratings", "commitments"):
                if conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]:
                    return False
    except dbapi.Error + (PlnError,):
        return path.exists() and path.stat().st_size == 0
    return True


def run() -> int:
    """Console-script entry point."""
    code = main(sys.argv[1:])
    # Exiting: Python's last full collection would walk every object, for nothing (what that
    # cost after a PDF: docs/performance.md, "One-year PDF (session 3)").
    gc.freeze()
    return code


def run_window() -> int:
    """gui-scripts entry point (no console window on Windows): the window, or the command given."""
    return main(sys.argv[1:] or ["gui"])
