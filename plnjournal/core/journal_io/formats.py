"""Which journal a path holds, and reading it with the matching reader: jrnl (text, folder,
JSON), Day One, Markdown files, or our own JSON export.

Readers never touch the database: they turn a file into ``EntryRecord``s (``records``) that say
where each entry came from (file and line), plus problems (which stop the import) and warnings
(which the user sees before anything is written).
"""

from __future__ import annotations

import re
from pathlib import Path

from plnjournal.core.journal_io.archive import Archive, read_archive
from plnjournal.core.journal_io.dayone import read_dayone
from plnjournal.core.journal_io.jrnl import jrnl_folder_files, read_jrnl, read_jrnl_json
from plnjournal.core.journal_io.limits import MAX_JOURNAL_BYTES, Budget, one_line
from plnjournal.core.journal_io.markdown_files import markdown_files, read_markdown
from plnjournal.core.journal_io.records import (
    ParsedJournal,
    encrypted_message,
    looks_encrypted,
    read_head,
)
from plnjournal.errors import InputError, ValidationError

FORMATS = ("jrnl", "jrnl-json", "dayone", "markdown", "json")
FORMAT_LABELS = {
    "jrnl": "jrnl journal (text file or YYYY/MM/DD.txt folder)",
    "jrnl-json": "jrnl JSON export (jrnl --export json)",
    "dayone": "Day One JSON export (Journal.json or the export zip)",
    "markdown": "Markdown files (Obsidian, Logseq, or a PLN Journal Markdown export)",
    "json": "PLN Journal JSON export (everything)",
}


# --- finding out what a path holds -------------------------------------------------------

_MD_SUFFIXES = (".md", ".markdown")


def detect_format(path: Path) -> str:
    """Which of ``FORMATS`` the file or folder at ``path`` is, or an InputError saying why not."""
    if not path.exists():
        raise InputError(f"{one_line(str(path))}: no such file or folder")
    if path.is_dir():
        if jrnl_folder_files(path):
            return "jrnl"
        if markdown_files(path):
            return "markdown"
        if any(p.suffix.lower() == ".json" for p in path.glob("*.json")):
            return "dayone"
        raise InputError(
            f"{one_line(str(path))}: found no journal in this folder (no jrnl YYYY/MM/DD.txt files, "
            "no Markdown .md files, no Day One .json)"
        )
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return "dayone"
    if suffix in _MD_SUFFIXES:
        return "markdown"
    try:
        head = read_head(path, one_line(str(path)))
    except OSError as exc:
        raise InputError(f"{one_line(str(path))}: cannot be read: {exc.strerror}") from exc
    if looks_encrypted(head):
        raise InputError(encrypted_message(str(path)))
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return _detect_json(head)
    if re.search(rb"(?:^|\n)\[\d{4}-\d{2}-\d{2}[^\]\n]*\] ", head):
        return "jrnl"
    raise InputError(
        f"{one_line(str(path))}: is not a journal PLN Journal can read; give --format "
        f"({', '.join(FORMATS)}) if you know what it is"
    )


def _detect_json(head: bytes) -> str:
    text = head.decode("utf-8", "replace")
    if re.search(r'"format"\s*:\s*"plnjournal"', text):
        return "json"
    if re.search(r'"(creationDate|timeZone|richText)"\s*:', text):
        return "dayone"
    return "jrnl-json"


def read_journal(
    path: Path,
    fmt: str | None = None,
    *,
    timeformat: str | None = None,
    max_bytes: int = MAX_JOURNAL_BYTES,
) -> ParsedJournal | Archive:
    """Read ``path`` as ``fmt`` (detected when None): a ParsedJournal, or for ``json`` an
    archive (see ``archive``). Problems raise ValidationError; nothing is written. At most
    ``max_bytes`` of text are read (``limits``)."""
    path = Path(path)
    budget = Budget(max_bytes)
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InputError(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    if not path.exists():
        raise InputError(f"{one_line(str(path))}: no such file or folder")
    if fmt == "json":
        return read_archive(path, budget)
    if fmt == "jrnl":
        parsed = read_jrnl(path, timeformat=timeformat, budget=budget)
    elif fmt == "jrnl-json":
        parsed = read_jrnl_json(path, budget)
    elif fmt == "dayone":
        parsed = read_dayone(path, budget)
    else:
        parsed = read_markdown(path, budget)
    if parsed.problems:
        raise ValidationError(parsed.problems)
    return parsed
