"""Reading other journals into plain entry records: jrnl (text, folder, JSON) and Day One.

Parsers never touch the database: they turn a file into ``EntryRecord``s that say where each
entry came from (file and line), plus problems (which stop the import) and warnings (which the
user sees before anything is written). Markdown folders live in ``journal_markdown``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from plnjournal.errors import InputError, Problem, ValidationError

FORMATS = ("jrnl", "jrnl-json", "dayone", "markdown", "json")
FORMAT_LABELS = {
    "jrnl": "jrnl journal (text file or YYYY/MM/DD.txt folder)",
    "jrnl-json": "jrnl JSON export (jrnl --export json)",
    "dayone": "Day One JSON export (Journal.json or the export zip)",
    "markdown": "Markdown files (Obsidian, Logseq, or a PLN Journal Markdown export)",
    "json": "PLN Journal JSON export (everything)",
}


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


def read_text(path: Path, display: str, problems: list[Problem]) -> str | None:
    """A text file as str (UTF-8, BOM and Windows line ends tolerated), or a problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(display, None, None, f"cannot be read: {exc.strerror}"))
        return None
    if _looks_encrypted(data):
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
    return (
        f"{display}: is an encrypted jrnl journal; PLN Journal cannot read it. Decrypt a plain "
        "copy first with jrnl itself: 'jrnl --decrypt plain.txt' (or 'jrnl JOURNAL_NAME "
        "--decrypt plain.txt' for a named journal), then import plain.txt"
    )


def _looks_encrypted(data: bytes) -> bool:
    # jrnl 3+ files start with b"JRNLv3"; jrnl 2 files are Fernet tokens (b"gAAAAA").
    return data.startswith(b"JRNLv3") or data.startswith(b"gAAAAA")


# --- JSON helpers -----------------------------------------------------------------------


def load_json(text: str, display: str) -> object:
    """Parse JSON, or stop with a problem naming the line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [
                Problem(
                    display, exc.lineno, None, f"is not valid JSON ({exc.msg}, column {exc.colno})"
                )
            ]
        ) from None


class JsonLines:
    """Where each object of a JSON text starts, scanned once and only if a problem needs it.

    Uses the slower pure-Python scanner (it reports positions), so it runs only on failure.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._data: object = None
        self._starts: dict[int, int] | None = None

    def _scan(self) -> None:
        from json import scanner

        starts: dict[int, int] = {}
        dec = json.JSONDecoder()
        plain = dec.parse_object

        def parse_object(s_and_end, *args, **kwargs):
            s, end = s_and_end
            result, new_end = plain(s_and_end, *args, **kwargs)
            starts[id(result)] = s.count("\n", 0, end) + 1
            return result, new_end

        dec.parse_object = parse_object  # type: ignore[method-assign]
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
        if not isinstance(items, list):
            return []
        return [self._starts.get(id(item)) for item in items]  # type: ignore[union-attr]


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


# --- finding out what a path holds -------------------------------------------------------

_MD_SUFFIXES = (".md", ".markdown")


def detect_format(path: Path) -> str:
    """Which of ``FORMATS`` the file or folder at ``path`` is, or an InputError saying why not."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        from plnjournal.core.journal_io.jrnl import jrnl_folder_files
        from plnjournal.core.journal_io.markdown_files import markdown_files

        if jrnl_folder_files(path):
            return "jrnl"
        if markdown_files(path):
            return "markdown"
        if any(p.suffix.lower() == ".json" for p in path.glob("*.json")):
            return "dayone"
        raise InputError(
            f"{path}: found no journal in this folder (no jrnl YYYY/MM/DD.txt files, "
            "no Markdown .md files, no Day One .json)"
        )
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return "dayone"
    if suffix in _MD_SUFFIXES:
        return "markdown"
    try:
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror}") from exc
    if _looks_encrypted(head):
        raise InputError(encrypted_message(str(path)))
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return _detect_json(head)
    if re.search(rb"(?:^|\n)\[\d{4}-\d{2}-\d{2}[^\]\n]*\] ", head):
        return "jrnl"
    raise InputError(
        f"{path}: is not a journal PLN Journal can read; give --format "
        f"({', '.join(FORMATS)}) if you know what it is"
    )


def _detect_json(head: bytes) -> str:
    text = head.decode("utf-8", "replace")
    if re.search(r'"format"\s*:\s*"plnjournal"', text):
        return "json"
    if re.search(r'"(creationDate|timeZone|richText)"\s*:', text):
        return "dayone"
    return "jrnl-json"


def read_journal(path: Path, fmt: str | None = None, *, timeformat: str | None = None):
    """Read ``path`` as ``fmt`` (detected when None): a ParsedJournal, or for ``json`` an
    archive (see ``journal_archive``). Problems raise ValidationError; nothing is written."""
    path = Path(path)
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InputError(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if fmt == "json":
        from plnjournal.core.journal_io.archive import read_archive

        return read_archive(path)
    if fmt == "jrnl":
        from plnjournal.core.journal_io.jrnl import read_jrnl

        parsed = read_jrnl(path, timeformat=timeformat)
    elif fmt == "jrnl-json":
        from plnjournal.core.journal_io.jrnl import read_jrnl_json

        parsed = read_jrnl_json(path)
    elif fmt == "dayone":
        from plnjournal.core.journal_io.dayone import read_dayone

        parsed = read_dayone(path)
    else:
        from plnjournal.core.journal_io.markdown_files import read_markdown

        parsed = read_markdown(path)
    if parsed.problems:
        raise ValidationError(parsed.problems)
    return parsed
