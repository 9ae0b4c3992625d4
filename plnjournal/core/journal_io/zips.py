"""Reading the JSON files at the top of a Day One export zip, bounded before anything expands.

A zip from someone else may be a bomb (a few MB that expand to gigabytes), hold a million
members, be damaged or truncated, name members ``../../x`` or with a newline, or hold zips
inside. Before Python's zipfile parses the table of contents, its size and member count are
read from the zip's end record and refused past the limits; before a member is read, its
declared size counts against the import's budget and its expansion ratio is checked; while it
is read, it is streamed in pieces and cut at the declared size (a member that lies about its
size fails its CRC). Nothing is extracted to disk, member names are never paths, and a zip
inside the zip is never opened.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from plnjournal.core.journal_io.limits import (
    MAX_ZIP_DIRECTORY_BYTES,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    RATIO_FROM_BYTES,
    Budget,
    describe_size,
    one_line,
)
from plnjournal.errors import InputError

# What a damaged zip raises from Python's zipfile and zlib (a bad header, a bad CRC, a bad
# deflate stream, a cut-off file, an unknown compression method or an encrypted member).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    struct.error,
)
_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"
_CHUNK = 1024 * 1024
# A member name we read: a plain file name at the zip's top, nothing that could be a path.
_PLAIN_NAME = re.compile(r"[^/\\\x00-\x1f\x7f]+\.json", re.IGNORECASE)


def read_zip_members(path: Path, budget: Budget) -> Iterator[tuple[str, bytes]]:
    """(display, bytes) of each ``.json`` file at the zip's top, in name order."""
    shown = one_line(str(path))
    try:
        _check_directory(path, shown)
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise _too_many(shown, len(members))
            wanted = sorted(
                (m for m in members if _PLAIN_NAME.fullmatch(m.filename) and not m.is_dir()),
                key=lambda m: m.filename,
            )
            if not wanted:
                raise InputError(
                    f"{shown}: this zip has no Journal.json at its top; is it a Day One export?"
                )
            for member in wanted:
                display = f"{shown}!{one_line(member.filename)}"
                _check_member(member, display, budget)
                yield display, _read_member(archive, member, display, budget)
    except ZIP_ERRORS as exc:
        reason = one_line(str(exc)) or type(exc).__name__
        raise InputError(f"{shown}: is not a readable zip file ({reason})") from exc


def _check_directory(path: Path, shown: str) -> None:
    """Refuse a table of contents too large to parse, from the zip's end record alone."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        tail_start = max(0, size - (22 + 0xFFFF))
        fh.seek(tail_start)
        tail = fh.read()
        at = tail.rfind(_END)
        if at < 0 or len(tail) - at < 22:
            return  # not a zip: zipfile says so
        _, _, _, count, directory = struct.unpack_from("<4HL", tail, at + 4)
        if (count == 0xFFFF or directory == 0xFFFFFFFF) and at >= 20:
            locator = tail[at - 20 : at]
            if locator.startswith(_END64_LOCATOR):
                (end64,) = struct.unpack_from("<Q", locator, 8)
                fh.seek(end64)
                record = fh.read(56)
                if record.startswith(_END64) and len(record) == 56:
                    count, directory = struct.unpack_from("<QQ", record, 32)
    if count > MAX_ZIP_MEMBERS:
        raise _too_many(shown, count)
    if directory > MAX_ZIP_DIRECTORY_BYTES:
        raise InputError(
            f"{shown}: its list of files is {describe_size(directory)} (the limit is "
            f"{describe_size(MAX_ZIP_DIRECTORY_BYTES)}); is it a Day One export?"
        )


def _too_many(shown: str, count: int) -> InputError:
    return InputError(
        f"{shown}: holds {count:,} files (the limit is {MAX_ZIP_MEMBERS:,}); unzip it and "
        "import its Journal.json"
    )


def _check_member(member: zipfile.ZipInfo, display: str, budget: Budget) -> None:
    """Refuse a member by what its header declares, before a byte of it is expanded."""
    size, packed = member.file_size, member.compress_size
    if size > RATIO_FROM_BYTES and size > MAX_ZIP_RATIO * max(packed, 1):
        raise InputError(
            f"{display}: would expand {size // max(packed, 1):,} times, to "
            f"{describe_size(size)} (the limit is {MAX_ZIP_RATIO} times); this is not how a "
            "journal compresses (a zip bomb?)"
        )
    if size > budget.left:
        budget.take(size, display)


def _read_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, display: str, budget: Budget
) -> bytes:
    """The member's bytes, read in pieces and counted against the budget as they come."""
    out = bytearray()
    with archive.open(member) as fh:
        while piece := fh.read(_CHUNK):
            budget.take(len(piece), display)
            out += piece
            if len(out) > member.file_size:  # zipfile cuts at the declared size; be sure
                raise zipfile.BadZipFile(f"{member.filename!r} is longer than it says")
    return bytes(out)
