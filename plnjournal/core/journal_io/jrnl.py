"""jrnl's formats, read exactly as jrnl reads them: the text journal, folder journals, JSON export.

The rules follow jrnl 4's source (``jrnl/journals/Journal.py`` and ``Entry.py``): an entry
starts with ``[date time] `` at the start of a line; a trailing ``*`` on the first line stars
it; the first line is the title (a one-line entry splits at its first ``.``, ``?`` or ``!``);
``@tag`` and ``#tag`` words are tags. The fixtures in tests/fixtures/jrnl/ were written by
jrnl itself and its own JSON export is the oracle the tests compare against.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from plnjournal.core.journal_io.folders import walk_folder
from plnjournal.core.journal_io.limits import Budget, one_line, shown
from plnjournal.core.journal_io.records import (
    EntryRecord,
    LineFinder,
    ParsedJournal,
    load_json,
    read_text,
)
from plnjournal.errors import Problem, ValidationError

# --- jrnl plain text --------------------------------------------------------------------

# jrnl's pattern is (?:^|\n)\[([^\]]+)\] ; "^" in MULTILINE mode is the same, and faster.
_HEADER = re.compile(r"^\[([^\]\n]+)\] ", re.MULTILINE)
_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?"
)
_LOOKS_LIKE_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\b")

# jrnl's own sentence splitter (jrnl/journals/Entry.py), so titles split where jrnl splits.
_SENTENCE = re.compile(
    r"""(
    [.!?\u2026\u203C\u203D\u2047\u2048\u2049\u22EF\uFE52\uFE57]
    [\'\u2019\"\u201D]?
    [\]\)]*
    \s+
    )
    |[\uFF01\uFF0E\uFF1F\uFF61\u3002]""",
    re.VERBOSE,
)
_JRNL_TAG = re.compile(r"[#@][-+*#/\w]+")


def jrnl_split_title(text: str) -> tuple[str, str]:
    """jrnl's rule: the first line is the title; a one-line entry splits at its first sentence."""
    sep = re.search("\n", text.lstrip())
    if not sep:
        sep = _SENTENCE.search(text)
        if not sep:
            return text, ""
    return text[: sep.end()].strip(), text[sep.end() :].strip()


def jrnl_tags(text: str) -> list[str]:
    """Tags as jrnl reads them (``@word`` or ``#word``, lower-cased), without the symbol.

    A run of symbols alone (``##`` from a Markdown heading) is not a tag.
    """
    # jrnl's pattern is (?<!\S)([#@][-+*#/\w]+); checking the character before by hand is
    # the same rule, several times faster on a large journal.
    found = {
        m.group().lower()
        for m in _JRNL_TAG.finditer(text)
        if m.start() == 0 or text[m.start() - 1].isspace()
    }
    return sorted({t[1:] for t in found if re.search(r"\w", t[1:])})


def parse_jrnl_datetime(
    blob: str, timeformat: str | None = None
) -> tuple[dt.date, dt.time | None] | None:
    """A jrnl date header (``2026-11-28 07:45``, ``2026-11-28 07:45:00 AM``), or None."""
    if timeformat:
        try:
            stamp = dt.datetime.strptime(blob, timeformat)
        except ValueError:
            pass
        else:
            return stamp.date(), stamp.time()
    m = _DATETIME.fullmatch(blob.strip())
    if not m:
        return None
    year, month, day, hour, minute, second, ampm = m.groups()
    try:
        date = dt.date(int(year), int(month), int(day))
        if hour is None:
            return date, None
        h = int(hour)
        if ampm:
            if not 1 <= h <= 12:
                raise ValueError(f"hour {h} with AM/PM")
            h = h % 12 + (12 if ampm.lower() == "p" else 0)
        return date, dt.time(h, int(minute), int(second or 0))
    except ValueError:
        raise ValueError(f"[{blob}] is not a valid date and time") from None


def parse_jrnl_text(
    text: str,
    display: str,
    parsed: ParsedJournal,
    *,
    timeformat: str | None = None,
    day: dt.date | None = None,
) -> None:
    """jrnl's text format: each entry starts with ``[date time] `` at the start of a line.

    ``day`` (folder journals) is authoritative for the date, as in jrnl.
    """
    starts: list[tuple[int, int, dt.date, dt.time | None, int]] = []
    line, pos = 1, 0
    for m in _HEADER.finditer(text):
        line += text.count("\n", pos, m.start(1))
        pos = m.start(1)
        blob = m.group(1)
        try:
            when = parse_jrnl_datetime(blob, timeformat)
        except ValueError as exc:
            parsed.problems.append(Problem(display, line, None, str(exc)))
            continue
        if when is None:
            if _LOOKS_LIKE_DATE.match(blob.strip()):
                parsed.problems.append(
                    Problem(display, line, None, f"[{blob}] is not a date and time jrnl writes")
                )
            continue  # a bracket that is not a date is part of the text, as in jrnl
        starts.append((m.start(), m.end(), when[0], when[1], line))
    if not starts:
        if text.strip():
            parsed.problems.append(
                Problem(
                    display,
                    1,
                    None,
                    "no jrnl entries found; each entry starts with a line like "
                    "'[2026-11-28 07:45] Title'",
                )
            )
        return
    if text[: starts[0][0]].strip():
        parsed.warnings.append(
            Problem(display, 1, None, "text before the first dated entry was not imported")
        )
    for i, (_, body_start, date, time, line_no) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        raw = text[body_start:end]
        starred = False
        lines = raw.splitlines()
        if lines and lines[0].strip().endswith("*"):
            starred = True
            raw = lines[0].strip("\n *") + "\n" + "\n".join(lines[1:])
        title, body = jrnl_split_title(raw)
        parsed.records.append(
            EntryRecord(
                file=display,
                line=line_no,
                entry_date=day or date,
                entry_time=time,
                title=title,
                body=body,
                tags=jrnl_tags(text[body_start:end]),
                highlight=starred,
                identity="jrnl",
            )
        )


