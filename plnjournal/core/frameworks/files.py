"""Reading and writing framework files (.json, .csv): bytes, encodings, and where problems are.

Everything a file can get wrong becomes a ``Problem`` with its line (and column where it
has one), collected into one ``ValidationError``; nothing is written until a file reads clean.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import os
from collections.abc import Callable
from pathlib import Path

from plnjournal.core.feedback.text import (
    MAX_JSON_DEPTH,
    FileProblem,
    deeper_than,
    json_number_too_long,
    json_too_deep,
)
from plnjournal.core.frameworks.case import looks_like_case, spec_from_case
from plnjournal.core.frameworks.csv_files import spec_from_csv, spec_to_csv
from plnjournal.core.frameworks.mahara import looks_like_matrix, spec_from_matrix
from plnjournal.core.frameworks.spec import FrameworkSpec, spec_from_dict, spec_to_dict
from plnjournal.errors import InputError, Problem, ValidationError
from plnjournal.lazy import lazy_module
from plnjournal.paths import write_whole

# openpyxl only when a workbook is read or written: every 'skills' command loads this module
# (list, matrix, keywords too), and openpyxl's import is the dearest of them
# (docs/performance.md, "Where the start-up deferrals are").
xlsx_files = lazy_module("plnjournal.core.frameworks.xlsx_files")

FORMATS = {
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".matrix": "matrix",
    ".xlsx": "xlsx",
}
# What ``skills import --format`` may force: ours, and the formats programmes publish.
IMPORT_FORMATS = ("json", "csv", "xlsx", "matrix", "case")
# Formats that carry only skills (no framework name, scale or area descriptions).
SKILLS_ONLY = ("csv", "xlsx")
# The built-in frameworks are about 30 KB; a framework a hundred times bigger is still far below.
MAX_FRAMEWORK_BYTES = 5 * 1024 * 1024


def file_format(path: str | os.PathLike[str], *, what: str = "file") -> str:
    """``json`` or ``csv``, from the file name's extension."""
    ext = Path(path).suffix.casefold()
    if ext not in FORMATS:
        raise InputError(
            f"{what}: {Path(path).name}: cannot tell the format from {ext or 'no extension'!r}; "
            "use a .csv, .json, .xlsx or .matrix file"
        )
    return FORMATS[ext]


def decode_text(data: bytes, file: str) -> str:
    """UTF-8 text (a byte-order mark is fine), or a problem saying where the bad bytes are."""
    if b"\x00" in data[:4096]:
        raise ValidationError(
            [Problem(file, None, None, "this is not a text file (it holds binary data)")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.start + 1].hex().upper()
        raise ValidationError(
            [
                Problem(
                    file,
                    line,
                    f"column {column}",
                    f'byte 0x{bad} is not UTF-8 text; save the file as UTF-8 ("CSV UTF-8" in '
                    "spreadsheet programs)",
                )
            ]
        ) from None
    if not text.strip():
        raise ValidationError([Problem(file, None, None, "the file is empty")])
    return text


class _PosDict(dict[str, object]):
    """A JSON object that remembers the line it starts on and the line of each key."""

    line: int | None = None
    key_lines: dict[str, int]


def load_json(text: str, file: str) -> object:
    """``json.loads`` whose objects know their lines, so problems can say where they are."""
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line_of(pos: int) -> int:
        return bisect.bisect_left(newlines, pos) + 1

    def parse_object(
        s_and_end: tuple[str, int],
        strict: bool,
        scan_once: Callable[[str, int], tuple[object, int]],
        object_hook: object,
        object_pairs_hook: object,
        memo: dict[str, str] | None = None,
    ) -> tuple[_PosDict, int]:
        value_starts: list[int] = []

        def scan(string: str, idx: int) -> tuple[object, int]:
            value_starts.append(idx)
            return scan_once(string, idx)

        # typeshed leaves out the decoder's scanner hooks (json.decoder.JSONObject,
        # JSONDecoder.parse_object and scan_once, json.scanner.py_make_scanner): the ignores
        # below are for those alone.
        pairs, end = json.decoder.JSONObject(s_and_end, strict, scan, None, list, memo)  # type: ignore[attr-defined]
        obj = _PosDict(pairs)
        obj.line = line_of(s_and_end[1] - 1)
        obj.key_lines = {k: line_of(i) for (k, _), i in zip(pairs, value_starts, strict=False)}
        return obj, end

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        value = decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [Problem(file, exc.lineno, f"column {exc.colno}", f"not valid JSON: {exc.msg}")]
        ) from None
    except RecursionError:  # the decoder recurses once per level, past MAX_JSON_DEPTH
        raise _invalid(file, json_too_deep(text)) from None
    except ValueError:  # an integer with more digits than int() reads
        raise _invalid(file, json_number_too_long(text)) from None
    if deeper_than(value, MAX_JSON_DEPTH):
        raise _invalid(file, json_too_deep(text))
    return value


