"""The programme-mode commands' arguments (programme …, connect, disconnect, sync, share,
unshare): part of the registry in cli/parser.py. Their handlers (cli/cmd_programme.py) are
the only command-line code that loads psycopg."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from plnjournal.cli.args import item_id

if TYPE_CHECKING:
    from plnjournal.cli.parser import Subcommands

_HANDLERS = "plnjournal.cli.cmd_programme"
# The server an administrator's commands go to when --server is not given.
SERVER_ENV = "PLNJOURNAL_PROGRAMME_SERVER"


def programme_commands(sub: Subcommands) -> None:
    """Running a programme's server, and a trainee joining it and syncing."""
    p = sub.add_parser(
        "programme",
        help="set up and run a training programme's server (for its administrator)",
        description="Run by the server's administrator. SERVER is a "
        "PostgreSQL address such as postgresql://postgres@db.school.example/programme or "
        f"a conninfo string; the other commands read it from --server or ${SERVER_ENV}.",
    )
    cmds = p.add_subparsers(dest="programme_command", metavar="COMMAND", required=True)
    c = cmds.add_parser("init", help="create (or update) the programme's schema and roles")
    c.add_argument("server", metavar="SERVER")
    c.add_argument("--name", default="", help="the programme's name (default: the database's)")
    c.set_defaults(handler=f"{_HANDLERS}:cmd_init")
    for kind in ("trainee", "mentor", "lead"):
        c = cmds.add_parser(f"add-{kind}", help=f"add a {kind}: prints their one-time password")
        c.add_argument("login", metavar="LOGIN", help="their login name (e.g. ana.lopez)")
        c.add_argument("--name", default="", help="their name as others see it")
        c.add_argument(
            "--existing-role",
            action="store_true",
            help="use a login the server already has (no password is made)",
        )
        _server_option(c)
        c.set_defaults(handler=f"{_HANDLERS}:cmd_add_person", kind=kind)
    c = cmds.add_parser("assign", help="make MENTOR a mentor of TRAINEE")
    c.add_argument("mentor", metavar="MENTOR")
    c.add_argument("trainee", metavar="TRAINEE")
    _server_option(c)
    c.set_defaults(handler=f"{_HANDLERS}:cmd_assign")
    c = cmds.add_parser("unassign", help="MENTOR no longer mentors TRAINEE")
    c.add_argument("mentor", metavar="MENTOR")
    c.add_argument("trainee", metavar="TRAINEE")
    _server_option(c)
    c.set_defaults(handler=f"{_HANDLERS}:cmd_unassign")
    c = cmds.add_parser(
        "remove", help="take a person out, with what they shared (their login too, if made here)"
    )
    c.add_argument("login", metavar="LOGIN")
    _server_option(c)
    c.set_defaults(handler=f"{_HANDLERS}:cmd_remove")
    c = cmds.add_parser("status", help="the programme's people, assignments and what is shared")
    c.add_argument("--json", action="store_true", help="print the status as JSON")
    _server_option(c)
    c.set_defaults(handler=f"{_HANDLERS}:cmd_status")

    p = sub.add_parser(
        "connect",
        help="join your programme's server (the password goes to the OS keyring)",
        description="Stores the server's address in the journal, never the password: that "
        "goes to the OS keyring when there is one, else you are asked at each sync.",
    )
    p.add_argument("server", metavar="SERVER", help="the address your programme gave you")
    p.set_defaults(handler=f"{_HANDLERS}:cmd_connect")
    p = sub.add_parser("disconnect", help="leave the programme's server (what you shared stays)")
    p.set_defaults(handler=f"{_HANDLERS}:cmd_disconnect")

    p = sub.add_parser(
        "sync", help="send what you shared, bring in your mentors' feedback and comments"
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=f"{_HANDLERS}:cmd_sync")
    p = sub.add_parser(
        "share",
        help="share reflections with your mentors (never private ones); --ratings, --avoidance",
    )
    p.add_argument("ids", nargs="*", type=item_id, metavar="ID")
    p.add_argument(
        "--ratings",
        choices=("on", "off"),
        help="share your self-ratings too (off withdraws them from the server)",
    )
    p.add_argument(
        "--avoidance",
        choices=("on", "off"),
        help="share the summary of the skills you most avoid (never from private reflections)",
    )
    p.set_defaults(handler=f"{_HANDLERS}:cmd_share")
    p = sub.add_parser("comments", help="your mentors' comments on the reflections you shared")
    p.add_argument("id", nargs="?", type=item_id, metavar="ID", help="only on reflection ID")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=f"{_HANDLERS}:cmd_comments")
    p = sub.add_parser("unshare", help="withdraw shared reflections from the server")
    p.add_argument("ids", nargs="+", type=item_id, metavar="ID")
    p.set_defaults(handler=f"{_HANDLERS}:cmd_unshare")


def _server_option(c: object) -> None:
    c.add_argument(  # type: ignore[attr-defined]
        "--server",
        metavar="SERVER",
        default=os.environ.get(SERVER_ENV),
        help=f"the programme's server (default: ${SERVER_ENV})",
    )
