"""Day One's JSON export: ``Journal.json`` (one file per journal) or the export zip itself.

Each entry has ``creationDate`` (UTC, ``2026-11-28T07:45:12Z``), ``timeZone`` (an IANA name),
``text`` (Markdown, with Day One's backslash escapes kept as written), ``tags``, ``starred``
and ``uuid``. The date and time we keep are the local ones in the entry's own time zone, as
the user saw them when writing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from plnjournal.core.journal_io.folders import walk_folder
from plnjournal.core.journal_io.limits import Budget, one_line, shown
from plnjournal.core.journal_io.records import (
    EntryRecord,
    JsonObject,
    LineFinder,
    ParsedJournal,
    decode_text,
    load_json,
    read_text,
)
from plnjournal.core.journal_io.zips import read_zip_members
from plnjournal.errors import Problem, ValidationError

# The title's last character is not a space or "#": linear on a long run of spaces.
_HEADING = re.compile(r"#{1,6}[ \t]+((?:.*[^ \t#])?)[ \t#]*")
# What an IANA time zone name looks like ("America/Argentina/Buenos_Aires", "Etc/GMT+5"); any
# other text (or a longer one) is not handed to ZoneInfo, which takes it as a path.
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,3}", re.ASCII)
_MEDIA = re.compile(r"!\[[^\]]*\]\(dayone-moment:")


def read_dayone(path: Path, budget: Budget | None = None) -> ParsedJournal:
    """A Day One export: a ``.json`` file, the export ``.zip``, or its unzipped folder."""
    parsed = ParsedJournal("dayone", path)
    budget = budget if budget is not None else Budget()
    if path.is_dir():
        walked = walk_folder(path, max_depth=0)
        if (warning := walked.link_warning(path)) is not None:
            parsed.warnings.append(warning)
        for file in walked.files:
            if file.suffix.lower() != ".json":
                continue
            display = one_line(str(file))
            text = read_text(file, display, parsed.problems, budget, follow_links=False)
            if text is not None:
                _read_export(text, display, parsed)
    elif path.suffix.lower() == ".zip":
        for display, data in read_zip_members(path, budget):
            text = decode_text(data, display, parsed.problems)
            del data
            if text is not None:
                _read_export(text, display, parsed)
    else:
        display = one_line(str(path))
        text = read_text(path, display, parsed.problems, budget)
        if text is not None:
            _read_export(text, display, parsed)
    if not parsed.records and not parsed.problems:
        parsed.problems.append(Problem(one_line(str(path)), None, None, "holds no Day One entries"))
    return parsed


def _read_export(text: str, display: str, parsed: ParsedJournal) -> None:
    data = load_json(text, display)
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValidationError(
            [Problem(display, 1, None, "is not a Day One export (no 'entries' list)")]
        )
    line_of = LineFinder(text, "entries")
    media = 0
    zones: dict[str, object] = {}
    for i, item in enumerate(entries):
        where = f"entries[{i}]"
        if not isinstance(item, dict):
            parsed.problems.append(Problem(display, line_of(i), where, "is not an object"))
            continue
        try:
            local = _local_time(item, zones)
        except ValueError as exc:
            parsed.problems.append(Problem(display, line_of(i), where, str(exc)))
            continue
        if local is None:
            parsed.warnings.append(
                Problem(
                    display,
                    line_of(i),
                    where,
                    f"unknown time zone {shown(item.get('timeZone'))}; the time is kept in UTC",
                )
            )
            local = _utc(item)
        text_value = item.get("text")
        if not isinstance(text_value, str):
            text_value = ""
        media += len(_MEDIA.findall(text_value))
        title, body = split_dayone_text(text_value)
        uuid = str(item.get("uuid") or "")
        parsed.records.append(
            EntryRecord(
                file=display,
                line=None,
                item=where,
                entry_date=local.date(),
                entry_time=None if item.get("isAllDay") else local.time(),
                title=title,
                body=body,
                tags=_tags(item.get("tags")),
                highlight=bool(item.get("starred")),
                identity=f"dayone:{uuid}" if uuid else "dayone",
            )
        )
    if media:
        parsed.warnings.append(
            Problem(
                display,
                None,
                None,
                f"{media} photo or media reference(s) are kept as links in the text; "
                "the media files themselves are not imported",
            )
        )


def _tags(value: object) -> list[str]:
    """Day One writes a list of strings; anything else (a lone string, junk) is read kindly."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [str(t) for t in value if isinstance(t, str | int | float) and str(t).strip()]


def _utc(item: JsonObject) -> dt.datetime:
    raw = str(item.get("creationDate") or "")
    try:
        stamp = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"creationDate {shown(raw)} is not a date and time like 2026-11-28T07:45:00Z"
        ) from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def _local_time(item: JsonObject, zones: dict[str, object]) -> dt.datetime | None:
    """The entry's wall-clock time in its own time zone, or None for an unknown zone."""
    try:
        return _local_time_in(item, zones)
    except OverflowError:  # year 1 or 9999 moved across a time zone
        raise ValueError(
            f"creationDate {shown(item.get('creationDate'))} is outside the dates a journal can "
            "hold"
        ) from None


def _local_time_in(item: JsonObject, zones: dict[str, object]) -> dt.datetime | None:
    stamp = _utc(item)
    name = item.get("timeZone")
    if not name:
        return stamp.replace(tzinfo=None)
    name = str(name)  # a zone name; anything else is an unknown zone
    if name not in zones:
        zones[name] = None
        if len(name) <= 64 and _ZONE_NAME.fullmatch(name):
            # OSError: the name of a folder of zones ("Europe"), or one the system refuses.
            with contextlib.suppress(ZoneInfoNotFoundError, ValueError, OSError):
                zones[name] = ZoneInfo(name)
    zone = zones[name]
    if zone is None:
        return None
    return stamp.astimezone(zone).replace(tzinfo=None)  # type: ignore[arg-type]


def split_dayone_text(text: str) -> tuple[str, str]:
    """Day One shows an entry's first line as its title; a heading's ``#`` marks are dropped.

    The body is the rest, exactly as written (only the blank lines after the title go).
    """
    first, _, rest = text.partition("\n")
    m = _HEADING.fullmatch(first.strip())
    title = m.group(1) if m else first.strip()
    return title, rest.lstrip("\n").rstrip()
