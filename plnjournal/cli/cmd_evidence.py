"""Achieved skills out from the command line: ``plnjournal export-evidence OUT``."""

from __future__ import annotations

import argparse
from pathlib import Path

from plnjournal.cli.context import Context
from plnjournal.cli.output import info
from plnjournal.core.skills.open_badges import INDEX, export_evidence
from plnjournal.core.words import plural


def cmd_export_evidence(args: argparse.Namespace, ctx: Context) -> int:
    """A credential per skill a mentor rated at or above its target, and the index."""
    with ctx.db(create=False).session() as session:  # commits the journal's id, made once
        done = export_evidence(
            session, Path(args.out).expanduser(), anonymize_mentors=args.anonymize_mentors
        )
    info(
        f"Wrote {plural(len(done.files), 'credential')} and {INDEX} to {done.folder}."
        if done.files
        else f"No skill has a mentor rating at or above its target yet; wrote an empty "
        f"{INDEX} to {done.folder}."
    )
    info(
        "They are unsigned (no proof section): no signing key is configured, so a portfolio "
        "can read them but cannot check who issued them."
    )
    return 0
