"""A reflection as an editable Markdown text with front matter, and that text applied back.

``plnjournal edit`` and ``add --edit`` hand this text to the user's editor: the same format the
Markdown export writes and imports (docs/journal-formats.md), so what people edit is what they
know. Applying it saves only what changed, and keeps the old title and text in the
reflection's history (``entry_revisions``) first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from plnjournal.core.journal.entries import get_entry, set_skill_links, update_entry
from plnjournal.core.journal_io.export import entry_markdown
from plnjournal.core.journal_io.markdown_files import format_front_matter, parse_markdown
from plnjournal.core.journal_io.records import EntryRecord, ParsedJournal
from plnjournal.core.skills.lookup import find_skill
from plnjournal.errors import InputError
from plnjournal.storage.models import EntryRevision, EntryTag


def editable_text(session: Session, entry_id: int) -> str:
    """The reflection as Markdown with front matter, ready for an editor."""
    return entry_markdown(get_entry(session, entry_id))


def blank_text(day: dt.date, at: dt.time | None) -> str:
    """The text ``add --edit`` opens: front matter to fill, then the reflection."""
    fields: list[tuple[str, object]] = [("title", ""), ("date", day)]
    if at is not None:
        fields.append(("time", at.strftime("%H:%M")))
    fields.append(("private", False))
    return format_front_matter(fields) + "\n"


def read_text(text: str, what: str) -> EntryRecord:
    """The edited text as a record; an InputError naming the line when it cannot be read."""
    parsed = ParsedJournal("markdown", Path(what))
    record = parse_markdown(text, "", what, parsed)
    problems = parsed.problems or ([] if record is not None else parsed.warnings)
    if problems or record is None:
        first = problems[0] if problems else None
        where = f"{what}:{first.line}" if first is not None and first.line else what
        why = first.message if first is not None else "it has no date"
        raise InputError(f"{where}: {why}")
    return record


def apply_text(session: Session, entry_id: int, text: str) -> bool:
    """Save the edited text onto the reflection; False when nothing changed. The title and
    text it had are kept in its history before they change."""
    entry = get_entry(session, entry_id)
    record = read_text(text, f"reflection {entry_id}")
    skills = {
        find_skill(session, code, what=f"reflection {entry_id}: skills").id: level
        for code, level in record.skills.items()
    }
    changes: dict[str, object] = {}
    for name, value in (
        ("title", record.title),
        ("body", record.body),
        ("entry_date", record.entry_date),
        ("entry_time", record.entry_time),
        ("private", record.private),
        ("comfort", record.comfort),
    ):
        if getattr(entry, name) != value:
            changes[name] = value
    old_links = {link.skill_id: link.self_rating for link in entry.skill_links}
    old_tags = sorted(t.tag for t in entry.tags)
    new_tags = sorted(set(record.tags))
    if not changes and old_links == skills and old_tags == new_tags:
        return False
    if "title" in changes or "body" in changes:
        session.add(EntryRevision(entry_id=entry.id, title=entry.title, body=entry.body))
    if changes:
        update_entry(session, entry_id, **changes)
    if old_links != skills:
        set_skill_links(session, entry, skills)
    if old_tags != new_tags:
        entry.tags.clear()
        session.flush()
        entry.tags.extend(EntryTag(tag=t) for t in new_tags)
    session.flush()
    return True
