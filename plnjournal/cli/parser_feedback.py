"""The mentor-feedback commands' arguments (import-feedback, feedback-template,
feedback-inbox, respond, feedback-praise): part of the registry in cli/parser.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plnjournal.cli.args import TEXT_LIMIT, column_mapping, positive_int

if TYPE_CHECKING:
    from plnjournal.cli.parser import Subcommands


def feedback_commands(sub: Subcommands) -> None:
    """Mentor feedback: import files, write a template, the inbox, the praise mark."""
    p = sub.add_parser(
        "import-feedback",
        help="import mentor feedback files (CSV, XLSX, JSON, learning-record export, "
        "Markdown letter)",
        description="Check every file completely, then import all of it or nothing. "
        "Formats: docs/feedback-formats.md. Exit 0 on success, 2 on problems in the files.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        type=column_mapping,
        metavar="HEADER=FIELD",
        help="read a column as date, mentor, skill, rating, comment, ignore, or rating:SKILL "
        "(repeatable)",
    )
    p.add_argument(
        "--date-format",
        metavar="ORDER",
        help="for dates like 03/11/2026: day-first, month-first, or a pattern such as %%d/%%m/%%Y",
    )
    p.add_argument(
        "--create-missing-skills",
        action="store_true",
        help="add unknown skills to an 'Imported' area instead of refusing the file",
    )
    p.add_argument(
        "--max-size", type=float, default=20, metavar="MB", help="refuse larger files (default 20)"
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler="plnjournal.cli.cmd_feedback:cmd_import_feedback")

    p = sub.add_parser(
        "feedback-template",
        help="write a feedback template for a mentor (OUT.csv, OUT.md or OUT.json)",
    )
    p.add_argument("out", metavar="OUT")
    p.add_argument("--skills", metavar="CODE,...", help="skills to ask about (default: all active)")
    p.add_argument("--mentor", default="", help="the mentor's name, filled in for them")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.set_defaults(handler="plnjournal.cli.cmd_feedback:cmd_feedback_template")

    p = sub.add_parser(
        "feedback-inbox", help="feedback still waiting for a reflection, oldest first"
    )
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument(
        "--limit",
        type=positive_int,
        metavar="N",
        help=f"show the N oldest items (default {TEXT_LIMIT}; all with --json)",
    )
    p.set_defaults(handler="plnjournal.cli.cmd_feedback:cmd_feedback_inbox")

    p = sub.add_parser(
        "respond",
        help="answer a feedback item with a reflection that quotes it (ID from feedback-inbox)",
    )
    p.add_argument("item", type=positive_int, metavar="ID", help="the feedback item's number")
    p.add_argument(
        "text",
        nargs="?",
        help="your answer; '-' reads it from standard input (none: a template to fill in)",
    )
    p.add_argument(
        "--edit",
        action="store_true",
        help="write the answer in your editor ($VISUAL or $EDITOR), below the quoted feedback",
    )
    p.add_argument("--private", action="store_true", help="never exported unless asked")
    p.set_defaults(handler="plnjournal.cli.cmd_feedback:cmd_respond")

    p = sub.add_parser(
        "feedback-praise",
        help="mark a feedback item's comment as praise (it was not critical), or --undo it",
        description="The item is kept as it is; its comment no longer asks for a reflection. "
        "A rating below target still does. Item numbers are in 'feedback-inbox'.",
    )
    p.add_argument("item", type=positive_int, metavar="ID", help="the feedback item's number")
    p.add_argument("--undo", action="store_true", help="the comment counts as critical again")
    p.set_defaults(handler="plnjournal.cli.cmd_feedback:cmd_feedback_praise")
