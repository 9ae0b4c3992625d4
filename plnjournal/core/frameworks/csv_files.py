"""Frameworks as CSV: one skill per row, as a spreadsheet writes it (docs/frameworks.md).

Reading accepts comma, semicolon or tab, CRLF and quoted multi-line cells, and reports every
problem with its line and column; writing produces the form reading accepts, so a file
exported and imported again comes back identical.
"""

from __future__ import annotations

import csv
import difflib
import io
import re

from plnjournal.core.feedback.text import problem, shown
from plnjournal.core.frameworks.spec import (
    DEFAULT_SCALE,
    MAX_AREAS,
    MAX_CADENCE_DAYS,
    MAX_CODE_CHARS,
    MAX_KEYWORDS,
    MAX_LEVELS,
    MAX_NAME_CHARS,
    MAX_SKILLS,
    AreaSpec,
    FrameworkSpec,
    SkillSpec,
)
from plnjournal.core.skills.terms import parse_keywords
from plnjournal.errors import Problem, ValidationError

REQUIRED = ("area", "code", "name", "description", "target_level")
OPTIONAL = ("cadence_days", "keywords")
DELIMITERS = (",", ";", "\t")
KEYWORD_SEPARATOR = "; "  # in the keywords cell (commas and line breaks read as well)
_LEVEL_COLUMN = re.compile(r"level_(\d{1,4})$")
# The known columns and a level column per step are far fewer; a wider header is refused.
MAX_COLUMNS = 100


def _pick_delimiter(text: str) -> str:
    """The delimiter that splits the header into the most known column names."""
    # Any line ending (a lone "\r" from old Mac files too): csv refuses a newline in a field.
    first = next(iter(text.splitlines()), "")
    best, best_score = ",", -1
    for delim in DELIMITERS:
        try:
            cells = next(csv.reader([first], delimiter=delim), [])
        except csv.Error:  # a whole line as one cell past csv's field limit: not this one
            continue
        known = sum(
            1
            for c in cells
            if c.strip().casefold() in REQUIRED + OPTIONAL
            or _LEVEL_COLUMN.match(c.strip().casefold())
        )
        if known > best_score:
            best, best_score = delim, known
    return best


