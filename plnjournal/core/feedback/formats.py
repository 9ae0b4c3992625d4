"""Every feedback format, detected from content (and extension), read into plain items.

CSV/TSV and XLSX tables (long or Forms-style wide) are in ``feedback_tables``; this module adds
our JSON schema, xAPI statements and the Markdown letter, and picks the right reader.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import warnings
import zipfile
from pathlib import PurePath

import openpyxl

from plnjournal.core.feedback.schema import ParsedFile, RawItem, SkillIndex, Value, norm
from plnjournal.core.feedback.tables import parse_table
from plnjournal.core.feedback.text import (
    OLE_MAGIC,
    ZIP_MAGIC,
    FileProblem,
    JsonPath,
    decode_text,
    json_error_message,
    json_object_lines,
    read_rows,
)
from plnjournal.core.feedback.xapi import read_statements

JSON_FORMAT = "plnjournal-feedback"
ITEM_KEYS = {"date", "mentor", "skill", "rating", "comment"}
ITEM_INFO_KEYS = {"skill_name", "levels", "target_level", "line"}
MAX_UNZIPPED = 400 * 1024 * 1024  # a workbook that inflates past this is refused (zip bomb)


def parse_file(
    name: str,
    data: bytes,
    index: SkillIndex,
    mapping: dict[str, str] | None = None,
) -> ParsedFile:
    """Read one file's bytes; problems go into the result, never out as exceptions."""
    pf = ParsedFile(name=name, sha256=hashlib.sha256(data).hexdigest())
    mapping = {norm(k): v for k, v in (mapping or {}).items()}
    ext = PurePath(name).suffix.lower()
    try:
        if data.startswith(ZIP_MAGIC):
            pf.format = "xlsx"
            parse_table(pf, _xlsx_rows(data), index, mapping, "xlsx")
            return pf
        if data.startswith(OLE_MAGIC):
            raise FileProblem(
                "this is an old binary Excel (.xls) or Word file; save it as .xlsx or CSV"
            )
        if ext in (".xlsx", ".xlsm"):
            raise FileProblem("this is not an Excel workbook (.xlsx), though it is named like one")
        if not data.strip():
            raise FileProblem("the file is empty")
        text = decode_text(data)
        start = text.lstrip()[:1]
        if start in ("{", "["):
            pf.format = "json"
            _parse_json(pf, text, index)
        elif ext == ".json":
            raise FileProblem("this is not JSON: it should start with '{' or '['")
        elif text.lstrip().startswith("---") or ext in (".md", ".markdown"):
            pf.format = "markdown"
            _parse_markdown(pf, text, index)
        else:
            pf.format = "csv"
            parse_table(pf, read_rows(text), index, mapping, "csv")
    except FileProblem as exc:
        pf.error(exc.message, exc.line, exc.column)
    return pf


# --- XLSX -------------------------------------------------------------------------------


