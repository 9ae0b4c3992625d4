"""Bringing a journal in: check everything, show what will come in, then write it all at once.

``plan_import`` reads the journal (never writes): which entries are new, which are already
there (same source key, or same date, time, title and body), which tags link to skills.
``write_import`` backs the journal up, then writes the plan in ONE transaction with bulk
inserts, so a 10-year journal imports in seconds and a failure leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, insert, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from plnjournal.core.gc_pause import paused_gc
from plnjournal.core.journal_io.archive import Archive, check_restorable, restore_archive
from plnjournal.core.journal_io.formats import read_journal
from plnjournal.core.journal_io.limits import MAX_JOURNAL_BYTES, one_line
from plnjournal.core.journal_io.records import EntryRecord, JsonObject, ParsedJournal, content_key
from plnjournal.core.skills.lookup import active_framework, list_skills, unknown_skill_message
from plnjournal.errors import InputError, Problem, ValidationError
from plnjournal.paths import scratch_dir
from plnjournal.storage.backup import make_backup
from plnjournal.storage.db import Database, open_database
from plnjournal.storage.models import Entry, EntrySkill, EntryTag, Rating, Skill
from plnjournal.storage.search import entries_indexed_at_end
from plnjournal.values import EntrySource, RatingOrigin, RatingSource

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]
CHUNK = 500
SOURCES = {
    "jrnl": EntrySource.JRNL,
    "jrnl-json": EntrySource.JRNL,
    "dayone": EntrySource.DAYONE,
    "markdown": EntrySource.MARKDOWN,
}


@dataclass
class PlannedEntry:
    record: EntryRecord
    key: str
    skills: dict[int, int | None] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PreviewRow:
    """One reflection as the import preview lists it."""

    entry_date: dt.date
    entry_time: dt.time | None
    title: str
    skills: tuple[str, ...]
    tags: tuple[str, ...]
    where: str


@dataclass
class ImportPlan:
    """What an import will do; ``summary()`` is what the preview and ``--json`` show."""

    format: str
    path: Path
    read: int = 0
    new: list[PlannedEntry] = field(default_factory=list)
    duplicates: int = 0
    warnings: list[Problem] = field(default_factory=list)
    linked_skills: Counter[str] = field(default_factory=Counter)
    kept_tags: Counter[str] = field(default_factory=Counter)
    archive: Archive | None = None
    skill_codes: dict[int, str] = field(default_factory=dict)

    def preview_rows(self) -> list[PreviewRow]:
        """Every reflection that will come in, in date order."""
        if self.archive is not None:
            return _archive_rows(self.archive)
        rows = [
            PreviewRow(
                p.record.entry_date,
                p.record.entry_time,
                p.record.title,
                tuple(sorted(self.skill_codes.get(sid, "?") for sid in p.skills)),
                tuple(p.tags),
                self._relative(p.record.where),
            )
            for p in self.new
        ]
        return sorted(rows, key=lambda r: (r.entry_date, r.entry_time or dt.time.max))

    def _relative(self, where: str) -> str:
        """``where`` without the chosen path's folders: ``Daily/2026-11-28.md:1``."""
        base = str(self.path if self.path.is_dir() else self.path.parent)
        if where.startswith(base):
            return where[len(base) :].lstrip("/\\")
        return where

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day coming in (None, None when nothing is)."""
        if self.archive is not None:
            dates = self.archive.entry_dates()
        else:
            dates = sorted(p.record.entry_date for p in self.new)
        return (dates[0], dates[-1]) if dates else (None, None)

    def summary(self, sample: int = 5) -> JsonObject:
        """What the preview and ``--json`` show, with up to ``sample`` reflections."""
        first, last = self.date_range()
        out = {
            "format": self.format,
            "path": str(self.path),
            "entries_read": self.read,
            "new_entries": self.archive.count("entries") if self.archive else len(self.new),
            "duplicates": self.duplicates,
            "first_entry": first.isoformat() if first else None,
            "last_entry": last.isoformat() if last else None,
            "linked_skills": dict(sorted(self.linked_skills.items())),
            "tags": dict(sorted(self.kept_tags.items())),
            "warnings": [str(w) for w in self.warnings],
            "sample": [
                {
                    "date": p.record.entry_date.isoformat(),
                    "time": p.record.entry_time.strftime("%H:%M") if p.record.entry_time else None,
                    "title": p.record.title,
                    "from": p.record.where,
                }
                for p in self.new[:sample]
            ],
        }
        if self.archive is not None:
            out["tables"] = {name: len(rows) for name, rows in self.archive.tables.items()}
        return out


def _norm(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()


def skill_lookup(session: Session) -> dict[str, Skill]:
    """Tag text -> skill, by code first, then by name (``classroom-management`` matches
    "Classroom management"); current skills win over archived ones."""
    lookup: dict[str, Skill] = {}
    skills = sorted(list_skills(session), key=lambda s: s.archived)
    for attr in ("code", "name"):
        for skill in skills:
            lookup.setdefault(_norm(getattr(skill, attr)), skill)
    return lookup


def same_text(
    day: dt.date, time: dt.time | None, title: str, body: str
) -> tuple[dt.date, dt.time | None, str, str]:
    """What makes two entries the same text at the same moment."""
    return (day, time, title, body)


def plan_import(session: Session, parsed: ParsedJournal | Archive) -> ImportPlan:
    """Check the parsed journal against this journal; problems raise ValidationError."""
    if isinstance(parsed, Archive):
        check_restorable(session, parsed)
        return ImportPlan(
            "json", parsed.path, read=parsed.count("entries"), archive=parsed, warnings=[]
        )
    plan = ImportPlan(parsed.format, parsed.path, read=len(parsed.records))
    plan.warnings = list(parsed.warnings)
    lookup = skill_lookup(session)
    all_skills = list_skills(session)
    fw = active_framework(session)
    lo, hi = (fw.scale_min, fw.scale_max) if fw else (1, 5)
    problems: list[Problem] = []
    planned: list[PlannedEntry] = []
    seen_keys: Counter[str] = Counter()
    missing: dict[str, EntryRecord] = {}
    for rec in parsed.records:
        line = rec.line
        if rec.comfort is not None and not 1 <= rec.comfort <= 5:
            problems.append(Problem(rec.file, line, "comfort", f"{rec.comfort} is outside 1–5"))
        links: dict[int, int | None] = {}
        for name, level in rec.skills.items():
            skill = lookup.get(_norm(name))
            if skill is None:
                if not all_skills:  # one problem for the whole import, below
                    missing.setdefault(name, rec)
                    continue
                problems.append(
                    Problem(
                        rec.file,
                        rec.skills_line or line,
                        None,
                        unknown_skill_message(name, all_skills, what="skills"),
                    )
                )
                continue
            if level is not None and not lo <= level <= hi:
                problems.append(
                    Problem(
                        rec.file,
                        rec.skills_line or line,
                        "skills",
                        f"{name}: self-rating {level} is outside the scale {lo}–{hi}",
                    )
                )
            links[skill.id] = level
        tags: list[str] = []
        for tag in rec.tags:
            skill = lookup.get(_norm(tag))
            if skill is not None:
                links.setdefault(skill.id, None)
            elif tag not in tags:
                tags.append(tag)
        key = rec.key or content_key(rec.identity, rec)
        seen_keys[key] += 1
        if seen_keys[key] > 1:  # the same text twice in one minute: both are kept
            key = f"{key}#{seen_keys[key]}"
        planned.append(PlannedEntry(rec, key, links, tags))
    if missing:
        codes = sorted(missing)
        first = missing[codes[0]]
        listed = ", ".join(codes[:10]) + (f" and {len(codes) - 10} more" if len(codes) > 10 else "")
        problems.insert(
            0,
            Problem(
                first.file,
                first.skills_line or first.line,
                None,
                f"reflections here are linked to skills ({listed}) but this journal has no "
                "skills framework yet; install it first (Skills → Import framework…, or "
                "'plnjournal skills import FILE'), or move everything with a JSON export",
            ),
        )
    if problems:
        raise ValidationError(problems)
    plan.new = drop_existing(session, planned)
    plan.duplicates = len(planned) - len(plan.new)
    code_of = {s.id: s.code for s in lookup.values()}
    plan.skill_codes = code_of
    for p in plan.new:
        plan.linked_skills.update(code_of[sid] for sid in p.skills)
        plan.kept_tags.update(p.tags)
    return plan


def _archive_rows(archive: Archive) -> list[PreviewRow]:
    codes = {row["id"]: row["code"] for row in archive.tables.get("skills", [])}
    skills: dict[int, list[str]] = {}
    for row in archive.tables.get("entry_skills", []):
        skills.setdefault(row["entry_id"], []).append(codes.get(row["skill_id"], "?"))
    tags: dict[int, list[str]] = {}
    for row in archive.tables.get("entry_tags", []):
        tags.setdefault(row["entry_id"], []).append(row["tag"])
    rows = [
        PreviewRow(
            row["entry_date"],
            row.get("entry_time"),
            row.get("title") or "",
            tuple(sorted(skills.get(row["id"], []))),
            tuple(tags.get(row["id"], [])),
            f"{archive.path.name} entry {row['id']}",
        )
        for row in archive.tables.get("entries", [])
    ]
    return sorted(rows, key=lambda r: (r.entry_date, r.entry_time or dt.time.max))


def drop_existing(session: Session, planned: list[PlannedEntry]) -> list[PlannedEntry]:
    """Leave out entries the journal already has: same key, or same date, time and text."""
    if not planned:
        return []
    keys = [p.key for p in planned]
    known: set[str] = set()
    for i in range(0, len(keys), CHUNK):
        chunk = keys[i : i + CHUNK]
        known.update(session.scalars(select(Entry.source_key).where(Entry.source_key.in_(chunk))))
    dates = [p.record.entry_date for p in planned]
    rows = session.execute(
        select(Entry.entry_date, Entry.entry_time, Entry.title, Entry.body).where(
            Entry.entry_date.between(min(dates), max(dates))
        )
    )
    existing = {same_text(*row) for row in rows}
    return [
        p
        for p in planned
        if p.key not in known
        and same_text(p.record.entry_date, p.record.entry_time, p.record.title, p.record.body)
        not in existing
    ]


def write_import(db: Database, plan: ImportPlan, progress: Progress | None = None) -> JsonObject:
    """Back up the journal, then write the whole plan in one transaction."""
    if plan.archive is None and not plan.new:
        return {**plan.summary(sample=0), "imported": 0, "backup": None}
    backup = make_backup(db.path, "before-journal-import") if db.path.exists() else None
    with paused_gc(), db.session() as session:
        imported = _write_plan(session, plan, progress)
    log.info("imported %d entries from %s (%s)", imported, plan.path, plan.format)
    return {
        **plan.summary(sample=0),
        "imported": imported,
        "backup": str(backup) if backup else None,
    }


class _RollBack(Exception):
    """Ends a dry run's transaction: everything it wrote is rolled back."""


