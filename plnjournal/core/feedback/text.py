"""Reading files from other people safely: size limit, encodings, CSV dialects, JSON positions
and depth, and quoting what they say in one-line messages.

Every failure here is a ``FileProblem`` with a line where one is known, so the importer can
report it in place; nothing in this module raises anything else on bad input.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator

from plnjournal.errors import Problem

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .xls / .doc


# A message's quoted value, and a whole message, are cut to these lengths.
SHOWN_CHARS = 60
MESSAGE_CHARS = 500

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str, limit: int = MESSAGE_CHARS) -> str:
    """Text from a file made safe for a one-line message: line breaks and other control
    characters escaped (``\\n``), and cut to ``limit`` characters."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A value as a message quotes it: short, on one line, whatever its type or size."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    if isinstance(value, str) and len(value) > limit:
        return repr(value[:limit]) + f"… ({len(value)} characters)"
    return one_line(repr(value), limit + 20)


def problem(file: str, line: int | None, column: str | None, message: str) -> Problem:
    """A located problem whose column and message are one short line each, whatever the
    file put in them."""
    return Problem(file, line, None if column is None else one_line(column, 100), one_line(message))


class FileProblem(Exception):
    """Something wrong with a whole file, or with one place in it (line, column)."""

    def __init__(self, message: str, line: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def describe_size(n: int) -> str:
    """A size in the words a limit message uses."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def check_size(size: int, max_bytes: int) -> None:
    """Refuse a file over the limit before reading (or parsing) it all."""
    if size > max_bytes:
        raise FileProblem(
            f"the file is {describe_size(size)}, over the {describe_size(max_bytes)} limit "
            "for feedback files; split it into smaller files"
        )


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte order mark: every other byte of ASCII text is a NUL."""
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_text(data: bytes) -> str:
    """Text from UTF-8 (with or without BOM) or UTF-16 (Excel's "Unicode text")."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        body = data[2:]
    else:
        encoding = _looks_utf16(data) or "utf-8"
        body = data
        if encoding == "utf-8" and b"\x00" in data[:8192]:
            raise FileProblem("this looks like a binary file, not a feedback file")
    if encoding.startswith("utf-16") and len(body) % 2:
        raise FileProblem("the file ends in the middle of a character; is it truncated?")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of(body, exc.start) if encoding == "utf-8" else None
        if exc.end >= len(body) and encoding == "utf-8" and exc.reason == "unexpected end of data":
            raise FileProblem(
                "the file ends in the middle of a character; is it truncated?", line
            ) from None
        byte = body[exc.start]
        raise FileProblem(
            f"the text is not {'UTF-8' if encoding == 'utf-8' else 'UTF-16'} "
            f"(byte 0x{byte:02X} cannot be read); save it as 'CSV UTF-8' or as "
            "'Unicode text' and import that",
            line,
        ) from None
    check_not_binary(text)
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def check_not_binary(text: str) -> None:
    """Refuse a binary file with one clear message instead of many odd problems."""
    sample = text[:8192]
    bad = len(_CONTROL.findall(sample))
    if "\x00" in sample or (sample and bad > max(2, len(sample) // 100)):
        raise FileProblem("this looks like a binary file, not a feedback file")


# --- delimited text ---------------------------------------------------------------------

DELIMITERS = (",", ";", "\t")


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever splits the header line most (outside quotes)."""
    header = ""
    for line in text.splitlines():
        if line.strip():
            header = line
            break
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_rows(text: str, delimiter: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line each starts on (quoted cells may span lines; CRLF is fine)."""
    delimiter = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = str(exc)
            if "unexpected end of data" in message:
                message = "a quoted cell is never closed (a missing '\"'); is the file truncated?"
            elif "expected after" in message:
                message = f"a quote in the middle of a cell ({message}); quote the whole cell"
            raise FileProblem(message, start) from None
        yield start, row
        start = reader.line_num + 1


# --- JSON with positions ------------------------------------------------------------------

# A list of a JSON document by where it is: ``()`` for the top value, ``("items",)`` for the
# top object's ``items``.
JsonPath = tuple[str, ...]

# Deeper than this is refused: our schemas and xAPI need a handful of levels, and deeper values
# would only reach Python's recursion limit in whatever reads them next.
MAX_JSON_DEPTH = 64
# The lists whose items are placed on their lines (feedback items, xAPI statements).
LISTED = ("items", "statements")

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_STRUCTURE = re.compile(r'[\[\]{}"]')


class _Lines:
    """Line numbers of offsets met in increasing order, counted once over the text."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.line = text, 0, 1

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def read_json(text: str) -> tuple[object, int, dict[JsonPath, list[int]]]:
    """The document, the line of its top value, and the line of each element of a top-level
    list or of the top object's ``items``/``statements`` list, by the list's path.

    The json module reads every value (in C, in memory proportional to the values); only the
    top one or two levels are walked here, to know where each item starts. Raises a
    located ``FileProblem`` for bad JSON, a nesting deeper than ``MAX_JSON_DEPTH`` or a number
    too long to read.
    """
    lines: dict[JsonPath, list[int]] = {}
    counter = _Lines(text)
    try:
        start = _SPACE.match(text).end()  # type: ignore[union-attr]
        top = counter.at(start)
        value, end = _value(text, start, (), lines, counter, top=True)
        end = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        if end != len(text):
            raise json.JSONDecodeError("Extra data", text, end)
    except json.JSONDecodeError as exc:
        message, line = json_error_message(exc)
        raise FileProblem(message, line) from None
    except RecursionError:
        raise json_too_deep(text) from None
    except ValueError:  # an integer with more digits than Python converts
        raise json_number_too_long(text) from None
    if deeper_than(value, MAX_JSON_DEPTH):
        raise json_too_deep(text)
    return value, top, lines


def _value(text: str, pos: int, path: JsonPath | None, lines: dict[JsonPath, list[int]],
           counter: _Lines, *, top: bool = False) -> tuple[object, int]:  # fmt: skip
    """One value at ``pos`` (``path`` None inside a list); a top-level list, or a listed one
    of the top object, is read element by element to record where each starts."""
    opening = text[pos : pos + 1]
    if opening == "[" and path is not None and (top or path[-1] in LISTED):
        return _list(text, pos, path, lines, counter)
    if opening == "{" and top:
        return _object(text, pos, lines, counter)
    try:
        return _DECODER.raw_decode(text, pos)
    except StopIteration as exc:  # the C scanner's way of saying "no value here"
        raise json.JSONDecodeError("Expecting value", text, exc.value) from None


def _list(text: str, pos: int, path: JsonPath, lines: dict[JsonPath, list[int]],
          counter: _Lines) -> tuple[list[object], int]:  # fmt: skip
    out: list[object] = []
    starts = lines[path] = []
    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    if text[pos : pos + 1] == "]":
        return out, pos + 1
    keys: dict[str, str] = {}  # one string per key name, shared by every item
    while True:
        starts.append(counter.at(pos))
        item, pos = _value(text, pos, None, lines, counter)
        if isinstance(item, dict):
            item = {keys.setdefault(k, k): v for k, v in item.items()}
        out.append(item)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos : pos + 1] == "]":
            return out, pos + 1
        if text[pos : pos + 1] != ",":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]