def spec_from_csv(
    text: str, file: str, *, name: str = "", scale: list[tuple[int, str]] | None = None
) -> FrameworkSpec:
    """Parse CSV text (already decoded). ``scale`` is the journal's scale when it has one:
    target levels and descriptor columns are checked against it; else the scale is the
    standard one, or 1…N when the file has N ``level_`` columns."""
    problems: list[Problem] = []

    def bad(line: int | None, column: str | None, message: str) -> None:
        problems.append(problem(file, line, column, message))

    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        delim = _pick_delimiter(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
        for row in reader:
            if len(row) > MAX_COLUMNS:
                bad(start, None, f"{len(row)} columns (the limit is {MAX_COLUMNS})")
                raise ValidationError(problems)
            rows.append((start, row))
            start = reader.line_num + 1
            if len(rows) > MAX_SKILLS + 1:
                bad(start, None, f"more than {MAX_SKILLS} skills (the limit is {MAX_SKILLS})")
                raise ValidationError(problems)
    except csv.Error as exc:
        bad(start, None, f"cannot read the CSV here ({exc}); check the quotes")
        raise ValidationError(problems) from None
    return spec_from_rows(rows, file, name=name, scale=scale)


def spec_from_rows(
    rows: list[tuple[int, list[str]]],
    file: str,
    *,
    name: str = "",
    scale: list[tuple[int, str]] | None = None,
    labels: dict[str, str] | None = None,
) -> FrameworkSpec:
    """The skills of a table already split into cells, each row with its line (or a
    spreadsheet's row number); ``labels`` are the file's own headers for our column names,
    so a problem names the column as the user sees it."""
    problems: list[Problem] = []
    shown_as = labels or {}

    def bad(line: int | None, column: str | None, message: str) -> None:
        problems.append(problem(file, line, shown_as.get(column or "", column), message))

    rows = [(ln, r) for ln, r in rows if any(c.strip() for c in r)]
    if not rows:
        raise ValidationError([Problem(file, None, None, "the file has no header and no skills")])
    header_line, header = rows[0]
    columns = [c.strip().casefold() for c in header]
    level_cols: dict[int, int] = {}
    seen: set[str] = set()
    for i, col in enumerate(columns):
        m = _LEVEL_COLUMN.match(col)
        if col in seen:
            bad(header_line, header[i].strip(), "this column appears twice")
        seen.add(col)
        if m and 1 <= int(m.group(1)) <= MAX_LEVELS:
            level_cols[int(m.group(1))] = i
        elif m:
            bad(header_line, header[i].strip(), f"a scale has at most {MAX_LEVELS} levels")
        elif col not in REQUIRED + OPTIONAL:
            known = [*REQUIRED, *OPTIONAL, "level_1"]
            close = difflib.get_close_matches(col, known, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            bad(header_line, header[i].strip() or f"column {i + 1}", f"unknown column{hint}")
    for col in REQUIRED:
        if col not in columns:
            bad(header_line, col, "required column is missing")
    if level_cols:
        n = max(level_cols)
        missing = [f"level_{k}" for k in range(1, n + 1) if k not in level_cols]
        if missing:
            bad(header_line, missing[0], f"level columns must run level_1 … level_{n}")
    if scale is None:
        if level_cols and len(level_cols) != len(DEFAULT_SCALE):
            scale = [(k, f"Level {k}") for k in range(1, max(level_cols) + 1)]
        else:
            scale = list(DEFAULT_SCALE)
    elif level_cols and max(level_cols) != len(scale):
        bad(
            header_line,
            f"level_{max(level_cols)}",
            f"the file has {max(level_cols)} level columns; the journal's scale has "
            f"{len(scale)} levels",
        )
    if problems:  # without a usable header every row would only repeat the same problem
        raise ValidationError(problems)

    idx = {c: i for i, c in enumerate(columns)}
    lo, hi = scale[0][0], scale[-1][0]
    spec = FrameworkSpec(name=name or "Imported framework", scale=list(scale))
    areas: dict[str, AreaSpec] = {}
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    for line, row in rows[1:]:
        if len(row) > len(columns):
            bad(line, None, f"the row has {len(row)} cells; the header has {len(columns)}")
            continue

        def cell(col: str, row: list[str] = row) -> str:
            return _cell_text(row, idx.get(col))

        area, code, sname = cell("area"), cell("code"), cell("name")
        for col, value in (("area", area), ("code", code), ("name", sname)):
            if not value:
                bad(line, col, "must not be empty")
        for col, value, most in (("code", code, MAX_CODE_CHARS), ("name", sname, MAX_NAME_CHARS)):
            if len(value) > most:
                bad(line, col, f"longer than {most} characters (the limit)")
        if len(area) > MAX_NAME_CHARS:
            bad(line, "area", f"longer than {MAX_NAME_CHARS} characters (the limit)")
        if len(areas) >= MAX_AREAS and area.casefold() not in areas:
            bad(line, "area", f"more than {MAX_AREAS} areas (the limit is {MAX_AREAS})")
            raise ValidationError(problems)
        if code and code.casefold() in codes:
            bad(
                line,
                "code",
                f"duplicate code {shown(code)} (first on line {codes[code.casefold()]})",
            )
        elif code:
            codes[code.casefold()] = line
        if sname and sname.casefold() in names:
            bad(
                line,
                "name",
                f"duplicate name {shown(sname)} (first on line {names[sname.casefold()]})",
            )
        elif sname:
            names[sname.casefold()] = line
        target = _whole(cell("target_level"))
        if target is None or not lo <= target <= hi:
            given = cell("target_level")
            bad(
                line,
                "target_level",
                f"{shown(given)} is not a level of the scale {lo}–{hi}"
                if given
                else f"must not be empty (a level of the scale {lo}–{hi})",
            )
            target = lo
        cadence: int | None = None
        if cell("cadence_days"):
            cadence = _whole(cell("cadence_days"))
            if cadence is None or not 0 < cadence <= MAX_CADENCE_DAYS:
                bad(
                    line,
                    "cadence_days",
                    f"{shown(cell('cadence_days'))} must be a whole number of days from 1 to "
                    f"{MAX_CADENCE_DAYS} (the limit), or empty",
                )
                cadence = None
        levels = [cell(f"level_{k}") for k in range(1, len(level_cols) + 1)]
        keywords = list(parse_keywords(cell("keywords")))
        if len(keywords) > MAX_KEYWORDS:
            bad(line, "keywords", f"{len(keywords)} keywords (the limit is {MAX_KEYWORDS})")
        if area and area.casefold() not in areas:
            areas[area.casefold()] = AreaSpec(name=area)
            spec.areas.append(areas[area.casefold()])
        if area:
            areas[area.casefold()].skills.append(
                SkillSpec(
                    code=code,
                    name=sname,
                    description=cell("description"),
                    target_level=target,
                    cadence_days=cadence,
                    levels=levels if any(levels) else [],
                    keywords=keywords,
                )
            )
    if problems:
        raise ValidationError(problems)
    return spec


def _cell_text(row: list[str], i: int | None) -> str:
    """A free-text cell: surrounding blanks go, inner line breaks stay (CRLF becomes LF)."""
    if i is None or i >= len(row):
        return ""
    return row[i].replace("\r\n", "\n").strip()


def _whole(text: str) -> int | None:
    if len(text) > 20:  # no level or cadence needs more (and int() refuses 4,300 digits)
        return None
    try:
        return int(text)
    except ValueError:
        try:  # spreadsheets sometimes write 3 as "3.0"
            value = float(text)
        except ValueError:
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else None


def spec_to_csv(spec: FrameworkSpec) -> str:
    """One row per skill, comma-separated, CRLF line ends (what spreadsheets expect)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    n_levels = len(spec.scale)
    with_levels = any(any(s.levels) for s in spec.all_skills())
    with_keywords = any(s.keywords for s in spec.all_skills())
    header = [*REQUIRED, "cadence_days"] + (["keywords"] if with_keywords else [])
    if with_levels:
        header += [f"level_{k}" for k in range(1, n_levels + 1)]
    writer.writerow(header)
    for area in spec.areas:
        for s in area.skills:
            row = [
                area.name,
                s.code,
                s.name,
                s.description,
                str(s.target_level),
                "" if s.cadence_days is None else str(s.cadence_days),
            ]
            if with_keywords:
                row.append(KEYWORD_SEPARATOR.join(s.keywords))
            if with_levels:
                row += list(s.levels) if s.levels else [""] * n_levels
            writer.writerow(row)
    return out.getvalue()