def try_import(db: Database, plan: ImportPlan) -> None:
    """Write the plan exactly as ``write_import`` does, then roll all of it back: a dry run
    meets every check the import meets, the journal's own rules included, and leaves the
    journal as it was (no backup is made: nothing changes)."""
    if plan.archive is None and not plan.new:
        return
    try:
        with paused_gc(), db.session() as session:
            _write_plan(session, plan, None)
            session.flush()
            raise _RollBack
    except _RollBack:
        pass


def _write_plan(session: Session, plan: ImportPlan, progress: Progress | None) -> int:
    """Write the plan in the caller's transaction; a row the journal refuses stops it with
    the file's name (every such rule is checked before, so this is the last wall)."""
    try:
        if plan.archive is not None:
            restore_archive(session, plan.archive, progress)
            return plan.archive.count("entries")
        return _insert_entries(session, plan, progress)
    except sa_exc.IntegrityError as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig is not None else "refused"
        raise InputError(
            f"{one_line(str(plan.path))}: the journal refuses what it holds ({reason}); "
            "nothing was written"
        ) from exc


def _insert_entries(session: Session, plan: ImportPlan, progress: Progress | None) -> int:
    todo = drop_existing(session, plan.new)  # the journal may have changed since the preview
    source = SOURCES[plan.format]
    conn = session.connection()
    total = len(todo)
    with entries_indexed_at_end(conn):
        _insert_chunks(conn, todo, source, progress)
    if progress is not None:
        progress(total, total, f"Imported {total} reflections")
    return total


