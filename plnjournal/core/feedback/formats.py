"""Every feedback format, detected from content (and extension), read into plain items.

CSV/TSV and XLSX tables (long or Forms-style wide) are in ``tables`` (workbooks opened by
``xlsx``); this module adds our JSON schema, xAPI statements and the Markdown letter, and picks
the right reader.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath

from plnjournal.core.feedback.schema import ParsedFile, RawItem, SkillIndex, Value, norm
from plnjournal.core.feedback.tables import parse_table
from plnjournal.core.feedback.text import (
    OLE_MAGIC,
    ZIP_MAGIC,
    FileProblem,
    JsonPath,
    decode_text,
    read_json,
    read_rows,
    shown,
)
from plnjournal.core.feedback.xapi import read_statements
from plnjournal.core.feedback.xlsx import xlsx_rows

_FIRST = re.compile(r"\S")  # where the text starts (without copying it as lstrip() would)
JSON_FORMAT = "plnjournal-feedback"
ITEM_KEYS = {"date", "mentor", "skill", "rating", "comment"}
ITEM_INFO_KEYS = {"skill_name", "levels", "target_level", "line"}
# Unknown keys are each named up to this many times, then counted in one warning.
MAX_KEY_WARNINGS = 20


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
            parse_table(pf, xlsx_rows(data), index, mapping, "xlsx")
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
        first = _FIRST.search(text)
        start = first.group() if first else ""
        if start in ("{", "["):
            pf.format = "json"
            _parse_json(pf, text, index)
        elif ext == ".json":
            raise FileProblem("this is not JSON: it should start with '{' or '['")
        elif text.startswith("---", first.start() if first else 0) or ext in (".md", ".markdown"):
            pf.format = "markdown"
            _parse_markdown(pf, text, index)
        else:
            pf.format = "csv"
            parse_table(pf, read_rows(text), index, mapping, "csv")
    except FileProblem as exc:
        pf.error(exc.message, exc.line, exc.column)
    return pf


# --- JSON: our schema and xAPI ----------------------------------------------------------


def _parse_json(pf: ParsedFile, text: str, index: SkillIndex) -> None:
    data, top, lines = read_json(text)
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
            raise FileProblem("'statements' must be a list", top, "statements")
        read_statements(pf, statements, lines.get(prefix, []), index)
        return
    _parse_own_json(pf, data, top, lines)


def _is_statement(obj: object) -> bool:
    return isinstance(obj, dict) and "verb" in obj and "object" in obj


def _parse_own_json(
    pf: ParsedFile, data: object, top: int, lines: dict[JsonPath, list[int]]
) -> None:
    defaults: dict[str, object] = {}
    items: object
    prefix: JsonPath
    if isinstance(data, list):
        items, prefix = data, ()
    elif isinstance(data, dict):
        fmt = data.get("format")
        if fmt is not None and fmt != JSON_FORMAT:
            raise FileProblem(f"'format' is {shown(fmt)}, expected {JSON_FORMAT!r}", top, "format")
        items, prefix = data.get("items"), ("items",)
        if not isinstance(items, list):
            raise FileProblem("expected an 'items' list (see docs/feedback-formats.md)", top)
        defaults = {key: data[key] for key in ("mentor", "date") if key in data}
    else:
        raise FileProblem("expected a JSON object with 'items', or a list of items")
    starts = lines.get(prefix, [])
    unknown: dict[str, int] = {}
    # Where each value came from is its key: one dict per set of keys, shared by the items.
    columns: dict[tuple[str, ...], dict[str, str]] = {}
    for i, obj in enumerate(items):
        line = starts[i] if i < len(starts) else None
        where = f"{'items' if prefix else ''}[{i}]"
        if not isinstance(obj, dict):
            pf.error(f"{where} must be an object with skill, rating, comment", line)
            continue
        if not defaults and ITEM_KEYS.issuperset(obj):
            values = obj  # the item as read is its values (shared, never changed)
        else:
            values = dict(defaults)
            for key, value in obj.items():
                if key in ITEM_KEYS:
                    values[key] = value
                elif key not in ITEM_INFO_KEYS:
                    unknown.setdefault(key, line or 1)
        raw = obj  # kept as read unless something is left out or filled in
        from_top: dict[str, int | None] | None = None
        if "levels" in obj or any(key not in obj for key in defaults):
            raw = {k: v for k, v in obj.items() if k != "levels"}
            for key, value in defaults.items():
                raw.setdefault(key, value)
            from_top = {k: top for k in defaults if k not in obj and top != line} or None
        names = tuple(values)
        shared = columns.get(names) or columns.setdefault(names, {k: k for k in names})
        pf.items.append(RawItem(line, values, shared, raw, from_top))
    for n, (key, line) in enumerate(unknown.items()):
        if n == MAX_KEY_WARNINGS:
            more = len(unknown) - n
            pf.warn(f"and {more} more unknown keys are ignored", line)
            break
        pf.warn(f"unknown key {shown(key)} is ignored", line, key)


# --- Markdown letter --------------------------------------------------------------------

# Every pattern here runs in time linear in the line: a letter is free text from someone else,
# and a line may be megabytes long.
_RATING_START = re.compile(r"\s*[*_]{0,2}rating[*_]{0,2}\s*:", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_OUT_OF_BLANK = re.compile(r"_*\s*/\s*\d+")
# A heading longer than this is not searched for "Skill (CODE)"; it can still name a skill whole.
MAX_HEADING_CHARS = 300


def _rating_value(line: str) -> str | None:
    """The value of a ``Rating: …`` line (bold or italic marks around either part allowed)."""
    m = _RATING_START.match(line)
    if m is None:
        return None
    value = line[m.end() :].strip()
    for _ in range(2):
        value = value.removeprefix("*").removeprefix("_")
    value = value.strip()
    for _ in range(2):
        value = value.removesuffix("*").removesuffix("_")
    return value.strip()


def _without_comments(text: str) -> str:
    """``text`` without its ``<!-- … -->`` comments (an unclosed one is kept as text)."""
    pieces: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        pieces.append(text[pos:start])
        pos = end + 3
    pieces.append(text[pos:])
    return "".join(pieces)


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
    intro = _without_comments("\n".join(t for _, t in preamble)).strip()
    if intro and not all(t.startswith("# ") or not t.strip() for _, t in preamble):
        first_line = next(n for n, t in preamble if t.strip())
        pf.warn(
            "the text before the first '## Skill' section belongs to no skill: it is kept "
            "with each item, not shown as a comment",
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
    m = (
        re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", heading)
        if len(heading) <= MAX_HEADING_CHARS
        else None
    )
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
        found = None if in_fence or rating_seen else _rating_value(text)
        if found is not None:
            rating_seen = True
            value = _without_comments(found).strip()
            if value and not _OUT_OF_BLANK.fullmatch(value):
                values["rating"] = Value(value, "Rating", n)
            continue
        kept.append(text)
    text_lines = _without_comments("\n".join(kept)).split("\n")
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
