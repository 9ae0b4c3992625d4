"""``plnjournal settings``: the journal's own settings (for now, the reflections' language)."""

from __future__ import annotations

import argparse

from plnjournal.cli.context import Context
from plnjournal.cli.output import info
from plnjournal.core.journal.settings import journal_language, set_journal_language
from plnjournal.core.language import LANGUAGE_NAMES


def _said(language: str | None) -> str:
    if language is None:
        return "each reflection's language is detected from its text (auto)"
    return f"reflections are read as {LANGUAGE_NAMES[language]} ({language})"


def cmd_language(args: argparse.Namespace, ctx: Context) -> int:
    """Show or set the language the depth grading reads reflections in; setting it helps
    short reflections, whose language is hard to tell from a few words."""
    if args.language is None:
        with ctx.db(create=False).session() as session:
            language = journal_language(session)
        said = _said(language)
        info(said[0].upper() + said[1:] + ".")
        return 0
    with ctx.db().session() as session:
        set_journal_language(session, args.language)
        language = journal_language(session)
    info("From now on " + _said(language) + ".")
    return 0
