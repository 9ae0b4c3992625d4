"""Deleting a reflection to the trash, and getting it back: the window and the command line
delete through here, so nothing written is lost by one wrong click or command.

A deleted reflection is kept whole (its fields, skills with self ratings, tags, and the links
deleting cuts: feedback it answered, commitments made from it) as JSON in the ``trash`` table
for ``KEEP_DAYS`` days, then forgotten. Restoring puts it back exactly, under its old number
when that is free.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from plnjournal.core.journal.entries import DeletedEntry, delete_entry, restore_entry
from plnjournal.errors import InputError
from plnjournal.storage.models import Entry, TrashItem
from plnjournal.values import EntrySource

# How long the trash keeps a deleted reflection.
KEEP_DAYS = 30

_DATES = {"entry_date"}
_TIMES = {"entry_time"}
_STAMPS = {"created_at", "updated_at"}


@dataclass(frozen=True)
class Trashed:
    """One reflection in the trash, as the lists show it."""

    id: int
    entry_id: int
    entry_date: dt.date
    title: str
    deleted_at: dt.datetime

    def forgotten_on(self) -> dt.date:
        """The day the trash lets it go."""
        return (self.deleted_at + dt.timedelta(days=KEEP_DAYS)).date()


def _encode(value: object) -> Any:  # JSON: each field has its own type
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, EntrySource):
        return value.value
    return value


def _decode(name: str, value: Any) -> object:  # JSON: each field has its own type
    if value is None:
        return None
    if name in _DATES:
        return dt.date.fromisoformat(value)
    if name in _TIMES:
        return dt.time.fromisoformat(value)
    if name in _STAMPS:
        return dt.datetime.fromisoformat(value)
    if name == "source":
        return EntrySource(value)
    return value


def snapshot_json(snapshot: DeletedEntry) -> str:
    """The snapshot as the trash stores it."""
    return json.dumps(
        {
            "fields": {k: _encode(v) for k, v in snapshot.fields.items()},
            "links": [[skill_id, level] for skill_id, level in snapshot.links.items()],
            "tags": snapshot.tags,
            "feedback_item_ids": snapshot.feedback_item_ids,
            "commitment_ids": snapshot.commitment_ids,
        },
        ensure_ascii=False,
    )


def snapshot_from_json(text: str) -> DeletedEntry:
    """What ``snapshot_json`` stored, as the snapshot ``restore_entry`` takes."""
    data = json.loads(text)
    return DeletedEntry(
        fields={k: _decode(k, v) for k, v in data["fields"].items()},
        links={int(skill_id): level for skill_id, level in data["links"]},
        tags=list(data["tags"]),
        feedback_item_ids=list(data["feedback_item_ids"]),
        commitment_ids=list(data["commitment_ids"]),
    )


def move_to_trash(session: Session, entry_id: int, *, now: dt.datetime | None = None) -> Trashed:
    """Delete the reflection into the trash (an InputError when there is no such one)."""
    snapshot = delete_entry(session, entry_id)
    item = TrashItem(
        entry_id=entry_id,
        deleted_at=now or dt.datetime.now(),
        entry_date=snapshot.fields["entry_date"],
        title=str(snapshot.fields.get("title") or ""),
        snapshot=snapshot_json(snapshot),
    )
    session.add(item)
    session.flush()
    return _trashed(item)


def list_trash(session: Session, *, now: dt.datetime | None = None) -> list[Trashed]:
    """What the trash holds, most recently deleted first (what it has kept too long goes)."""
    forget_expired(session, now=now)
    items = session.scalars(select(TrashItem).order_by(TrashItem.deleted_at.desc(), TrashItem.id))
    return [_trashed(item) for item in items]


def restore_from_trash(session: Session, trash_id: int) -> Entry:
    """Put the reflection back exactly, under its old number when no other has taken it."""
    item = session.get(TrashItem, trash_id)
    if item is None:
        raise InputError(f"trash: nothing numbered {trash_id} in the trash ('trash list')")
    snapshot = snapshot_from_json(item.snapshot)
    if session.get(Entry, snapshot.fields["id"]) is not None:
        snapshot.fields.pop("id")  # its number was reused meanwhile: a new one
    entry = restore_entry(session, snapshot)
    session.delete(item)
    session.flush()
    return entry


def empty_trash(session: Session) -> int:
    """Forget everything in the trash now; how many reflections that was."""
    result = session.execute(delete(TrashItem))
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


def forget_expired(session: Session, *, now: dt.datetime | None = None) -> int:
    """Forget what was deleted more than ``KEEP_DAYS`` days ago; how many."""
    cutoff = (now or dt.datetime.now()) - dt.timedelta(days=KEEP_DAYS)
    result = session.execute(delete(TrashItem).where(TrashItem.deleted_at < cutoff))
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


def _trashed(item: TrashItem) -> Trashed:
    return Trashed(item.id, item.entry_id, item.entry_date, item.title, item.deleted_at)
