"""``plnjournal add``: quick capture of a reflection from a terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys

from plnjournal.cli.cmd_entries import edit_in_editor
from plnjournal.cli.context import Context
from plnjournal.cli.output import info
from plnjournal.core.dates import parse_date, parse_time
from plnjournal.core.feedback.responses import check_answerable, set_responses
from plnjournal.core.journal.edit_text import blank_text, read_text
from plnjournal.core.journal.entries import add_entry, split_title
from plnjournal.core.skills.lookup import find_skill, list_skills
from plnjournal.errors import InputError
from plnjournal.values import EntrySource

# An @word in quick capture: a skill code, or a tag (jrnl's convention).
AT_WORD = re.compile(r"(?<!\S)@([\w][-+/\w]*)")


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
        start = blank_text(day, when) + text
        edited = edit_in_editor(start, "add --edit")
        if edited.strip() == start.strip():
            info("Nothing added: the reflection was left empty.")
            return 0
        composed = read_text(edited, "add --edit")
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
    db = ctx.db()
    with db.session() as session:
        skills: dict[int, int | None] = {
            find_skill(session, s, what="--skill").id: None for s in args.skill
        }
        # "@PA1" links the skill PA1 (as jrnl's tags do on import); other @words are tags.
        codes = {s.code.casefold(): s.id for s in list_skills(session, include_archived=False)}
        tags = []
        for word in AT_WORD.findall(f"{title}\n{body}"):
            if word.casefold() in codes:
                skills.setdefault(codes[word.casefold()], None)
            elif word.casefold() not in tags:
                tags.append(word.casefold())
        if composed is not None:
            tags.extend(t for t in composed.tags if t not in tags)
        # Checked before anything is written: one wrong id adds nothing.
        answers = check_answerable(session, args.responds, what="--responds")
        skills.update((row.skill_id, None) for row in answers if row.skill_id not in skills)
        entry = add_entry(
            session,
            entry_date=day,
            entry_time=when,
            title=title,
            body=body,
            private=args.private,
            source=EntrySource.CLI,
            skills=skills,
            tags=tags,
        )
        if answers:
            set_responses(session, entry.id, [row.id for row in answers])
    # Only after the commit: "Added" must never be said of a reflection that is not saved.
    info(f"Added reflection {entry.id} on {day.isoformat()}: {title or body[:60]}")
    for row in answers:
        info(
            f"  answers #{row.id}: {row.mentor or 'a mentor'} on {row.skill_code} {row.skill_name}"
        )
    return 0
