"""What the user shares with their programme, kept in the journal: the shared items, their
versions, and the outbox of changes waiting for the server.

Nothing here reaches the network (sync.py does): sharing, unsharing and editing only queue
changes, so they work offline and survive a crash. Private reflections are never shared;
self-ratings and the avoidance summary only when the user turned that on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from plnjournal.core.insights.avoidance import avoidance_scores
from plnjournal.core.insights.depth import grade_reflection
from plnjournal.core.journal.settings import (
    JSONValue,
    get_setting,
    journal_language,
    set_setting,
)
from plnjournal.core.skills.lookup import active_framework
from plnjournal.errors import InputError

# The settings' names, kept in state.py (which the window reads without this module's
# imports) and used through here too.
from plnjournal.programme.state import JOINED as JOINED
from plnjournal.programme.state import JOINED_ON as JOINED_ON
from plnjournal.programme.state import LAST_SYNC as LAST_SYNC
from plnjournal.programme.state import PULLED_UNTIL as PULLED_UNTIL
from plnjournal.programme.state import SERVER as SERVER
from plnjournal.programme.state import SHARE_AVOIDANCE as SHARE_AVOIDANCE
from plnjournal.programme.state import SHARE_RATINGS as SHARE_RATINGS
from plnjournal.storage.models import (
    Area,
    Entry,
    EntryFeedback,
    EntrySkill,
    FeedbackItem,
    FeedbackRequest,
    FeedbackRequestSkill,
    OutboxItem,
    Rating,
    SharedItem,
    Skill,
)
from plnjournal.values import RatingSource

REFLECTION = "reflection"
SELF_RATING = "self-rating"
AVOIDANCE = "avoidance"
REQUEST = "request"
FRAMEWORK = "framework"
# How many of the most-avoided skills the shared summary names.
AVOIDANCE_TOP = 5


@dataclass
class Refreshed:
    """What ``refresh_shared`` queued: reflections re-shared as a new version, and those
    withdrawn because they became private or were deleted."""

    new_versions: list[int] = field(default_factory=list)
    withdrawn: list[int] = field(default_factory=list)


def _hash(payload: dict[str, JSONValue]) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reflection_payloads(
    session: Session, entries: Sequence[Any]
) -> dict[int, dict[str, JSONValue]]:
    """Reflections as the server holds them: title, text, date, linked skills and the
    mentors' items each answers (by their server ids); the depth level is added when one is
    sent (``with_depth``), as grading every shared reflection at every sync would cost most
    of a sync with nothing new. Two queries, whatever the number of reflections; ``entries``
    are ``Entry`` objects or rows with their id, title, body and entry_date."""
    ids = [e.id for e in entries]
    skills: dict[int, list[JSONValue]] = {i: [] for i in ids}
    for entry_id, code, name in session.execute(
        select(EntrySkill.entry_id, Skill.code, Skill.name)
        .join(Skill, Skill.id == EntrySkill.skill_id)
        .where(EntrySkill.entry_id.in_(ids))
        .order_by(Skill.code)
    ):
        skills[entry_id].append({"code": code, "name": name})
    answers: dict[int, list[JSONValue]] = {i: [] for i in ids}
    for entry_id, raw in session.execute(
        select(EntryFeedback.entry_id, FeedbackItem.raw)
        .join(FeedbackItem, FeedbackItem.id == EntryFeedback.feedback_item_id)
        .where(EntryFeedback.entry_id.in_(ids))
    ):
        try:
            key = json.loads(raw).get("uuid")
        except (ValueError, AttributeError):
            continue
        if isinstance(key, str):
            answers[entry_id].append(key)
    return {
        e.id: {
            "title": e.title,
            "body": e.body,
            "entry_date": e.entry_date.isoformat(),
            "skills": skills[e.id],
            "answers": sorted(answers[e.id], key=str),
        }
        for e in entries
    }


def with_depth(session: Session, payload: dict[str, JSONValue]) -> dict[str, JSONValue]:
    """The payload with the reflection's depth level (Hatton & Smith, docs/depth.md)."""
    title, body = payload["title"], payload["body"]
    assert isinstance(title, str) and isinstance(body, str)
    grade = grade_reflection(title, body, language=journal_language(session))
    return {**payload, "depth_level": int(grade.level)}


def _queue(session: Session, action: str, item: SharedItem, payload: JSONValue = None) -> None:
    if action == "delete":  # what was waiting to be sent of it need not go
        session.execute(delete(OutboxItem).where(OutboxItem.uuid == item.uuid))
    session.add(
        OutboxItem(
            action=action,
            kind=item.kind,
            uuid=item.uuid,
            version=item.version,
            payload=json.dumps(payload or {}, ensure_ascii=False),
        )
    )