def _xlsx_rows(data: bytes) -> list[tuple[int, list[object]]]:
    """The first worksheet's rows with their Excel row numbers (openpyxl, read-only)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            inflated = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise FileProblem(f"this zip file is damaged or truncated ({exc})") from None
    if "xl/workbook.xml" not in names:
        raise FileProblem("this is a zip file but not an Excel workbook (.xlsx)")
    if inflated > MAX_UNZIPPED:
        raise FileProblem("this workbook unpacks to more than 400 MB; it is refused")
    rows: list[tuple[int, list[object]]] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                if not wb.worksheets:
                    raise FileProblem("the workbook has no worksheet")
                ws = wb.worksheets[0]
                ws.reset_dimensions()
                line = 0
                for row in ws.iter_rows():
                    line = next((r for c in row if (r := getattr(c, "row", None))), line + 1)
                    rows.append((line, [c.value for c in row]))
            finally:
                wb.close()
    except FileProblem:
        raise
    except Exception as exc:
        raise FileProblem(f"the workbook cannot be read ({type(exc).__name__}: {exc})") from None
    return rows


# --- JSON: our schema and xAPI ----------------------------------------------------------


def _parse_json(pf: ParsedFile, text: str, index: SkillIndex) -> None:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        message, line = json_error_message(exc)
        raise FileProblem(message, line) from None
    lines = json_object_lines(text)
    prefix: JsonPath
    if isinstance(data, dict) and "statements" in data:
        statements, prefix = data["statements"], ("statements",)
    elif isinstance(data, list) and data and all(_is_statement(s) for s in data[:5]):
        statements, prefix = data, ()
    else:
        statements = None
    if statements is not None:
        pf.format = "xapi"
        if not isinstance(statements, list):
            raise FileProblem("'statements' must be a list", lines.get((), 1), "statements")
        read_statements(pf, statements, prefix, lines, index)
        return
    _parse_own_json(pf, data, lines)


def _is_statement(obj: object) -> bool:
    return isinstance(obj, dict) and "verb" in obj and "object" in obj


def _parse_own_json(pf: ParsedFile, data: object, lines: dict[JsonPath, int]) -> None:
    defaults: dict[str, Value] = {}
    items: object
    prefix: JsonPath
    if isinstance(data, list):
        items, prefix = data, ()
    elif isinstance(data, dict):
        fmt = data.get("format")
        if fmt is not None and fmt != JSON_FORMAT:
            raise FileProblem(f"'format' is {fmt!r}, expected {JSON_FORMAT!r}", 1, "format")
        items, prefix = data.get("items"), ("items",)
        if not isinstance(items, list):
            raise FileProblem("expected an 'items' list (see docs/feedback-formats.md)", 1)
        for key in ("mentor", "date"):
            if key in data:
                defaults[key] = Value(data[key], key, lines.get((), 1))
    else:
        raise FileProblem("expected a JSON object with 'items', or a list of items")
    unknown: dict[str, int] = {}
    for i, obj in enumerate(items):
        line = lines.get((*prefix, i))
        where = f"{'items' if prefix else ''}[{i}]"
        if not isinstance(obj, dict):
            pf.error(f"{where} must be an object with skill, rating, comment", line)
            continue
        values = dict(defaults)
        for key, value in obj.items():
            if key in ITEM_KEYS:
                values[key] = Value(value, key, line)
            elif key not in ITEM_INFO_KEYS:
                unknown.setdefault(key, line or 1)
        raw = {k: v for k, v in obj.items() if k not in ("levels",)}
        for key, v in defaults.items():
            raw.setdefault(key, v.value)
        pf.items.append(RawItem.of(line, values, raw))
    for key, line in unknown.items():
        pf.warn(f"unknown key {key!r} is ignored", line, key)


# --- Markdown letter --------------------------------------------------------------------

_RATING_LINE = re.compile(
    r"^\s*[*_]{0,2}rating[*_]{0,2}\s*:\s*[*_]{0,2}\s*(.*?)\s*[*_]{0,2}\s*$", re.IGNORECASE
)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")


def _front_matter(pf: ParsedFile, lines: list[str]) -> tuple[dict[str, Value], int]:
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        raise FileProblem(
            "a Markdown letter starts with front matter: '---', 'mentor: …', 'date: …', '---'", 1
        )
    meta: dict[str, Value] = {}
    for i in range(first + 1, len(lines)):
        line = lines[i]
        if line.strip() in ("---", "..."):
            return meta, i + 1
        key, sep, value = line.partition(":")
        if sep and key.strip():
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            meta[norm(key)] = Value(value, key.strip(), i + 1)
    raise FileProblem("the front matter is never closed with '---'; is the file truncated?", 1)


def _parse_markdown(pf: ParsedFile, text: str, index: SkillIndex) -> None:
    lines = text.splitlines()
    meta, body_start = _front_matter(pf, lines)
    for need in ("mentor", "date"):
        if need not in meta:
            pf.error(f"the front matter has no '{need}:' line", 1)
    sections: list[tuple[int, str, list[tuple[int, str]]]] = []
    preamble: list[tuple[int, str]] = []
    in_fence = False
    for n in range(body_start, len(lines)):
        line = lines[n]
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            sections.append((n + 1, line[3:].strip().strip("#").strip(), []))
        elif sections:
            sections[-1][2].append((n + 1, line))
        else:
            preamble.append((n + 1, line))
    intro = _HTML_COMMENT.sub("", "\n".join(t for _, t in preamble)).strip()
    if intro and not all(t.startswith("# ") or not t.strip() for _, t in preamble):
        first_line = next(n for n, t in preamble if t.strip())
        pf.warn(
            "the text before the first '## Skill' section belongs to no skill: it is kept "
            "in each item's source record, not shown as a comment",
            first_line,
        )
    if not sections:
        pf.error("no '## Skill' sections: there is no feedback to read", body_start + 1)
        return
    for start, heading, body in sections:
        _markdown_section(pf, meta, start, heading, body, index, intro)


def _heading_skill(heading: str, index: SkillIndex) -> object:
    candidates = [heading]
    first, _, rest = heading.partition(" ")
    candidates += [first.strip(":—–-"), rest.strip(" :—–-")]
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", heading)
    if m:
        candidates += [m.group(1), m.group(2)]
    for text in candidates:
        skill = index.find(text)
        if skill is not None:
            return skill
    return heading


def _markdown_section(
    pf: ParsedFile,
    meta: dict[str, Value],
    line: int,
    heading: str,
    body: list[tuple[int, str]],
    index: SkillIndex,
    intro: str,
) -> None:
    values: dict[str, Value] = {k: meta[k] for k in ("mentor", "date") if k in meta}
    values["skill"] = Value(_heading_skill(heading, index), "heading", line)
    kept: list[str] = []
    rating_seen = False
    in_fence = False
    for n, text in body:
        if _FENCE.match(text):
            in_fence = not in_fence
        m = None if in_fence or rating_seen else _RATING_LINE.match(text)
        if m:
            rating_seen = True
            value = _HTML_COMMENT.sub("", m.group(1)).strip()
            if value and not re.fullmatch(r"_*\s*/\s*\d+", value):
                values["rating"] = Value(value, "Rating", n)
            continue
        kept.append(text)
    text_lines = _HTML_COMMENT.sub("", "\n".join(kept)).split("\n")
    while text_lines and not text_lines[0].strip():
        text_lines.pop(0)
    while text_lines and not text_lines[-1].strip():
        text_lines.pop()
    comment = "\n".join(text_lines)
    if comment:
        values["comment"] = Value(comment, "text", line)
    raw: dict[str, object] = {
        "mentor": meta["mentor"].value if "mentor" in meta else None,
        "date": meta["date"].value if "date" in meta else None,
        "section": heading,
        "text": "\n".join(t for _, t in body),
    }
    if intro:
        raw["letter_intro"] = intro
    pf.items.append(RawItem.of(line, values, raw))
