"""Markdown files with optional YAML front matter: Obsidian/Logseq daily notes, our own export.

Front matter is read with a small, safe subset of YAML written here (``key: value``, quoted
strings, lists, one level of mapping) rather than a YAML library: only the keys we use are
interpreted, each value as the type that key needs, so YAML 1.1 surprises (``07:45`` read as
465, ``no`` read as false) cannot happen, and nothing in a file can run code.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from plnjournal.core.journal_io.folders import FolderFiles, walk_folder
from plnjournal.core.journal_io.limits import Budget, one_line, shown
from plnjournal.core.journal_io.records import EntryRecord, ParsedJournal, read_text
from plnjournal.errors import Problem

# Each part ends on a character the next cannot take (no "[^:]*?" before "\s*"), so a long
# line of spaces is read in linear time, not quadratic (a hostile front matter line of 1 MB).
_KEY_LINE = re.compile(
    r"""(?P<key>"[^"]*"|'[^']*'|[^\s:#"'](?:[^:]*[^\s:])?)\s*:(?:[ \t]+(?P<value>(?:.*\S)?))?\s*"""
)
_STEM_DATE = re.compile(r"(\d{4})[-_.](\d{2})[-_.](\d{2})")
_DATE_VALUE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?"
)
_TIME_VALUE = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])[Mm])?")
# A "#[[tag]]" name stops at the next "[" and after 200 characters: an unclosed "#[[" scanned
# to the line's end at every "#" would be quadratic.
_HASHTAG = re.compile(r"(?<![\w/&#\\(\[])#(?:\[\[([^\[\]\n]{1,200})\]\]|([\w][\w/-]*))")
# "# Title ##" on the first line; the title's last character is not a space or "#" (a lazy
# ".+?" before "[ \t#]*" would make a long run of spaces quadratic).
_MD_HEADING = re.compile(r"#[ \t]+([^\n]*[^ \t#\n]|[^\n])[ \t#]*(?:\n|$)")
_COMMENT = re.compile(r"\s#")
_CODE = re.compile(r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|`[^`\n]*`", re.S)
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}


@dataclass
class FrontMatter:
    """The front matter's values (str, list of str, or dict of str) and the line of each key."""

    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body_start: int = 0  # index in the text where the body begins


def split_front_matter(text: str, display: str, problems: list[Problem]) -> FrontMatter:
    """Read the ``---`` block at the top of ``text`` (if any)."""
    fm = FrontMatter()
    if not (text.startswith("---\n") or text.rstrip("\n") == "---"):
        return fm
    lines = text.split("\n")
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        problems.append(Problem(display, 1, None, "front matter starts with --- but never ends"))
        return fm
    current: str | None = None
    block: str | None = None  # "|" or ">" while reading a block scalar
    block_lines: list[str] = []  # its lines so far
    for n in range(1, close):
        raw = lines[n]
        if block is not None and current is not None and (raw.startswith((" ", "\t")) or not raw):
            block_lines.append(raw.strip())
            continue
        if block is not None and current is not None:
            joined = ("\n" if block == "|" else " ").join(block_lines)
            fm.values[current] = joined.strip()
            block = None
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if raw[0] in " \t" or stripped.startswith("- "):
            if current is None:
                continue
            _nested(fm, current, stripped)
            continue
        m = _KEY_LINE.fullmatch(raw)
        if not m:
            problems.append(
                Problem(display, n + 1, None, f"front matter line not understood: {shown(raw)}")
            )
            current = None
            continue
        current = _unquote(m.group("key")).strip().lower()
        fm.lines[current] = n + 1
        value = m.group("value")
        if value in (None, ""):
            fm.values[current] = None
        elif value in ("|", ">", "|-", ">-", "|+", ">+"):
            block = value[0]
            block_lines = []
            fm.values[current] = []
        else:
            fm.values[current] = _scalar_or_flow(value)
    if block is not None and current is not None:
        fm.values[current] = ("\n" if block == "|" else " ").join(block_lines).strip()
    fm.body_start = sum(len(line) + 1 for line in lines[: close + 1])
    return fm


def _nested(fm: FrontMatter, key: str, stripped: str) -> None:
    existing = fm.values.get(key)
    if stripped == "-" or stripped.startswith("- "):
        items = existing if isinstance(existing, list) else []
        items.append(_scalar(stripped[1:].strip()))
        fm.values[key] = items
        return
    m = _KEY_LINE.fullmatch(stripped)
    if m:
        mapping = existing if isinstance(existing, dict) else {}
        value = m.group("value")
        mapping[_unquote(m.group("key")).strip()] = None if value is None else _scalar(value)
        fm.values[key] = mapping


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            unquoted: str = json.loads(text)  # a JSON string literal: the text between quotes
            return unquoted
        except json.JSONDecodeError:
            return text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    return text


def _scalar(value: str) -> str:
    value = value.strip()
    if value[:1] in ('"', "'"):
        return _unquote(value)
    comment = _COMMENT.search(value)  # "\s+#.*$" would be quadratic on a run of spaces
    return (value[: comment.start()] if comment else value).strip()


def _scalar_or_flow(value: str) -> object:
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        return [_scalar(part) for part in _split_flow(value[1:-1]) if part.strip()]
    if value.startswith("{") and value.endswith("}"):
        mapping: dict[str, str | None] = {}
        for part in _split_flow(value[1:-1]):
            key, _, val = part.partition(":")
            if key.strip():
                mapping[_unquote(key)] = _scalar(val) if val.strip() else None
        return mapping
    return _scalar(value)


def _split_flow(text: str) -> list[str]:
    parts, buf, quote = [], [], ""
    for ch in text:
        if quote:
            buf.append(ch)
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
            buf.append(ch)
        elif ch == ",":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def format_front_matter(fields: list[tuple[str, object]]) -> str:
    """Write front matter any YAML reader understands; strings are always quoted."""
    out = ["---"]
    for key, value in fields:
        if isinstance(value, dict):
            out.append(f"{key}:")
            for k, v in value.items():
                out.append(f"  {json.dumps(str(k), ensure_ascii=False)}: {_yaml(v)}")
        elif isinstance(value, list):
            out.append(f"{key}:" if value else f"{key}: []")
            out.extend(f"  - {_yaml(v)}" for v in value)
        else:
            out.append(f"{key}: {_yaml(value)}")
    out.append("---")
    return "\n".join(out) + "\n"


def _yaml(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


# --- reading a folder --------------------------------------------------------------------


def markdown_files(root: Path) -> list[Path]:
    """Markdown files under ``root`` (see ``markdown_folder``)."""
    if root.is_file():
        return [root]
    return markdown_folder(root).files


def markdown_folder(root: Path) -> FolderFiles:
    """Markdown files under ``root``, skipping hidden folders and files (.obsidian, .trash,
    .git) and Logseq's backup copies (``logseq/bak``); symbolic links are skipped and listed
    (``folders``)."""
    walked = walk_folder(root)
    walked.files = [
        path
        for path in walked.files
        if path.suffix.lower() in (".md", ".markdown")
        and not path.name.startswith(".")
        and path.relative_to(root).parts[:2] != ("logseq", "bak")
    ]
    return walked


def read_markdown(path: Path, budget: Budget | None = None) -> ParsedJournal:
    """Every Markdown file in a folder (or one file): front matter, title and body."""
    parsed = ParsedJournal("markdown", path)
    budget = budget if budget is not None else Budget()
    in_folder = not path.is_file()
    walked = markdown_folder(path) if in_folder else FolderFiles(files=[path])
    if (warning := walked.link_warning(path)) is not None:
        parsed.warnings.append(warning)
    if not walked.files:
        parsed.problems.append(
            Problem(one_line(str(path)), None, None, "has no Markdown (.md) files")
        )
    for file in walked.files:
        display = one_line(str(file))
        text = read_text(file, display, parsed.problems, budget, follow_links=not in_folder)
        if text is not None:
            record = parse_markdown(text, file.stem, display, parsed)
            if record is not None:
                parsed.records.append(record)
    return parsed


def parse_markdown(text: str, stem: str, display: str, parsed: ParsedJournal) -> EntryRecord | None:
    """One file: its date from front matter or its name; None (reported) when it has none."""
    problems = parsed.problems
    before = len(problems)
    fm = split_front_matter(text, display, problems)
    if len(problems) > before:
        return None
    values, at = fm.values, fm.lines
    body = text[fm.body_start :]
    if fm.body_start and body.startswith("\n"):
        body = body[1:]  # the blank line after the front matter
    if body.endswith("\n"):
        body = body[:-1]

    def bad(key: str, message: str) -> None:
        problems.append(Problem(display, at.get(key), key, message))

    date_key = "date" if "date" in values else "created" if "created" in values else None
    entry_date: dt.date | None = None
    entry_time: dt.time | None = None
    if date_key and values[date_key] not in (None, ""):
        m = _DATE_VALUE.fullmatch(str(values[date_key]).strip())
        try:
            if not m:
                raise ValueError
            entry_date = dt.date(int(m[1]), int(m[2]), int(m[3]))
            if m[4] is not None:
                entry_time = dt.time(int(m[4]), int(m[5]), int(m[6] or 0))
        except ValueError:
            bad(date_key, f"{shown(values[date_key])} is not a date (YYYY-MM-DD)")
            return None
    stem_date = _STEM_DATE.search(stem)
    if entry_date is None and stem_date:
        try:
            entry_date = dt.date(int(stem_date[1]), int(stem_date[2]), int(stem_date[3]))
        except ValueError:
            entry_date = None
    if entry_date is None:
        parsed.warnings.append(
            Problem(display, None, None, "no date in its name or front matter; skipped")
        )
        return None
    if values.get("time") not in (None, ""):
        entry_time = _time(str(values["time"]))
        if entry_time is None:
            bad("time", f"{shown(values['time'])} is not a time (HH:MM)")
            return None

    title = values.get("title")
    if isinstance(title, str):
        pass
    else:
        heading = _MD_HEADING.match(body)
        if heading:
            title, body = heading.group(1), body[heading.end() :].lstrip("\n")
        else:
            rest = stem[stem_date.end() :] if stem_date else stem
            title = rest.strip(" -_.")

    record = EntryRecord(
        file=display,
        line=1,
        entry_date=entry_date,
        entry_time=entry_time,
        title=title,
        body=body,
        identity="markdown",
    )
    record.skills_line = at.get("skills")
    if not _apply_fields(record, values, bad):
        return None
    front_tags = _as_list(values.get("tags", values.get("tag")))
    if values.get("plnjournal") not in (None, ""):
        # Our own export lists every tag in the front matter; "#words" in the text stay text.
        record.tags = list(dict.fromkeys(t.lstrip("#") for t in front_tags))
    else:
        record.tags = _merge_tags(front_tags, body)
    return record


def _apply_fields(
    record: EntryRecord, values: dict[str, object], bad: Callable[[str, str], None]
) -> bool:
    ok = True
    for key in ("private", "highlight", "starred"):
        if key in values:
            flag = _bool(values[key])
            if flag is None:
                bad(key, f"{shown(values[key])} is not true or false")
                ok = False
            elif key == "private":
                record.private = flag
            else:
                record.highlight = record.highlight or flag
    if values.get("comfort") not in (None, "", "null", "~"):
        try:
            record.comfort = int(str(values["comfort"]))
        except ValueError:
            bad("comfort", f"{shown(values['comfort'])} is not a whole number 1–5")
            ok = False
    model = values.get("reflection_model")
    if isinstance(model, str) and model not in ("", "null", "~"):
        record.reflection_model = model
    skills = values.get("skills")
    if isinstance(skills, dict):
        for code, level in skills.items():
            if level in (None, "", "null", "~"):
                record.skills[code] = None
                continue
            try:
                record.skills[code] = int(str(level))
            except ValueError:
                bad("skills", f"{shown(code)}: {shown(level)} is not a whole-number self-rating")
                ok = False
    elif skills is not None:
        for code in _as_list(skills):
            record.skills[code] = None
    if isinstance(values.get("key"), str) and values["key"]:
        record.key = str(values["key"])
    return ok


def _as_list(value: object) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    return [v for v in re.split(r"[,\s]+", str(value)) if v]


def _merge_tags(front: list[str], body: str) -> list[str]:
    """Front-matter tags, then ``#tags`` in the text (not in code), each once."""
    text = _CODE.sub(" ", body)
    found = [t.lstrip("#") for t in front]
    for m in _HASHTAG.finditer(text):
        tag = m.group(1) or m.group(2)
        if tag and not tag.isdigit():
            found.append(tag)
    seen: dict[str, str] = {}
    for tag in found:
        tag = tag.strip()
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return list(seen.values())


def _bool(value: object) -> bool | None:
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE or text in ("null", "~"):
        return False
    return None


def _time(text: str) -> dt.time | None:
    m = _TIME_VALUE.fullmatch(text.strip())
    if not m:
        return None
    h, minute = int(m[1]), int(m[2])
    if m[4]:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if m[4].lower() == "p" else 0)
    try:
        return dt.time(h, minute, int(m[3] or 0))
    except ValueError:
        return None