def _shared(session: Session, kind: str, local_id: int) -> SharedItem | None:
    return session.scalar(
        select(SharedItem).where(SharedItem.kind == kind, SharedItem.local_id == local_id)
    )


def _put(
    session: Session,
    kind: str,
    local_id: int,
    payload: dict[str, JSONValue],
    known: dict[int, SharedItem] | None = None,
) -> bool:
    """Share (or re-share as the next version) unless the server already has this content;
    ``known``: the shared items of this kind, when the caller has them all already."""
    digest = _hash(payload)
    item = known.get(local_id) if known is not None else _shared(session, kind, local_id)
    if item is None:
        item = SharedItem(
            uuid=str(uuid.uuid4()), kind=kind, local_id=local_id, version=1, content_hash=digest
        )
        session.add(item)
    elif item.content_hash == digest:
        return False
    else:
        item.version += 1
        item.content_hash = digest
    if kind == REFLECTION:  # graded only when it is sent (the grade follows from the text)
        payload = with_depth(session, payload)
    _queue(session, "put", item, payload)
    return True


def _withdraw(session: Session, item: SharedItem) -> None:
    _queue(session, "delete", item)
    session.delete(item)


def share_entries(session: Session, entry_ids: Sequence[int]) -> list[int]:
    """Share these reflections with the programme's mentors (queued for the next sync);
    returns those newly shared or changed. All or nothing: one private or missing
    reflection shares none."""
    entries = []
    for entry_id in entry_ids:
        entry = session.get(Entry, entry_id)
        if entry is None:
            raise InputError(f"reflection {entry_id} does not exist (nothing was shared)")
        if entry.private:
            raise InputError(
                f"reflection {entry_id} is private: private reflections are never shared "
                "(make it not private first; nothing was shared)"
            )
        entries.append(entry)
    payloads = reflection_payloads(session, entries)
    changed = [e.id for e in entries if _put(session, REFLECTION, e.id, payloads[e.id])]
    session.flush()
    return changed


def unshare_entries(session: Session, entry_ids: Sequence[int]) -> None:
    """Withdraw these reflections from the server (every version of each, at the next sync).
    All or nothing: one that is not shared withdraws none."""
    items = []
    for entry_id in entry_ids:
        item = _shared(session, REFLECTION, entry_id)
        if item is None:
            raise InputError(f"reflection {entry_id} is not shared (nothing was withdrawn)")
        items.append(item)
    for item in items:
        _withdraw(session, item)
    session.flush()


def shared_entry_ids(session: Session, entry_ids: Iterable[int] | None = None) -> set[int]:
    """Which reflections are shared (of ``entry_ids``, or all)."""
    query = select(SharedItem.local_id).where(SharedItem.kind == REFLECTION)
    if entry_ids is not None:
        query = query.where(SharedItem.local_id.in_(list(entry_ids)))
    return set(session.scalars(query))


def _refresh_ratings(session: Session, on: bool) -> None:
    shared = {
        i.local_id: i
        for i in session.scalars(select(SharedItem).where(SharedItem.kind == SELF_RATING))
    }
    if not on:
        for item in shared.values():
            _withdraw(session, item)
        return
    # A rating given while writing a private reflection stays as private as the reflection.
    rows = session.execute(
        select(Rating.id, Skill.code, Skill.name, Rating.level, Rating.rated_on)
        .join(Skill, Skill.id == Rating.skill_id)
        .outerjoin(Entry, Entry.id == Rating.entry_id)
        .where(Rating.source == RatingSource.SELF, Entry.private.is_not(True))
    ).all()
    for rating_id, code, name, level, rated_on in rows:
        payload: dict[str, JSONValue] = {
            "skill_code": code,
            "skill_name": name,
            "level": level,
            "rated_on": rated_on.isoformat(),
        }
        _put(session, SELF_RATING, rating_id, payload, shared)
        shared.pop(rating_id, None)
    for item in shared.values():  # the rating is gone from the journal
        _withdraw(session, item)


def _refresh_avoidance(session: Session, on: bool) -> None:
    if not on:
        item = _shared(session, AVOIDANCE, 0)
        if item is not None:
            _withdraw(session, item)
        return
    # Computed without private reflections: the summary tells nothing they hold.
    scores = avoidance_scores(session, include_private=False)
    top: list[JSONValue] = [
        {"code": s.code, "name": s.skill, "score": s.score, "reasons": list(s.reasons)}
        for s in scores[:AVOIDANCE_TOP]
        if s.score > 0
    ]
    _put(session, AVOIDANCE, 0, {"skills": top})


