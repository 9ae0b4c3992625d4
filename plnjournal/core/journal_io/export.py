"""Taking the journal out: a folder of Markdown files (one per reflection) or one JSON file.

Both are written crash-safe: into a temporary file or folder beside the destination, which is
renamed into place only when complete, so a crash or a full disk never leaves half an export
where the user expects a whole one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from plnjournal.core.journal_io.archive import dump_journal
from plnjournal.core.journal_io.markdown_files import format_front_matter
from plnjournal.core.journal_io.records import JsonObject
from plnjournal.core.words import plural
from plnjournal.errors import InputError, PlnError
from plnjournal.paths import private_file_beside
from plnjournal.storage.models import Entry, EntrySkill

Progress = Callable[[int, int, str], None]
MARKDOWN_FORMAT_VERSION = 1


def _slug(title: str) -> str:
    slug = re.sub(r"[^\w]+", "-", title.casefold()).strip("-_")
    return slug[:60].rstrip("-_") or "reflection"


def entry_file_name(entry: Entry) -> str:
    """A file name that sorts by date and says what the reflection is about."""
    when = f"-{entry.entry_time:%H%M}" if entry.entry_time else ""
    return f"{entry.entry_date.isoformat()}{when}-{_slug(entry.title)}.md"


def entry_markdown(entry: Entry) -> str:
    """One reflection as Markdown with front matter; importing it gives the same reflection."""
    fields: list[tuple[str, object]] = [
        ("plnjournal", MARKDOWN_FORMAT_VERSION),
        ("title", entry.title),
        ("date", entry.entry_date),
    ]
    if entry.entry_time is not None:
        t = entry.entry_time
        fields.append(("time", t.strftime("%H:%M:%S" if t.second else "%H:%M")))
    fields.append(("private", bool(entry.private)))
    if entry.highlight:
        fields.append(("highlight", True))
    if entry.comfort is not None:
        fields.append(("comfort", entry.comfort))
    if entry.reflection_model:
        fields.append(("reflection_model", entry.reflection_model))
    links = sorted(entry.skill_links, key=lambda link: link.skill.code)
    if links:
        fields.append(("skills", {link.skill.code: link.self_rating for link in links}))
    if entry.tags:
        fields.append(("tags", [t.tag for t in entry.tags]))
    if entry.source_key:
        fields.append(("key", entry.source_key))
    # One blank line after the front matter and one final newline, both removed on import.
    return format_front_matter(fields) + "\n" + entry.body + "\n"


def _period(date_from: dt.date | None, date_to: dt.date | None) -> list[ColumnElement[bool]]:
    """The conditions that keep a statement's reflections to the period."""
    conds = []
    if date_from is not None:
        conds.append(Entry.entry_date >= date_from)
    if date_to is not None:
        conds.append(Entry.entry_date <= date_to)
    return conds


