"""The open reflection's writes: its text, and what is written with it (skill links, comfort,
the feedback it answers), and the journaling view's other writes of reflections (delete,
undo, a hard conversation).

They run on the background helper's one write worker (``gui/tasks.py``), in the order they
were asked for. The first that finds the reflection unsaved creates it and records its id in
the shared ``EntryTarget``, where each write queued after it finds it. A job keeps how it went
for the GUI thread (``gui/journal/entry_saves.py`` shows it in the editor), and never raises
on the worker.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from plnjournal.errors import InputError
from plnjournal.lazy import lazy_module
from plnjournal.storage.db import Database

if TYPE_CHECKING:  # for annotations only
    from sqlalchemy.orm import Session

    from plnjournal.core.feedback.inbox import FeedbackRow
    from plnjournal.core.journal.trash import Trashed

# Imported by the editor, on the window's first paint: the core's writing service
# (SQLAlchemy) is used on the worker once the journal has loaded (docs/performance.md,
# "Where the start-up deferrals are").
entries_service = lazy_module("plnjournal.core.journal.entries")
# The trash, through the same core services (SQLAlchemy): kept off the first paint like them.
trash_service = lazy_module("plnjournal.core.journal.trash")
responses_service = lazy_module("plnjournal.core.feedback.responses")

log = logging.getLogger(__name__)

# A write that needs the open reflection: given a session and its id (None if it has not been
# saved and the write did not ask for it to be made), it returns what ``on_done`` gets.
EntryWrite = Callable[["Session", "int | None"], Any]


class EntryTarget:
    """The open reflection as the write worker sees it: its id, recorded by whichever queued
    save creates it, so every write queued after that save finds it."""

    def __init__(self, entry_id: int | None) -> None:
        self.entry_id = entry_id


class EntryWriteJob:
    """One write of the open reflection: what to write, and how it went (set by ``run`` on
    the worker, read on the GUI thread once the worker is done with it)."""

    def __init__(
        self,
        db: Database,
        target: EntryTarget,
        when: tuple[dt.date, dt.time | None],
        fields: dict[str, Any],
        update: bool,
        create: bool,
        write: EntryWrite | None,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.db, self.target, (self.day, self.when) = db, target, when
        self.fields, self.update, self.create, self.write = fields, update, create, write
        self.on_done, self.on_error = on_done, on_error
        self.saved: tuple[int | None, bool] | None = None  # the entry id, whether created
        self.result: Any = None
        self.error: BaseException | None = None
        self.handled = False

    def run(self) -> None:
        """Save the text (if ``update``) or make the reflection (if ``create``), then the
        write; any error is kept for the GUI thread, never raised here."""
        try:
            self._save()
            if self.write is not None:
                with self.db.session() as s:
                    self.result = self.write(s, self.target.entry_id)
        except BaseException as exc:  # reported on the GUI thread
            self.error = exc

    def _save(self) -> None:
        entry_id, created = self.target.entry_id, False
        if not self.update and not (self.create and entry_id is None):
            return
        with self.db.session() as s:
            if entry_id is not None and self.update:
                try:
                    entries_service.update_entry(s, entry_id, **self.fields)
                except InputError:
                    # Deleted elsewhere (the command line, another window): keep the text as a
                    # new reflection rather than lose it.
                    log.warning("entry %s vanished while open; saving as new", entry_id)
                    entry_id = None
            has_text = bool(self.fields["title"].strip() or self.fields["body"].strip())
            if entry_id is None and (self.create or has_text):
                entry = entries_service.add_entry(
                    s, entry_date=self.day, entry_time=self.when, **self.fields
                )
                entry_id, created = entry.id, True
        self.target.entry_id = entry_id  # once committed: the writes queued after it use it
        self.saved = (entry_id, created)


def links(chosen: dict[int, int | None]) -> EntryWrite:
    """Link the reflection to these skills (skill id → self-rating or None), and only these."""

    def write(s: Session, entry_id: int | None) -> None:
        entries_service.set_skill_links(s, entries_service.get_entry(s, entry_id), chosen)

    return write


def answers(item_ids: set[int]) -> EntryWrite:
    """Make the reflection answer exactly these feedback items (the others go back to the
    inbox)."""

    def write(s: Session, entry_id: int | None) -> None:
        assert entry_id is not None  # queued with create=True
        responses_service.set_responses(s, entry_id, item_ids)

    return write


def answer_choices(skill_ids: set[int]) -> EntryWrite:
    """Read what the reflection may answer: the items it answers and the open items on these
    skills, with the ids of those it answers. Queued with the writes, so it reads what the
    ticks before it wrote."""

    def read(s: Session, entry_id: int | None) -> tuple[list[FeedbackRow], set[int]]:
        rows: tuple[list[FeedbackRow], set[int]]
        rows = responses_service.response_choices(s, entry_id, skill_ids)
        return rows

    return read


def comfort(rating: int | None) -> EntryWrite:
    """Rate how far outside the comfort zone the reflection's experience was."""

    def write(s: Session, entry_id: int | None) -> None:
        entries_service.update_entry(s, entry_id, comfort=rating)

    return write


def delete(s: Session, entry_id: int | None) -> Trashed | None:
    """Move the reflection (if it was ever saved) to the trash, where ``restore`` (the undo)
    and the Trash window find it for 30 days."""
    return None if entry_id is None else trash_service.move_to_trash(s, entry_id)


def restore(db: Database, trashed: Trashed) -> tuple[int, dt.date]:
    """Bring a deleted reflection back from the trash; its id and its day."""
    with db.session() as s:
        entry = trash_service.restore_from_trash(s, trashed.id)
        return entry.id, entry.entry_date


def add_prompted(
    db: Database, skill_id: int, title: str, prompt: str, day: dt.date, now: dt.datetime
) -> int:
    """A new reflection on ``day``, linked to the skill, starting with the prompt quoted (the
    nudge's question, or Insights' "Write about it now")."""
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in prompt.splitlines())
    with db.session() as s:
        entry = entries_service.add_entry(
            s,
            entry_date=day,
            entry_time=now.time().replace(second=0, microsecond=0),
            title=title,
            body=f"{quoted}\n\n",
            skills={skill_id: None},
        )
        entry_id: int = entry.id
        return entry_id
