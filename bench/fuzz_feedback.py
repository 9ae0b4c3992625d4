"""Fuzz family: mentor feedback files (``import-feedback``), from the shipped examples, plus
crafted attacks (issue 18: sizes just under the limit, absurd widths, numbers, dates, nesting,
damaged and bomb workbooks, encodings, text that makes regular expressions slow)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from fuzz import Family

ITEM = {"date": "2026-11-03", "mentor": "Ms Okafor", "skill": "CL1", "rating": 3}
LONG = "date,mentor,skill,rating,comment\n"
MB = 1024 * 1024
# A workbook member's new bytes from its name and bytes (None: leave it out).
Change = Callable[[str, bytes], bytes | None]


def _seeds() -> list[tuple[str, bytes]]:
    folder = resources.files("plnjournal.resources").joinpath("examples")
    return [(p.name, p.read_bytes()) for p in folder.iterdir() if p.name.startswith("feedback")]


def _setup(db: Path) -> None:
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.storage.db import open_database

    database = open_database(db)
    with database.session() as s:
        install_framework(s, load_builtin("teaching"))
    database.close()


def _json(*items: dict[str, object], **top: object) -> bytes:
    return json.dumps({"items": list(items), **top}).encode()


def _statement(**over: object) -> dict[str, object]:
    st: dict[str, object] = {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/scored"},
        "object": {"id": "https://example.org/skills/IN2"},
        "result": {"score": {"scaled": 0.5}},
        "context": {"instructor": {"name": "Mr Brennan"}},
        "timestamp": "2026-11-25T14:05:00Z",
    }
    st.update(over)
    return st


def _workbook() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in (["date", "mentor", "skill", "rating"], ["2026-11-03", "Ms O", "CL1", 3]):
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rezip(data: bytes, change: Change, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = change(info.filename, src.read(info))
            if body is not None:
                dst.writestr(info.filename, body, zipfile.ZIP_DEFLATED)
        for name, body in (extra or {}).items():
            dst.writestr(name, body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _sheet(change: Callable[[bytes], bytes]) -> Change:
    return lambda n, b: change(b) if n.startswith("xl/worksheets/") else b


def _crafted() -> list[tuple[str, bytes]]:
    book = _workbook()
    deep = b"[" * 100_000 + b"]" * 100_000
    laughs = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(8)
    )
    return [
        # Sizes just under the 20 MB limit.
        ("big-comment.json", _json(ITEM | {"comment": "x" * (19 * MB)})),
        (
            "big-escapes.json",
            _json(ITEM | {"comment": ""}).replace(b'""', b'"' + b"\\n" * (9 * MB) + b'"'),
        ),
        ("many-keys.json", _json(ITEM | {f"k{i:07d}": 1 for i in range(600_000)})),
        ("many-items.json", _json(*(ITEM | {"comment": f"c{i}"} for i in range(60_000)))),
        # Widths.
        ("wide.csv", (",".join(f"c{i}" for i in range(300_000)) + "\n1\n").encode()),
        ("wide-row.csv", (LONG + "2026-11-03,A,CL1,3,x" + ",y" * 300_000 + "\n").encode()),
        ("long-cell.csv", (LONG + "2026-11-03,A,CL1,3," + "x" * 200_000 + "\n").encode()),
        # Numbers.
        ("digits.json", _json(ITEM).replace(b": 3}", b": " + b"9" * 5000 + b"}")),
        ("digits-4000.json", _json(ITEM).replace(b": 3}", b": " + b"9" * 4000 + b"}")),
        ("digits.csv", (LONG + "2026-11-03,A,CL1," + "9" * 5000 + ",x\n").encode()),
        (
            "float.json",
            _json(ITEM | {"rating": 3.5}, ITEM | {"rating": 1e308}, ITEM | {"rating": -0.0}),
        ),
        ("nan.json", _json(ITEM).replace(b": 3}", b": NaN}")),
        ("infinity.json", _json(ITEM).replace(b": 3}", b": -Infinity}")),
        (
            "xapi-nan.json",
            json.dumps(
                [_statement(result={"score": {"raw": 1e308, "min": -1e308, "max": 1e308}})]
            ).encode(),
        ),
        (
            "xapi-tiny.json",
            json.dumps(
                [_statement(result={"score": {"raw": 1, "min": 0, "max": 1e-320}})]
            ).encode(),
        ),
        (
            "xapi-scaled-nan.json",
            json.dumps([_statement(result={"score": {"scaled": "NaN"}})])
            .encode()
            .replace(b'"NaN"', b"NaN"),
        ),
        (
            "xapi-huge.json",
            json.dumps([_statement(result={"score": {"raw": 10**400, "max": 10**401}})]).encode(),
        ),
        # Dates.
        (
            "dates.json",
            _json(
                *(
                    ITEM | {"date": d}
                    for d in (
                        "2026-11-03T10:00:00+99999999:00",
                        "99999-12-31",
                        "-2026-01-01",
                        "0000-00-00",
                        "2026-02-30",
                        "9" * 5000,
                        "2026-11-03" + " " * 100_000 + "x",
                    )
                )
            ),
        ),
        (
            "dates.csv",
            (
                LONG
                + "".join(
                    f"{d},A,CL1,3,x\n"
                    for d in ("2026/13/45 99:99", "31/12/99999", "1e308", "+999999-01-01")
                )
            ).encode(),
        ),
        (
            "timezone.json",
            json.dumps([_statement(timestamp="2026-11-25T14:05:00+" + "9" * 3000)]).encode(),
        ),
        # Nesting and types.
        ("deep.json", b'{"items": ' + deep + b"}"),
        ("deep-value.json", _json(ITEM).replace(b'"Ms Okafor"', b"[" * 900 + b"]" * 900)),
        (
            "deep-agent.json",
            json.dumps([_statement(context={"instructor": {"member": [{"member": []}]}})])
            .encode()
            .replace(b"[]", b"[" * 5000 + b"]" * 5000),
        ),
        (
            "types.json",
            _json(
                {
                    "date": [1],
                    "mentor": {"a": "b"},
                    "skill": ["CL1"],
                    "rating": {"x": 1},
                    "comment": [None],
                },
                format=["x" * 10_000],
                mentor=[1],
            ),
        ),
        (
            "types-xapi.json",
            json.dumps(
                {
                    "statements": [
                        _statement(
                            object=[1],
                            context=[2],
                            result={"score": [3], "response": {"a": 1}},
                            verb="x",
                        )
                    ]
                }
            ).encode(),
        ),
        ("keys.json", _json(ITEM | {"a\nb": 1, "\x1b]0;pwned\x07": 2})),
        # Workbooks: damaged, bombs, far cells.
        ("truncated.xlsx", book[: len(book) // 2]),
        ("no-sheet.xlsx", _rezip(book, lambda n, b: None if n.startswith("xl/worksheets/") else b)),
        (
            "bad-xml.xlsx",
            _rezip(book, lambda n, b: b"<x>&bogus;</x>" if n == "xl/workbook.xml" else b),
        ),
        ("cut-xml.xlsx", _rezip(book, _sheet(lambda b: b[:-40]))),
        ("laughs.xlsx", _rezip(book, _sheet(lambda b: laughs + b"]><x>&i;</x>"))),
        ("bomb.xlsx", _rezip(book, lambda n, b: b, {"xl/media/zeros.bin": b"\0" * (60 * MB)})),
        ("members.xlsx", _rezip(book, lambda n, b: b, {f"junk/{i}": b"" for i in range(1500)})),
        (
            "far-row.xlsx",
            _rezip(
                book,
                _sheet(
                    lambda b: b.replace(b'r="A2"', b'r="A99999999"').replace(
                        b'<row r="2"', b'<row r="99999999"'
                    )
                ),
            ),
        ),
        ("far-column.xlsx", _rezip(book, _sheet(lambda b: b.replace(b'r="A2"', b'r="XFD2"')))),
        (
            "digits.xlsx",
            _rezip(book, _sheet(lambda b: b.replace(b"<v>3</v>", b"<v>" + b"9" * 5000 + b"</v>"))),
        ),
        (
            "date-serial.xlsx",
            _rezip(book, _sheet(lambda b: b.replace(b"<v>3</v>", b"<v>1e308</v>"))),
        ),
        ("not-a-workbook.xlsx", b"just text"),
        ("empty-zip.xlsx", b"PK\x05\x06" + b"\0" * 18),
        # Encodings and bytes.
        ("nul.csv", (LONG + "2026-11-03,A,CL1,3,x\0y\n").encode()),
        ("utf16-nobom.csv", (LONG + "2026-11-03,Ms O,CL1,3,ok\n").encode("utf-16-le")),
        ("utf16-odd.csv", (LONG + "2026-11-03,Ms O,CL1,3,ok\n").encode("utf-16-le") + b"x"),
        ("latin1.csv", (LONG + "2026-11-03,Jos\xe9,CL1,3,ok\n").encode("latin-1")),
        ("escape.csv", (LONG + "2026-11-03,\x1b]0;pwned\x07,CL1,3,\x1b[31mred\n").encode()),
        # Text that makes backtracking patterns slow.
        ("comments.md", b"---\nmentor: A\ndate: 2026-11-03\n---\n## CL1\n" + b"<!--" * (2 * MB)),
        (
            "rating-line.md",
            b"---\nmentor: A\ndate: 2026-11-03\n---\n## CL1\nRating: a" + b" " * (4 * MB) + b"b\n",
        ),
        ("heading.md", b"---\nmentor: A\ndate: 2026-11-03\n---\n## a" + b" " * (4 * MB) + b"(x\n"),
        ("rating-label.csv", (LONG + "2026-11-03,A,CL1,a" + " " * 100_000 + "b(1),x\n").encode()),
    ]


FAMILY = Family(
    name="feedback",
    argv=lambda path, db: ["--db", str(db), "import-feedback", str(path)],
    seeds=_seeds,
    setup=_setup,
    crafted=_crafted,
)
