"""What every journal reader shares: the entry record and the parsed journal they produce, the
stable key of an imported entry, and reading text and JSON with problems that name the line.

The readers (``jrnl``, ``dayone``, ``markdown_files``, ``archive``) build on this;
``formats`` sits above them and picks one for a path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from json import scanner
from pathlib import Path
from typing import Any

from plnjournal.core.journal_io.limits import MAX_JSON_DEPTH, MAX_NUMBER_DIGITS, Budget, shown
from plnjournal.errors import InputError, Problem, ValidationError

# A JSON object as json.loads gives it: the readers check each value's type where they use it.
JsonObject = dict[str, Any]


@dataclass
class EntryRecord:
    """One entry as read from a file, before it meets the journal."""

    file: str
    line: int | None
    entry_date: dt.date
    entry_time: dt.time | None
    title: str
    body: str
    tags: list[str] = field(default_factory=list)
    highlight: bool = False  # jrnl's and Day One's "starred"
    private: bool = False
    comfort: int | None = None
    reflection_model: str | None = None
    # Skill code or name -> self-rating (or None), from a PLN Journal Markdown export.
    skills: dict[str, int | None] = field(default_factory=dict)
    skills_line: int | None = None
    # Which source the entry comes from ("jrnl", "dayone:<uuid>", "markdown"); part of its key.
    identity: str = ""
    key: str | None = None  # an explicit key carried by the file (our own Markdown export)
    item: str | None = None  # where in a JSON file: "entries[3]"

    @property
    def where(self) -> str:
        """Where the entry came from, as ``file:line`` or ``file entries[3]``."""
        if self.line is not None:
            return f"{self.file}:{self.line}"
        return f"{self.file} {self.item}" if self.item else self.file


@dataclass
class ParsedJournal:
    format: str
    path: Path
    records: list[EntryRecord] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def content_key(identity: str, record: EntryRecord) -> str:
    """A stable key for an imported entry: its source, date, minute and text.

    Seconds are left out so jrnl's text journal and its JSON export (minutes only) give the
    same key, and importing both adds each entry once.
    """
    when = record.entry_time.strftime("%H:%M") if record.entry_time else ""
    raw = json.dumps(
        [identity, record.entry_date.isoformat(), when, record.title, record.body],
        ensure_ascii=False,
    )
    family = identity.split(":", 1)[0] or "import"
    return f"{family}:{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:40]}"


def read_text(
    path: Path,
    display: str,
    problems: list[Problem],
    budget: Budget | None = None,
    *,
    follow_links: bool = True,
) -> str | None:
    """A text file as str (UTF-8, BOM and Windows line ends tolerated), or a problem.

    At most what ``budget`` has left is read (a device or a growing file cannot feed memory
    without end); a file found in a folder walk is opened without following a symbolic link
    (``follow_links=False``), so a link swapped in after the walk is not followed either.
    """
    budget = budget if budget is not None else Budget()
    try:
        data = read_bytes(path, display, budget, follow_links=follow_links)
    except OSError as exc:
        problems.append(Problem(display, None, None, f"cannot be read: {exc.strerror or exc}"))
        return None
    return decode_text(data, display, problems)


def read_bytes(path: Path, display: str, budget: Budget, *, follow_links: bool = True) -> bytes:
    """The bytes of a regular file, refused past the budget before they are all in memory."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{display}: is not a regular file (a device, a pipe or a socket)")
        budget.take(info.st_size, display)
        data = fh.read(max(budget.left, 0) + info.st_size + 1)
    if len(data) > info.st_size:  # it grew while being read
        budget.take(len(data) - info.st_size, display)
    return data