def _object(text: str, pos: int, lines: dict[JsonPath, list[int]], counter: _Lines
            ) -> tuple[dict[str, object], int]:  # fmt: skip
    out: dict[str, object] = {}
    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    if text[pos : pos + 1] == "}":
        return out, pos + 1
    while True:
        if text[pos : pos + 1] != '"':
            raise json.JSONDecodeError(
                "Expecting property name enclosed in double quotes", text, pos
            )
        key, pos = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos : pos + 1] != ":":
            raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
        pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        out[key], pos = _value(text, pos, (key,), lines, counter)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos : pos + 1] == "}":
            return out, pos + 1
        if text[pos : pos + 1] != ",":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]


def deeper_than(value: object, limit: int) -> bool:
    """Whether lists and objects nest more than ``limit`` deep (walked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, dict):
            children: Iterable[object] = current.values()
        elif isinstance(current, list):
            children = current
        else:
            continue
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def json_too_deep(text: str) -> FileProblem:
    """The problem of a document nested too deep, on the line where it first goes too deep."""
    depth, pos = 0, 0
    while (m := _STRUCTURE.search(text, pos)) is not None:
        i = m.start()
        if text[i] == '"':
            pos = _string_end(text, i)
            continue
        depth += 1 if text[i] in "[{" else -1
        if depth > MAX_JSON_DEPTH:
            line = text.count("\n", 0, i) + 1
            column = i - text.rfind("\n", 0, i)
            return FileProblem(
                f"the JSON nests lists and objects more than {MAX_JSON_DEPTH} deep (column "
                f"{column}; the limit is {MAX_JSON_DEPTH})",
                line,
            )
        pos = i + 1
    return FileProblem(f"the JSON nests too deep (the limit is {MAX_JSON_DEPTH} levels)")


def _string_end(text: str, start: int) -> int:
    """The offset after the JSON string opening at ``start`` (its escaped quotes skipped)."""
    pos = start + 1
    while (end := text.find('"', pos)) >= 0:
        slashes = end
        while text[slashes - 1] == "\\":
            slashes -= 1
        if (end - slashes) % 2 == 0:
            return end + 1
        pos = end + 1
    return len(text)


def json_number_too_long(text: str) -> FileProblem:
    digits = sys.get_int_max_str_digits()
    m = re.search(f"[0-9]{{{digits + 1},}}", text)
    line = text.count("\n", 0, m.start()) + 1 if m else None
    return FileProblem(
        f"a number has more than {digits} digits (the limit is {digits}); "
        "no rating or date needs so many",
        line,
    )


def json_error_message(exc: json.JSONDecodeError) -> tuple[str, int | None]:
    """A JSONDecodeError in words, with its line."""
    where = f" (column {exc.colno})"
    if (exc.pos >= len(exc.doc.rstrip()) - 1 and "Expecting" in exc.msg) or exc.msg.startswith(
        "Unterminated string"
    ):
        return f"the JSON ends too early{where}; is the file truncated?", exc.lineno
    return f"not valid JSON: {exc.msg}{where}", exc.lineno
