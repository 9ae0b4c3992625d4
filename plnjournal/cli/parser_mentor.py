"""The mentor's commands (``mentor …``) and the lead's addition to ``programme``
(coverage): part of the registry in cli/parser.py. Their handlers
(cli/cmd_mentor.py, cli/mentor_window.py) load psycopg, and Qt for the window only."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from plnjournal.cli.parser_programme import SERVER_ENV

if TYPE_CHECKING:
    from plnjournal.cli.parser import Subcommands

_HANDLERS = "plnjournal.cli.cmd_mentor"
_WINDOW = "plnjournal.cli.mentor_window:open_mentor_window"
# A file holding the password, for scripts (its first line): never on the command line.
PASSWORD_FILE_ENV = "PLNJOURNAL_PASSWORD_FILE"


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _server(c: argparse.ArgumentParser, *, top: bool = False) -> None:
    # Given before or after the command: a command's own default would hide the first.
    c.add_argument(
        "--server",
        metavar="SERVER",
        default=os.environ.get(SERVER_ENV) if top else argparse.SUPPRESS,
        help=f"your programme's server, without the password (default: ${SERVER_ENV}); the "
        f"password comes from the keyring, ${PASSWORD_FILE_ENV} or is asked for",
    )


def mentor_commands(sub: Subcommands) -> None:
    """A mentor's side of a programme: no journal of their own, only the server."""
    p = sub.add_parser(
        "mentor",
        help="a mentor's side of a programme: your trainees, feedback, sign-offs (the window "
        "with no command)",
        description="With no command, opens the mentor window. You need no journal: "
        "everything is on your programme's server, and you see only your own trainees.",
    )
    _server(p, top=True)
    p.set_defaults(handler=_WINDOW)
    cmds = p.add_subparsers(dest="mentor_command", metavar="COMMAND")
    c = cmds.add_parser("list", help="your trainees: unread reflections, open requests, gaps")
    c.add_argument("--json", action="store_true", help="print the list as JSON")
    _server(c)
    c.set_defaults(handler=f"{_HANDLERS}:cmd_list")
    c = cmds.add_parser(
        "read", help="what a trainee shared, requested and answered (marks it read)"
    )
    c.add_argument("trainee", metavar="TRAINEE", help="their login")
    c.add_argument("--json", action="store_true", help="print it as JSON")
    c.add_argument("--keep-unread", action="store_true", help="do not mark it read")
    _server(c)
    c.set_defaults(handler=f"{_HANDLERS}:cmd_read")
    c = cmds.add_parser("feedback", help="feedback on one skill: a rating and a comment")
    c.add_argument("trainee", metavar="TRAINEE")
    c.add_argument("skill", metavar="SKILL", help="the skill's code, e.g. PL2")
    c.add_argument("rating", metavar="RATING", help="a level of the programme's scale, or '-'")
    c.add_argument("text", metavar="TEXT", help="your comment (Markdown; '' for none)")
    _server(c)
    c.set_defaults(handler=f"{_HANDLERS}:cmd_feedback")
    c = cmds.add_parser("comment", help="comment on a shared reflection")
    c.add_argument("reflection", metavar="REFLECTION", help="its id (or its first 8 characters)")
    c.add_argument("text", metavar="TEXT", help="your comment (Markdown)")
    c.add_argument("--skill", metavar="CODE", help="the skill it is about (counts as feedback)")
    _server(c)
    c.set_defaults(handler=f"{_HANDLERS}:cmd_comment")
    c = cmds.add_parser("signoff", help="sign a skill off at a level, with a statement")
    c.add_argument("trainee", metavar="TRAINEE")
    c.add_argument("skill", metavar="SKILL")
    c.add_argument("level", metavar="LEVEL", type=_whole)
    c.add_argument("statement", metavar="STATEMENT", help="what you saw (Markdown)")
    _server(c)
    c.set_defaults(handler=f"{_HANDLERS}:cmd_signoff")
    _programme_lead_commands(sub)


def _programme_lead_commands(sub: Subcommands) -> None:
    """``programme coverage`` (the lead), added to ``programme`` (cli/parser_programme.py),
    which is registered first."""
    programme = sub.choices["programme"]
    cmds = next(a for a in programme._actions if isinstance(a, argparse._SubParsersAction))
    c = cmds.add_parser(
        "coverage",
        help="the cohort's coverage: skills it avoids, trainees no mentor reached (the lead)",
    )
    c.add_argument("--weeks", type=_whole, default=4, help="no mentor contact for this long")
    c.add_argument("--csv", metavar="OUT", help="also write it as a CSV file")
    c.add_argument("--json", action="store_true", help="print it as JSON")
    _server(c, top=True)
    c.set_defaults(handler=f"{_HANDLERS}:cmd_coverage")
