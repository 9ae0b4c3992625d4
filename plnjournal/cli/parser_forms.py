"""The form commands (export-form, forms): part of the registry in cli/parser.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plnjournal.cli.args import add_anonymize_mentors, positive_int

if TYPE_CHECKING:
    from plnjournal.cli.parser import Subcommands


def form_commands(sub: Subcommands) -> None:
    """export-form, forms."""
    p = sub.add_parser(
        "export-form",
        help="fill a regulator's or programme's form from your reflections (PDF)",
        description="Fill a form (e.g. the NMC's reflective accounts, a mentor-meeting record) "
        "from the reflections written with its reflection model: the most recent ones, or "
        "those named with --entries, one per page in the form's order. Private reflections "
        "are left out unless --include-private is given. `plnjournal forms` lists the forms.",
    )
    p.add_argument("form", metavar="FORM", help="the form's id (see `plnjournal forms`)")
    p.add_argument("out", metavar="OUT.pdf", help="the PDF file to write, or a folder")
    p.add_argument("--force", action="store_true", help="replace OUT.pdf if it exists")
    p.add_argument(
        "--from", dest="start", metavar="DATE", help="first day to take reflections from"
    )
    p.add_argument("--to", dest="end", metavar="DATE", help="last day to take reflections from")
    p.add_argument(
        "--entries",
        type=positive_int,
        nargs="+",
        metavar="ID",
        help="the reflections to put on the form, in date order (default: the most recent)",
    )
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size")
    p.add_argument(
        "--include-private", action="store_true", help="allow reflections marked private"
    )
    add_anonymize_mentors(p)
    p.set_defaults(handler="plnjournal.cli.cmd_forms:cmd_export_form")

    p = sub.add_parser(
        "forms",
        help="the forms you can fill, and the details they keep (a Pin, a name)",
        description="With no FORM, lists the forms. With FORM, shows the details kept for it; "
        "KEY=VALUE pairs set them (they are stored in the journal, like your name).",
    )
    p.add_argument("form", nargs="?", metavar="FORM", help="a form's id")
    p.add_argument("values", nargs="*", metavar="KEY=VALUE", help="details to set")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(handler="plnjournal.cli.cmd_forms:cmd_forms")
