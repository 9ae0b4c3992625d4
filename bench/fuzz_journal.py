"""Fuzz family: journals from other apps (``import-journal``), from small real exports.

Seeds: a jrnl text journal and its JSON export, a Day One ``Journal.json`` and its export zip,
an Obsidian daily note, and a PLN Journal JSON export written by the app itself. Crafted: the
issue's Day One zip bomb (4 MB that expand to 4 GB), a zip with very many members, damaged and
nested zips, hostile member names, deeply nested JSON, huge numbers and dates, NaN, invalid
UTF-8, byte order marks, a huge single line. A folder cannot be an input here (the harness
writes one file): the Markdown folder's symlinks and sizes are covered in
tests/core/journal_io/test_hostile_files.py.

Every third input is a dry run against a journal that does not exist (checked against an empty
one, so our JSON export's restore is tried each time); every third a dry run with ``--json``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path

from fuzz import Family

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


# --- zips built by hand, so their headers can say anything ----------------------------------


def raw_zip(members: list[tuple[str, bytes, int, int]], method: int = 8) -> bytes:
    """A zip of ``(name, compressed data, crc, uncompressed size)`` members, no checks."""
    out = io.BytesIO()
    central = []
    for name, data, crc, size in members:
        offset = out.tell()
        raw = name.encode("utf-8")
        head = (0x14, 0x800, method, 0, 0x21, crc, len(data), size, len(raw), 0)
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *head) + raw + data)
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                0x14,
                *head,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw
        )
    start = out.tell()
    out.write(b"".join(central))
    size = out.tell() - start
    n = len(members)
    if n > 0xFFFF:  # zip64's end records carry the count
        end64 = out.tell()
        out.write(struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, n, n, size, start))
        out.write(struct.pack("<4sLQL", b"PK\x06\x07", 0, end64, 1))
        n = 0xFFFF
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, size, start, 0))
    return out.getvalue()


@functools.cache
def dayone_bomb(members: int = 4, gigabytes: int = 1) -> bytes:
    """The issue's shape: a few ``.json`` members at the zip's top, each a gigabyte of spaces
    deflated to a megabyte (a full flush makes every megabyte's deflate output the same, so
    the bomb is built in a blink)."""
    chunk = b" " * (1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    count = 1024 * gigabytes
    data = piece * count + deflate.flush()
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    names = ["Journal.json", *(f"Journal {i}.json" for i in range(2, members + 1))]
    return raw_zip([(name, data, crc, len(chunk) * count) for name in names])


def zip_of(files: dict[str, bytes]) -> bytes:
    """An ordinary deflated zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def many_members(count: int) -> bytes:
    """A zip of ``count`` empty members (a photo folder gone mad)."""
    crc = zlib.crc32(b"")
    return raw_zip([(f"photos/{i:07d}.jpg", b"", crc, 0) for i in range(count)], method=0)


# --- seeds ------------------------------------------------------------------------------------


def _our_export() -> bytes:
    """A small PLN Journal JSON export, written by the app itself."""
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.core.journal.entries import add_entry
    from plnjournal.core.journal_io.export import export_journal
    from plnjournal.storage.db import open_database

    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(Path(tmp) / "j.sqlite3")
        with database.session() as s:
            install_framework(s, load_builtin("teaching"))
        with database.session() as s:
            add_entry(s, entry_date=dt.date(2026, 11, 3), title="Exported", body="Body #CL1")
            add_entry(s, entry_date=dt.date(2026, 11, 4), title="Second", body="More text")
        out = Path(tmp) / "export.json"
        with database.session() as s:
            export_journal(s, out, "json")
        database.close()
        return out.read_bytes()


@functools.cache
def _seed_list() -> tuple[tuple[str, bytes], ...]:
    dayone = (FIXTURES / "dayone" / "Journal.json").read_bytes()
    return (
        ("journal.txt", (FIXTURES / "jrnl" / "journal.txt").read_bytes()),
        ("journal.jrnl.json", (FIXTURES / "jrnl" / "journal.jrnl.json").read_bytes()),
        ("Journal.json", dayone),
        ("dayone-export.zip", zip_of({"Journal.json": dayone, "photos/a.jpeg": b"\xff\xd8"})),
        ("2026-11-27.md", (FIXTURES / "markdown/obsidian/Daily/2026-11-27.md").read_bytes()),
        ("export.json", _our_export()),
    )


def _seeds() -> list[tuple[str, bytes]]:
    return list(_seed_list())