def _refresh_requests(session: Session) -> None:
    """Feedback requests made since joining go to the programme: asking a mentor for
    feedback is the point of them (earlier ones went to mentors outside it, as files)."""
    joined = get_setting(session, JOINED_ON)
    shared = {
        i.local_id: i for i in session.scalars(select(SharedItem).where(SharedItem.kind == REQUEST))
    }
    if not isinstance(joined, str):
        return
    requests = session.execute(
        select(FeedbackRequest.id, FeedbackRequest.mentor, FeedbackRequest.requested_on).where(
            FeedbackRequest.requested_on >= dt.date.fromisoformat(joined)
        )
    ).all()
    skills: dict[int, list[JSONValue]] = {r.id: [] for r in requests}
    for request_id, code, name in session.execute(
        select(FeedbackRequestSkill.request_id, Skill.code, Skill.name)
        .join(Skill, Skill.id == FeedbackRequestSkill.skill_id)
        .where(FeedbackRequestSkill.request_id.in_(list(skills)))
        .order_by(Skill.code)
    ):
        skills[request_id].append({"code": code, "name": name})
    for request_id, mentor, requested_on in requests:
        payload: dict[str, JSONValue] = {
            "mentor_name": mentor,
            "skills": skills[request_id],
            "requested_on": requested_on.isoformat(),
        }
        _put(session, REQUEST, request_id, payload, shared)
        shared.pop(request_id, None)
    for item in shared.values():  # deleted from the journal since
        _withdraw(session, item)


def _refresh_framework(session: Session) -> None:
    """The skills framework (its name, scale, and each skill's area and target level): what
    mentors rate on and sign off against. Holds nothing the user wrote about themselves."""
    framework = active_framework(session)
    if framework is None:
        return
    skills: list[JSONValue] = [
        {"code": code, "name": name, "area": area, "target_level": target}
        for code, name, area, target in session.execute(
            select(Skill.code, Skill.name, Area.name, Skill.target_level)
            .join(Area, Area.id == Skill.area_id)
            .where(Skill.framework_id == framework.id, Skill.archived.is_(False))
            .order_by(Area.position, Area.id, Skill.position, Skill.id)
        )
    ]
    scale: list[JSONValue] = [{"level": lv.level, "label": lv.label} for lv in framework.levels]
    _put(session, FRAMEWORK, 0, {"name": framework.name, "scale": scale, "skills": skills})


def refresh_shared(session: Session) -> Refreshed:
    """Queue what changed since the last sync: an edited shared reflection as its next
    version; one made private or deleted since is withdrawn; self-ratings and the avoidance
    summary as the settings say."""
    done = Refreshed()
    # Plain rows, not ORM objects: a sync with nothing new reads every shared reflection, and
    # building objects for them was most of its time; only a changed one is loaded whole.
    items = session.execute(
        select(SharedItem.uuid, SharedItem.local_id, SharedItem.content_hash).where(
            SharedItem.kind == REFLECTION
        )
    ).all()
    entries = {
        row.id: row
        for row in session.execute(
            select(Entry.id, Entry.title, Entry.body, Entry.entry_date, Entry.private).where(
                Entry.id.in_([i.local_id for i in items])
            )
        )
    }
    payloads = reflection_payloads(session, [e for e in entries.values() if not e.private])
    for key, local_id, digest in items:
        entry = entries.get(local_id)
        if entry is None or entry.private:
            _withdraw(session, session.get_one(SharedItem, key))
            done.withdrawn.append(local_id)
        elif _hash(payloads[local_id]) != digest:
            item = session.get_one(SharedItem, key)
            _put(session, REFLECTION, local_id, payloads[local_id], {local_id: item})
            done.new_versions.append(local_id)
    _refresh_ratings(session, get_setting(session, SHARE_RATINGS) is True)
    _refresh_avoidance(session, get_setting(session, SHARE_AVOIDANCE) is True)
    _refresh_requests(session)
    _refresh_framework(session)
    session.flush()
    return done


def outbox(session: Session) -> list[OutboxItem]:
    """The changes waiting for the server, oldest first."""
    return list(session.scalars(select(OutboxItem).order_by(OutboxItem.id)))


def sent(session: Session, ids: Sequence[int]) -> None:
    """The server has these changes: they leave the outbox."""
    if ids:
        session.execute(delete(OutboxItem).where(OutboxItem.id.in_(list(ids))))


def start_over(session: Session) -> None:
    """Another server (or login) than the last: it has none of what was shared, so all of
    it is sent again at the next sync (each as its next version) and everything mentors
    wrote there is pulled from the start."""
    session.execute(delete(OutboxItem))
    for item in session.scalars(select(SharedItem)):
        item.content_hash = ""
    set_setting(session, PULLED_UNTIL, None)