def read_head(path: Path, display: str, size: int = 64 * 1024) -> bytes:
    """The first ``size`` bytes of a regular file, to tell its format."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"{display}: is not a regular file (a device, a pipe or a socket)")
        return fh.read(size)


def decode_text(data: bytes, display: str, problems: list[Problem]) -> str | None:
    """UTF-8 text (one BOM and Windows or old Mac line ends tolerated), or a problem."""
    if looks_encrypted(data):
        raise InputError(encrypted_message(display))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                display,
                line,
                None,
                "is not UTF-8 text; if it is an encrypted jrnl journal (jrnl 1.x files have no "
                "marker), decrypt a plain copy first with 'jrnl --decrypt plain.txt'",
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def encrypted_message(display: str) -> str:
    """What to do about an encrypted jrnl journal, which we cannot read."""
    return (
        f"{display}: is an encrypted jrnl journal; PLN Journal cannot read it. Decrypt a plain "
        "copy first with jrnl itself: 'jrnl --decrypt plain.txt' (or 'jrnl JOURNAL_NAME "
        "--decrypt plain.txt' for a named journal), then import plain.txt"
    )


def looks_encrypted(data: bytes) -> bool:
    # jrnl 3+ files start with b"JRNLv3"; jrnl 2 files are Fernet tokens (b"gAAAAA").
    """Whether the bytes are an encrypted jrnl journal, to say so instead of 'not UTF-8'."""
    return data.startswith(b"JRNLv3") or data.startswith(b"gAAAAA")


# --- JSON helpers -----------------------------------------------------------------------


def load_json(text: str, display: str) -> object:
    """Parse JSON, or stop with a problem naming the line.

    Beyond the JSON grammar: NaN and Infinity (Python's extension) are refused, as are numbers
    too long or too large to be a value we keep, and nesting past ``MAX_JSON_DEPTH`` (deeper
    nesting would exhaust the parser's recursion, or any code walking the result).
    """
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_int=_int, parse_float=_float)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [
                Problem(
                    display, exc.lineno, None, f"is not valid JSON ({exc.msg}, column {exc.colno})"
                )
            ]
        ) from None
    except _BadNumber as exc:
        raise ValidationError(
            [Problem(display, _line_of(text, exc.token), None, str(exc))]
        ) from None
    except RecursionError:
        data = None  # deeper than Python can parse: located below
    if data is None or _depth(data) > MAX_JSON_DEPTH:
        line = _deep_line(text)
        if line is not None:
            raise ValidationError(
                [
                    Problem(
                        display,
                        line,
                        None,
                        f"is nested too deeply (the limit is {MAX_JSON_DEPTH} levels of "
                        "arrays and objects)",
                    )
                ]
            )
    return data


class _BadNumber(ValueError):
    def __init__(self, message: str, token: str) -> None:
        super().__init__(message)
        self.token = token


def _no_constant(token: str) -> object:
    raise _BadNumber(f"{token} is not a number JSON allows", token)


def _int(token: str) -> int:
    if len(token.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _BadNumber(
            f"a number has {len(token)} digits (the limit is {MAX_NUMBER_DIGITS})", token
        )
    return int(token)


def _float(token: str) -> float:
    value = float(token)
    if len(token) > 4 * MAX_NUMBER_DIGITS or not math.isfinite(value):
        raise _BadNumber(f"the number {shown(token)} is too large", token)
    return value


def _line_of(text: str, token: str) -> int | None:
    at = text.find(token)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _depth(data: object) -> int:
    """How deeply arrays and objects nest in ``data`` (walked without recursion)."""
    deepest = 0
    todo: list[tuple[object, int]] = [(data, 1)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, dict):
            children: Iterable[object] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if depth > MAX_JSON_DEPTH:
            return depth
        todo.extend((child, depth + 1) for child in children)
    return deepest


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _deep_line(text: str) -> int | None:
    """The line where nesting first passes the limit (strings skipped), or None."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return text.count("\n", 0, m.start()) + 1
        elif token in "]}":
            depth -= 1
    return None


class JsonLines:
    """Where each object of a JSON text starts, scanned once and only if a problem needs it.

    Uses the slower pure-Python scanner (it reports positions), so it runs only on failure.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._data: object = None
        self._starts: dict[int, int] | None = None

    def _scan(self) -> None:
        starts: dict[int, int] = {}
        dec = json.JSONDecoder()
        # typeshed leaves out the decoder's scanner hooks (parse_object, scan_once,
        # json.scanner.py_make_scanner): the ignores below are for those alone.
        plain = dec.parse_object  # type: ignore[attr-defined]

        def parse_object(s_and_end: tuple[str, int], *args: object) -> tuple[object, int]:
            s, end = s_and_end
            result, new_end = plain(s_and_end, *args)
            starts[id(result)] = s.count("\n", 0, end) + 1
            return result, new_end

        dec.parse_object = parse_object  # type: ignore[attr-defined]
        dec.scan_once = scanner.py_make_scanner(dec)  # type: ignore[attr-defined]
        try:
            self._data = dec.decode(self._text)
        except json.JSONDecodeError:
            self._data = None
        self._starts = starts

    def item_lines(self, *keys: str) -> list[int | None]:
        """The line on which each object of the list at ``data[keys[0]][keys[1]]…`` starts."""
        if self._starts is None:
            self._scan()
        items = self._data
        for key in keys:
            items = items.get(key) if isinstance(items, dict) else None
        if not isinstance(items, list) or self._starts is None:
            return []
        return [self._starts.get(id(item)) for item in items]


class LineFinder:
    """Lines of the items of one list in a JSON file, computed only when a problem needs one."""

    def __init__(self, text: str | JsonLines, *keys: str) -> None:
        self._source = text if isinstance(text, JsonLines) else JsonLines(text)
        self._keys = keys
        self._lines: list[int | None] | None = None

    def __call__(self, index: int) -> int | None:
        if self._lines is None:
            self._lines = self._source.item_lines(*self._keys)
        return self._lines[index] if index < len(self._lines) else None