def _invalid(file: str, found: FileProblem) -> ValidationError:
    return ValidationError([Problem(file, found.line, None, found.message)])


def _check_size(size: int, file: str) -> None:
    if size > MAX_FRAMEWORK_BYTES:
        raise ValidationError(
            [
                Problem(
                    file,
                    None,
                    None,
                    f"the file is {size / 2**20:.1f} MB (the limit is "
                    f"{MAX_FRAMEWORK_BYTES // 2**20} MB); is it really a skills framework?",
                )
            ]
        )


def parse_framework(
    data: bytes,
    file: str,
    fmt: str,
    *,
    scale: list[tuple[int, str]] | None = None,
    root: str | None = None,
) -> FrameworkSpec:
    """A validated spec from a file's bytes; ``scale`` is the journal's (CSV and XLSX files
    have none); ``root`` picks a CASE package's subtree. A ``json`` file may be ours, a CASE
    package or a SmartEvidence matrix: its shape says which."""
    _check_size(len(data), file)
    if root and fmt in SKILLS_ONLY:
        raise InputError(f"skills import: {file}: --root is for CASE packages only")
    stem = Path(file).stem.replace("_", " ").replace("-", " ").strip()
    name = stem[:1].upper() + stem[1:]
    if fmt == "xlsx":
        spec: FrameworkSpec = xlsx_files.spec_from_xlsx(data, file, name=name, scale=scale)
        return spec
    text = decode_text(data, file)
    if fmt == "csv":
        return spec_from_csv(text, file, name=name, scale=scale)
    doc = load_json(text, file)
    if fmt == "case" or (fmt == "json" and looks_like_case(doc)):
        return spec_from_case(doc, file, root=root)
    if root:
        raise InputError(f"skills import: {file}: --root is for CASE packages only")
    if fmt == "matrix" or (fmt == "json" and looks_like_matrix(doc)):
        return spec_from_matrix(doc, file)
    return spec_from_dict(doc, file)


def read_framework_file(
    path: str | os.PathLike[str],
    *,
    scale: list[tuple[int, str]] | None = None,
    fmt: str | None = None,
    root: str | None = None,
) -> FrameworkSpec:
    """Read and validate a framework file in any format ``skills import`` reads."""
    path = Path(path)
    fmt = fmt or file_format(path, what="framework")
    try:
        _check_size(path.stat().st_size, path.name)
        with path.open("rb") as fh:  # read no more than the limit, whatever stat said
            data = fh.read(MAX_FRAMEWORK_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"framework: {path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"framework: {path}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"framework: {path}: cannot read it ({exc.strerror})") from None
    return parse_framework(data, path.name, fmt, scale=scale, root=root)


def framework_text(spec: FrameworkSpec, fmt: str) -> str:
    """The file's text in ``fmt`` (``json`` or ``csv``), as an export writes it."""
    if fmt == "json":
        return json.dumps(spec_to_dict(spec), indent=2, ensure_ascii=False) + "\n"
    return spec_to_csv(spec)


def write_framework_file(path: str | os.PathLike[str], spec: FrameworkSpec) -> None:
    """Write ``spec`` in the format the extension names; a crash never leaves half a file."""
    path = Path(path)
    fmt = file_format(path, what="framework")
    if fmt == "matrix":
        raise InputError(f"framework: {path.name}: frameworks are exported as .json, .csv or .xlsx")
    data: bytes = (
        xlsx_files.spec_to_xlsx(spec) if fmt == "xlsx" else framework_text(spec, fmt).encode()
    )
    write_whole(path, data, what="the framework")  # never a planted link