def _crafted() -> list[tuple[str, bytes]]:
    seeds = dict(_seed_list())
    dayone, export = seeds["Journal.json"], seeds["export.json"]
    dayone_zip = seeds["dayone-export.zip"]
    entry = json.loads(dayone)["entries"][0]

    def dayone_with(**changes: object) -> bytes:
        return json.dumps({"entries": [{**entry, **changes}]}).encode()

    def export_with(table: str, **changes: object) -> bytes:
        data = json.loads(export)
        data["tables"][table][0].update(changes)
        return json.dumps(data).encode()

    nested = "[" * 100_000 + "]" * 100_000
    flipped = bytearray(dayone_zip)
    flipped[60] ^= 0xFF  # inside the first member's deflated data
    return [
        ("bomb.zip", dayone_bomb()),
        ("many-members.zip", many_members(150_000)),
        ("damaged.zip", dayone_zip[: len(dayone_zip) // 2]),
        ("bad-data.zip", bytes(flipped)),
        ("no-end.zip", dayone_zip[:-22]),
        ("nested.zip", zip_of({"inner.zip": dayone_zip})),
        ("zip-as-json.zip", zip_of({"Journal.json": dayone_zip})),
        ("names.zip", zip_of({"../../evil.json": dayone, "a\nb.json": dayone, "/abs.json": b"{"})),
        ("nested-jrnl.json", b'{"tags": {}, "entries": ' + nested.encode() + b"}"),
        ("nested-dayone.json", b'{"creationDate": 1, "entries": [' + nested.encode() + b"]}"),
        ("nested-export.json", b'{"format": "plnjournal", "tables": ' + nested.encode() + b"}"),
        ("nested-value.json", dayone_with(text=json.loads("[" * 900 + "]" * 900))),
        ("year.json", dayone_with(creationDate="99999-12-31T00:00:00Z")),
        ("year0.json", dayone_with(creationDate="0000-01-01T00:00:00Z")),
        ("zone.json", dayone_with(timeZone="Europe/" + "x" * 1_000_000)),
        ("zone-path.json", dayone_with(timeZone="../../../../etc/localtime")),
        ("digits.json", dayone.replace(b'"duration" : 0', b'"duration" : ' + b"9" * 5000)),
        ("nan.json", dayone.replace(b'"duration" : 0', b'"duration" : NaN')),
        ("inf.json", dayone.replace(b'"duration" : 0', b'"duration" : 1e999')),
        ("utf16.json", dayone.decode().encode("utf-16")),
        ("two-boms.json", b"\xef\xbb\xbf\xef\xbb\xbf" + dayone),
        ("latin1.txt", "[2026-11-03 07:45] Café\n".encode("latin-1")),
        ("long-line.txt", b"[2026-11-03 07:45] " + b"x" * 6_000_000),
        ("long-front.md", b"---\n" + b"y" * 3_000_000 + b"\n---\nbody\n"),
        # Runs of spaces that made a regular expression quadratic (minutes, not milliseconds).
        ("2026-11-03 spaces-front.md", b"---\nkey: x" + b" " * 1_000_000 + b"y\n---\nbody\n"),
        ("2026-11-03 spaces-key.md", b"---\na" + b" " * 1_000_000 + b"b\n---\nbody\n"),
        ("2026-11-03 spaces-heading.md", b"# a" + b" " * 1_000_000 + b"b\nbody\n"),
        ("2026-11-03 open-tags.md", b"#[[a " * 200_000),
        ("spaces-title.json", dayone_with(text="# a" + " " * 1_000_000 + "b\nbody")),
        ("jrnl-year.jrnl.json", b'{"entries": [{"date": "99999-01-01", "time": "07:45"}]}'),
        ("jrnl-digits.jrnl.json", b'{"entries": [{"date": ' + b"1" * 5000 + b"}]}"),
        ("export-comfort.json", export_with("entries", comfort=9)),
        ("export-dup-id.json", export_with("entries", id=2)),
        ("export-date.json", export_with("entries", entry_date="99999-01-01")),
        ("export-id-digits.json", export.replace(b'"id": 1,', b'"id": ' + b"7" * 5000 + b",")),
        ("export-nan.json", export_with("entries", comfort=float("nan"))),
    ]


def _setup(db: Path) -> None:
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.storage.db import open_database

    database = open_database(db)
    with database.session() as s:
        install_framework(s, load_builtin("teaching"))
    database.close()


def _argv(path: Path, db: Path) -> list[str]:
    index = int(path.name.split("-", 1)[0])
    if index % 3 == 1:
        absent = db.parent / "absent" / "journal.sqlite3"
        return ["--db", str(absent), "import-journal", "--dry-run", str(path)]
    if index % 3 == 2:
        return ["--db", str(db), "import-journal", "--dry-run", "--json", str(path)]
    return ["--db", str(db), "import-journal", str(path)]


FAMILY = Family(name="journal", argv=_argv, seeds=_seeds, setup=_setup, crafted=_crafted)