_FOLDER_FILE = re.compile(r"(\d{4})/(\d{2})/(\d{2})\.txt")


def jrnl_folder_files(root: Path) -> list[tuple[Path, dt.date]]:
    """``YYYY/MM/DD.txt`` files of a jrnl folder journal, with the date their path gives."""
    return _dated(root, walk_folder(root, max_depth=2).files)


def _dated(root: Path, files: list[Path]) -> list[tuple[Path, dt.date]]:
    found = []
    for path in files:
        m = _FOLDER_FILE.fullmatch(path.relative_to(root).as_posix())
        if not m:
            continue
        try:
            found.append((path, dt.date(int(m[1]), int(m[2]), int(m[3]))))
        except ValueError:
            continue
    return sorted(found, key=lambda item: item[1])


def read_jrnl(
    path: Path, *, timeformat: str | None = None, budget: Budget | None = None
) -> ParsedJournal:
    """A jrnl text journal, or a folder journal (YYYY/MM/DD.txt), read as jrnl reads it."""
    parsed = ParsedJournal("jrnl", path)
    budget = budget if budget is not None else Budget()
    if path.is_dir():
        walked = walk_folder(path, max_depth=2)
        if (warning := walked.link_warning(path)) is not None:
            parsed.warnings.append(warning)
        files = _dated(path, walked.files)
        for file, day in files:
            display = one_line(str(path / file.relative_to(path)))
            text = read_text(file, display, parsed.problems, budget, follow_links=False)
            if text is not None:
                parse_jrnl_text(text, display, parsed, timeformat=timeformat, day=day)
        if not files:
            parsed.problems.append(
                Problem(
                    one_line(str(path)), None, None, "no jrnl YYYY/MM/DD.txt files in this folder"
                )
            )
        return parsed
    display = one_line(str(path))
    text = read_text(path, display, parsed.problems, budget)
    if text is not None:
        parse_jrnl_text(text, display, parsed, timeformat=timeformat)
    return parsed


# --- jrnl JSON export -------------------------------------------------------------------


def read_jrnl_json(path: Path, budget: Budget | None = None) -> ParsedJournal:
    """``jrnl --export json``: title, body, date, time, tags and starred for each entry."""
    parsed = ParsedJournal("jrnl-json", path)
    display = one_line(str(path))
    text = read_text(path, display, parsed.problems, budget)
    if text is None:
        return parsed
    data = load_json(text, display)
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValidationError(
            [Problem(display, 1, None, "is not a jrnl JSON export (no 'entries' list)")]
        )
    line_of = LineFinder(text, "entries")
    for i, item in enumerate(entries):
        where = f"entries[{i}]"
        if not isinstance(item, dict):
            parsed.problems.append(Problem(display, line_of(i), where, "is not an object"))
            continue
        try:
            date = dt.date.fromisoformat(str(item.get("date", "")))
            time = parse_hhmm(item.get("time"))
        except ValueError:
            parsed.problems.append(
                Problem(
                    display,
                    line_of(i),
                    where,
                    f"date {shown(item.get('date'))} and time {shown(item.get('time'))} are not "
                    "YYYY-MM-DD and HH:MM",
                )
            )
            continue
        raw_tags = item.get("tags") or []
        if not isinstance(raw_tags, list):
            parsed.problems.append(
                Problem(display, line_of(i), where, f"tags {shown(raw_tags)} is not a list")
            )
            continue
        tags = [str(t) for t in raw_tags]
        parsed.records.append(
            EntryRecord(
                file=display,
                line=None,
                item=where,
                entry_date=date,
                entry_time=time,
                title=str(item.get("title") or ""),
                body=str(item.get("body") or ""),
                tags=sorted({t.lstrip("#@").lower() for t in tags if re.search(r"\w", t)}),
                highlight=bool(item.get("starred")),
                identity="jrnl",
            )
        )
    return parsed


def parse_hhmm(value: object) -> dt.time | None:
    """``07:45`` or ``07:45:00``; empty means no time."""
    if value in (None, ""):
        return None
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", str(value).strip())
    if not m:
        raise ValueError(value)
    return dt.time(int(m[1]), int(m[2]), int(m[3] or 0))