def _insert_chunks(
    conn: Connection, todo: list[PlannedEntry], source: EntrySource, progress: Progress | None
) -> None:
    entries = Entry.__table__
    total = len(todo)
    for start in range(0, total, CHUNK):
        if progress is not None:
            progress(start, total, f"Importing reflections… {start} of {total}")
        chunk = todo[start : start + CHUNK]
        rows = [
            {
                "entry_date": p.record.entry_date,
                "entry_time": p.record.entry_time,
                "title": p.record.title,
                "body": p.record.body,
                "private": p.record.private,
                "highlight": p.record.highlight,
                "comfort": p.record.comfort,
                "reflection_model": p.record.reflection_model,
                "source": source,
                "source_ref": p.record.where[-1000:],
                "source_key": p.key,
            }
            for p in chunk
        ]
        conn.execute(insert(entries), rows)  # one executemany; RETURNING would go row by row
        keys = [p.key for p in chunk]
        by_key = dict(
            conn.execute(
                select(entries.c.source_key, entries.c.id).where(entries.c.source_key.in_(keys))
            ).all()
        )
        ids = [by_key[key] for key in keys]
        links: list[dict[str, object]] = []
        tags: list[dict[str, object]] = []
        ratings: list[dict[str, object]] = []
        for entry_id, p in zip(ids, chunk, strict=True):
            tags.extend({"entry_id": entry_id, "tag": t[:200]} for t in p.tags)
            for skill_id, level in p.skills.items():
                links.append({"entry_id": entry_id, "skill_id": skill_id, "self_rating": level})
                if level is not None:  # as set_skill_links does: a self-rating is a rating
                    ratings.append(
                        {
                            "skill_id": skill_id,
                            "level": level,
                            "rated_on": p.record.entry_date,
                            "source": RatingSource.SELF,
                            "origin": RatingOrigin.ENTRY,
                            "entry_id": entry_id,
                        }
                    )
        for table, values in (
            (EntryTag.__table__, tags),
            (EntrySkill.__table__, links),
            (Rating.__table__, ratings),
        ):
            if values:
                conn.execute(insert(table), values)


