"""Reading mentor files safely: size limit, encodings, CSV dialects, JSON positions.

Every failure here is a ``FileProblem`` with a line where one is known, so the importer can
report it in place; nothing in this module raises anything else on bad input.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .xls / .doc


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


# --- JSON positions ---------------------------------------------------------------------

# Where a value sits in a JSON document: keys and list indexes from the top (None: an object
# whose key was not a string, as in a damaged file).
JsonPath = tuple[str | int | None, ...]

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]')


def json_object_lines(text: str) -> dict[JsonPath, int]:
    """The line on which each JSON object starts, keyed by its path (``("items", 3)``).

    The json module gives no positions; this light scan over the tokens does, so each
    item's problems can name its line.
    """
    lines: dict[JsonPath, int] = {}
    # The open containers: their kinds ("{" or "["), and the key or index within each.
    kinds: list[str] = []
    keys: list[str | int | None] = []
    pending_key: str | None = None
    last_string: str | None = None
    line, last = 1, 0
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        if tok[0] == '"':
            last_string = tok
            continue
        if tok == ":":
            pending_key = last_string[1:-1] if last_string else None
            continue
        if tok in "{[":
            if kinds and kinds[-1] == "{":
                keys[-1] = pending_key
            path = tuple(keys)
            if tok == "{":
                line += text.count("\n", last, m.start())
                last = m.start()
                lines[path] = line
            kinds.append(tok)
            keys.append(0 if tok == "[" else None)
        elif tok in "}]":
            if kinds:
                kinds.pop()
                keys.pop()
        elif tok == "," and kinds and kinds[-1] == "[":
            index = keys[-1]
            if isinstance(index, int):  # always, in a list
                keys[-1] = index + 1
    return lines


def json_error_message(exc: Exception) -> tuple[str, int | None]:
    """A JSONDecodeError in words, with its line."""
    msg = getattr(exc, "msg", str(exc))
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "colno", None)
    where = f" (column {col})" if col else ""
    at_end = getattr(exc, "pos", 0) >= len(getattr(exc, "doc", "").rstrip()) - 1
    if (at_end and "Expecting" in msg) or msg.startswith("Unterminated string"):
        return f"the JSON ends too early{where}; is the file truncated?", line
    return f"not valid JSON: {msg}{where}", line
