"""``plnjournal add``: quick capture of a reflection from a terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from plnjournal.cli.context import Context
from plnjournal.cli.output import info
from plnjournal.core.dates import parse_date, parse_time
from plnjournal.core.journal import quick_add
from plnjournal.core.journal.quick_add import QuickEntry, link_at_words, split_title
from plnjournal.errors import InputError
from plnjournal.lazy import lazy_module
from plnjournal.values import EntrySource

if TYPE_CHECKING:
    from plnjournal.cli import cmd_entries
    from plnjournal.core.feedback import responses
    from plnjournal.core.feedback.inbox import FeedbackRow
    from plnjournal.core.journal import edit_text, entries
    from plnjournal.core.skills import lookup
    from plnjournal.programme import sharing
else:
    # The full path (SQLAlchemy): a journal to create, migrate or back up, feedback to answer,
    # a skill to suggest, and composing in the editor (--edit). Kept off the quick path, which
    # writes on plain sqlite3 (docs/performance.md, "The command line's start" and "Quick
    # capture (issue 20)").
    cmd_entries = lazy_module("plnjournal.cli.cmd_entries")
    edit_text = lazy_module("plnjournal.core.journal.edit_text")
    responses = lazy_module("plnjournal.core.feedback.responses")
    entries = lazy_module("plnjournal.core.journal.entries")
    lookup = lazy_module("plnjournal.core.skills.lookup")
    # Sharing with a programme (add --share): only when asked.
    sharing = lazy_module("plnjournal.programme.sharing")


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    """Quick capture from a terminal or a script (``-`` reads stdin); says "Added" only
    once the reflection is committed."""
    day = (
        parse_date(args.date, what="--date", future=args.allow_future)
        if args.date
        else dt.date.today()
    )
    when = (
        parse_time(args.time, what="--time")
        if args.time
        else dt.datetime.now().time().replace(second=0, microsecond=0)
    )
    text = sys.stdin.read() if args.text == "-" else (args.text or "")
    composed = None
    if args.edit:
        # Composed in the user's editor, like jrnl with no text: the front matter's date,
        # time, title and privacy win over the options.
        start = edit_text.blank_text(day, when) + text
        edited = cmd_entries.edit_in_editor(start, "add --edit")
        if edited.strip() == start.strip():
            info("Nothing added: the reflection was left empty.")
            return 0
        composed = edit_text.read_text(edited, "add --edit")
        day, when = composed.entry_date, composed.entry_time or when
        args.private = args.private or composed.private
        args.skill = [*args.skill, *composed.skills]
    if composed is not None:
        title, body = composed.title.strip(), composed.body.strip()
    elif args.title is not None:
        title, body = args.title.strip(), text.strip()
    else:
        title, body = split_title(text)
    if not title and not body:
        raise InputError("add: nothing to add; give the text as an argument or '-' to read stdin")
    if getattr(args, "share", False) and args.private:
        raise InputError(
            "add: --share and private: private reflections are never shared (nothing was added)"
        )
    entry = QuickEntry(
        day,
        when,
        title,
        body,
        private=args.private,
        skills=tuple(args.skill),
        tags=tuple(composed.tags) if composed is not None else (),
    )
    ctx.ensure_unlocked()
    entry_id = None if args.responds else quick_add.add_quickly(ctx.db_path, entry)
    answers: list[FeedbackRow] = []
    if entry_id is None:
        entry_id, answers = _add_in_full(entry, args.responds, ctx)
    # Only after the commit: "Added" must never be said of a reflection that is not saved.
    info(f"Added reflection {entry_id} on {day.isoformat()}: {title or body[:60]}")
    for row in answers:
        info(
            f"  answers #{row.id}: {row.mentor or 'a mentor'} on {row.skill_code} {row.skill_name}"
        )
    if getattr(args, "share", False):
        with ctx.db().session() as session:
            sharing.share_entries(session, [entry_id])
        info("  shared with your mentors: sent at the next 'plnjournal sync'")
    return 0


def _add_in_full(
    entry: QuickEntry, responds: list[int], ctx: Context
) -> tuple[int, list[FeedbackRow]]:
    """The full path over the ORM: opens (creating, migrating, checking and backing up) the
    journal, suggests close skills for an unknown one, answers feedback items."""
    with ctx.db().session() as session:
        skills: dict[int, int | None] = {
            lookup.find_skill(session, s, what="--skill").id: None for s in entry.skills
        }
        codes = {
            s.code.casefold(): s.id for s in lookup.list_skills(session, include_archived=False)
        }
        tags = link_at_words(entry, codes, skills)
        # Checked before anything is written: one wrong id adds nothing.
        answers = responses.check_answerable(session, responds, what="--responds")
        skills.update((row.skill_id, None) for row in answers if row.skill_id not in skills)
        added = entries.add_entry(
            session,
            entry_date=entry.entry_date,
            entry_time=entry.entry_time,
            title=entry.title,
            body=entry.body,
            private=entry.private,
            source=EntrySource.CLI,
            skills=skills,
            tags=tags,
        )
        if answers:
            responses.set_responses(session, added.id, [row.id for row in answers])
    return added.id, answers