def prepare_import(
    db: Database,
    path: str | Path,
    fmt: str | None = None,
    *,
    timeformat: str | None = None,
    max_bytes: int = MAX_JOURNAL_BYTES,
) -> ImportPlan:
    """Read and check ``path`` and plan the import (nothing is written)."""
    with paused_gc():
        parsed = read_journal(Path(path), fmt, timeformat=timeformat, max_bytes=max_bytes)
        with db.session() as session:
            return plan_import(session, parsed)


def import_journal(
    db: Database,
    path: str | Path,
    fmt: str | None = None,
    *,
    dry_run: bool = False,
    timeformat: str | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_JOURNAL_BYTES,
) -> JsonObject:
    """Read, check and write; a dry run writes too, then rolls back (``try_import``)."""
    plan = prepare_import(db, path, fmt, timeformat=timeformat, max_bytes=max_bytes)
    if dry_run:
        try_import(db, plan)
        return {**plan.summary(), "imported": 0, "dry_run": True}
    return {**write_import(db, plan, progress), "dry_run": False}


def dry_run_new_journal(
    path: str | Path,
    fmt: str | None = None,
    *,
    timeformat: str | None = None,
    max_bytes: int = MAX_JOURNAL_BYTES,
) -> JsonObject:
    """A dry run into a journal that does not exist yet: the file is read and checked, then
    tried against a new, empty journal in a private temporary folder, removed afterwards, so
    the dry run creates nothing. The folder is in the process's scratch folder
    (``paths.scratch_dir``), not the shared temporary folder: the trial journal holds the
    imported text."""
    with paused_gc():
        parsed = read_journal(Path(path), fmt, timeformat=timeformat, max_bytes=max_bytes)
    with tempfile.TemporaryDirectory(prefix="dry-run-", dir=scratch_dir()) as folder:
        db = open_database(Path(folder) / "journal.sqlite3")
        try:
            with db.session() as session:
                plan = plan_import(session, parsed)
            try_import(db, plan)
        finally:
            db.close()
    return {**plan.summary(), "imported": 0, "dry_run": True}
