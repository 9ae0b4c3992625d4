"""The commands on one reflection (edit, highlight, delete, trash): part of the registry in
cli/parser.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plnjournal.cli.args import positive_int

if TYPE_CHECKING:
    from plnjournal.cli.parser import Subcommands


def entry_commands(sub: Subcommands) -> None:
    """edit, highlight, delete, trash."""
    p = sub.add_parser(
        "edit",
        help="edit a reflection in your editor ($VISUAL or $EDITOR), as Markdown",
        description="Opens the reflection as Markdown with front matter (title, date, skills, "
        "tags, private) in your editor; saves it when you changed it, keeping the old title "
        "and text in its history.",
    )
    p.add_argument("entry", type=positive_int, metavar="ID", help="the reflection's number")
    p.set_defaults(handler="plnjournal.cli.cmd_entries:cmd_edit")

    p = sub.add_parser(
        "highlight",
        help="mark reflections as highlights (shown in full in the progress report)",
    )
    p.add_argument("entries", nargs="+", type=positive_int, metavar="ID")
    p.add_argument("--undo", action="store_true", help="take the mark away")
    p.set_defaults(handler="plnjournal.cli.cmd_entries:cmd_highlight")

    p = sub.add_parser("delete", help="move reflections to the trash (restorable for 30 days)")
    p.add_argument("entries", nargs="+", type=positive_int, metavar="ID")
    p.add_argument("--yes", action="store_true", help="do not ask")
    p.set_defaults(handler="plnjournal.cli.cmd_entries:cmd_delete")

    p = sub.add_parser("trash", help="deleted reflections: list, restore one, or empty")
    p.add_argument("action", choices=("list", "restore", "empty"), nargs="?", default="list")
    p.add_argument("item", nargs="?", type=positive_int, metavar="NUMBER", help="for restore")
    p.add_argument("--yes", action="store_true", help="empty without asking")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.set_defaults(handler="plnjournal.cli.cmd_entries:cmd_trash")
