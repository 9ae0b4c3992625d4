"""``export-evidence``'s arguments: part of the registry in cli/parser.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plnjournal.cli.args import add_anonymize_mentors

if TYPE_CHECKING:
    from plnjournal.cli.parser import Subcommands


def evidence_commands(sub: Subcommands) -> None:
    """Achieved skills out as Open Badges credentials."""
    p = sub.add_parser(
        "export-evidence",
        help="write Open Badges 3.0 credentials for the skills a mentor rated at or above "
        "target, and an index CSV, into a new folder",
        description="One JSON-LD credential (Open Badges 3.0) per skill whose latest mentor "
        "rating reaches its target, aligned to the framework's skill, plus index.csv. The "
        "credentials are unsigned (no signing key is configured). Reflections are never "
        "quoted.",
    )
    p.add_argument("out", metavar="OUT", help="a new (or empty) folder to write into")
    add_anonymize_mentors(p)
    p.set_defaults(handler="plnjournal.cli.cmd_evidence:cmd_export_evidence")