def private_left_out(
    session: Session, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> int:
    """How many private reflections of the period an export without them leaves out, for
    its summary line (the user should know the export is not the whole journal)."""
    stmt = select(func.count()).select_from(Entry).where(Entry.private.is_(True))
    return int(session.execute(stmt.where(*_period(date_from, date_to))).scalar_one())


def private_left_out_line(n: int) -> str:
    """The words both front ends use for what an export left out ("3 private reflections
    left out")."""
    return f"{plural(n, 'private reflection')} left out"


def _entries(
    session: Session, date_from: dt.date | None, date_to: dt.date | None, include_private: bool
) -> list[Entry]:
    stmt = (
        select(Entry)
        .options(
            selectinload(Entry.skill_links).selectinload(EntrySkill.skill),
            selectinload(Entry.tags),
        )
        .order_by(Entry.entry_date, Entry.entry_time.is_(None), Entry.entry_time, Entry.id)
    )
    if not include_private:
        stmt = stmt.where(Entry.private.is_(False))
    return list(session.scalars(stmt.where(*_period(date_from, date_to))))


def period_summary(
    session: Session, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> JsonObject:
    """How many reflections a period holds (and how many of them are private), and its first
    and last day (for the dialog)."""
    stmt = select(
        func.count(),
        func.min(Entry.entry_date),
        func.max(Entry.entry_date),
        func.count().filter(Entry.private.is_(True)),
    )
    count, first, last, private = session.execute(stmt.where(*_period(date_from, date_to))).one()
    return {"entries": count, "first_entry": first, "last_entry": last, "private": private}


def _check_folder_destination(dest: Path) -> None:
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InputError(
            f"{dest}: already exists and is not an empty folder; "
            "choose a new folder name for the export (nothing was written)"
        )
    if not dest.parent.is_dir():
        raise InputError(f"{dest.parent}: no such folder")


def export_markdown(
    session: Session,
    dest: Path,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_private: bool = False,
    progress: Progress | None = None,
) -> JsonObject:
    """Write one ``.md`` file per reflection into the new folder ``dest``."""
    dest = Path(dest)
    _check_folder_destination(dest)
    entries = _entries(session, date_from, date_to, include_private)
    # A new private folder under a random name (mkdtemp: 0700, never one already there or a
    # planted link), renamed into place once every file is written.
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent))
    try:
        used: set[str] = set()
        for i, entry in enumerate(entries):
            if progress is not None and i % 200 == 0:
                progress(i, len(entries), f"Writing reflection {i + 1} of {len(entries)}…")
            name = entry_file_name(entry)
            stem, n = name[:-3], 1
            while name.casefold() in used:
                n += 1
                name = f"{stem}-{n}.md"
            used.add(name.casefold())
            (tmp / name).write_text(entry_markdown(entry), encoding="utf-8", newline="\n")
        if dest.exists():
            dest.rmdir()  # empty: checked above
        tmp.rename(dest)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise PlnError(f"{dest}: could not write the export: {exc.strerror or exc}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if progress is not None:
        progress(len(entries), len(entries), "Done")
    left_out = 0 if include_private else private_left_out(session, date_from, date_to)
    return _result("markdown", dest, entries, left_out)


def export_json(
    session: Session,
    dest: Path,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_private: bool = False,
    progress: Progress | None = None,
) -> JsonObject:
    """Write everything in the journal to the JSON file ``dest`` (replaced whole if it
    exists: the command line asks for --force first)."""
    dest = Path(dest)
    if dest.is_dir():
        raise InputError(f"{dest}: is a folder; give a file name such as journal.json")
    if not dest.parent.is_dir():
        raise InputError(f"{dest.parent}: no such folder")
    if progress is not None:
        progress(0, 2, "Reading the journal…")
    data = dump_journal(
        session, date_from=date_from, date_to=date_to, include_private=include_private
    )
    if progress is not None:
        progress(1, 2, "Writing the file…")
    tmp = private_file_beside(dest, ".part")  # new, 0600, random name: never a planted link
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PlnError(f"{dest}: could not write the export: {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(2, 2, "Done")
    dates = sorted(row["entry_date"] for row in data["tables"]["entries"])
    return {
        "format": "json",
        "path": str(dest),
        "entries": len(dates),
        "first_entry": dates[0] if dates else None,
        "last_entry": dates[-1] if dates else None,
        "tables": data["counts"],
        "private_left_out": 0 if include_private else private_left_out(session, date_from, date_to),
    }


def _result(fmt: str, dest: Path, entries: list[Entry], left_out: int) -> JsonObject:
    return {
        "format": fmt,
        "path": str(dest),
        "entries": len(entries),
        "first_entry": entries[0].entry_date.isoformat() if entries else None,
        "last_entry": entries[-1].entry_date.isoformat() if entries else None,
        "private_left_out": left_out,
    }


def export_journal(
    session: Session,
    dest: Path,
    fmt: str = "markdown",
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_private: bool = False,
    progress: Progress | None = None,
) -> JsonObject:
    """Export as ``markdown`` (a new folder) or ``json`` (one file), the one entry point both
    front ends use; a period that ends before it starts is refused. Private reflections (and
    what hangs on them: their skill links, ratings, commitments, old versions) stay out unless
    ``include_private``: ``add --private`` promises they are never exported unless asked."""
    if date_from and date_to and date_from > date_to:
        raise InputError(f"--from {date_from} is after --to {date_to}")
    if fmt == "markdown":
        return export_markdown(
            session,
            dest,
            date_from=date_from,
            date_to=date_to,
            include_private=include_private,
            progress=progress,
        )
    if fmt == "json":
        return export_json(
            session,
            dest,
            date_from=date_from,
            date_to=date_to,
            include_private=include_private,
            progress=progress,
        )
    raise InputError(f"--format: {fmt!r} is not markdown or json")
