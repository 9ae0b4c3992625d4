"""Tables of feedback (CSV, XLSX): long (one row per rating) or wide (one row per form response).

Long tables have a ``skill`` column. Wide tables are Google Forms / Microsoft Forms response
exports: a timestamp, who answered, and one rating column per skill (``Question [Skill]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from string import ascii_uppercase

from plnjournal.core.feedback.schema import (
    ColumnInfo,
    ParsedFile,
    RawItem,
    SkillIndex,
    SkillRef,
    Value,
    norm,
)
from plnjournal.core.feedback.text import FileProblem

LONG_HEADERS = {
    "date": ("date", "given on", "date given", "when"),
    "mentor": ("mentor", "mentor name", "rater", "given by", "observer", "from"),
    "skill": ("skill", "skill code", "competency", "competence", "standard"),
    "rating": ("rating", "level", "score"),
    "comment": ("comment", "comments", "feedback", "notes", "note"),
}
# Columns our own template adds for the mentor's benefit; read past without a warning.
TEMPLATE_INFO = ("skill name", "level descriptors", "levels", "descriptors", "target level")

WIDE_DATE = (
    "completion time",
    "timestamp",
    "submitted",
    "submitted at",
    "submission time",
    "submission date",
    "end time",
    "completed",
    "date",
    "response date",
    "start time",
)
WIDE_MENTOR = (
    "mentor",
    "mentor name",
    "your name",
    "observer",
    "name",
    "full name",
    "email address",
    "email",
    "e-mail",
    "username",
)
WIDE_INFO = {
    "id",
    "start time",
    "last modified time",
    "total points",
    "quiz feedback",
    "points",
    "language",
    "response id",
    "respondent",
    *WIDE_DATE,
    *WIDE_MENTOR,
}
COMMENT_CUE = re.compile(
    r"comment|feedback|note|strength|went well|even better|improve|develop|next step|target|"
    r"advice|suggest|anything else|other thoughts|remark",
    re.IGNORECASE,
)
FIELD_ROLES = {"date", "mentor", "skill", "rating", "comment", "ignore"}
# A form with one column per skill and question stays far below this; a wider file is refused
# before any per-column work (a 300,000-column file took minutes, issue 18).
MAX_COLUMNS = 500
# How many headers a message lists before it only counts the rest.
LISTED_HEADERS = 12


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column, as the user sees it in Excel."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = ascii_uppercase[rem] + letters
    return letters


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _blank(row: Sequence[object]) -> bool:
    return all(_cell_text(c) == "" for c in row)


def _width(row: Sequence[object]) -> int:
    """The number of cells up to the last one that is not blank."""
    n = len(row)
    while n and _cell_text(row[n - 1]) == "":
        n -= 1
    return n


def _bounded(
    rows: Iterable[tuple[int, Sequence[object]]],
) -> Iterator[tuple[int, Sequence[object]]]:
    """The rows, refusing the file at the first one with cells past ``MAX_COLUMNS``."""
    for line, row in rows:
        if len(row) > MAX_COLUMNS and (width := _width(row)) > MAX_COLUMNS:
            raise FileProblem(
                f"this row has {width} columns (the limit is {MAX_COLUMNS}); "
                "a feedback file needs a column per field or per skill, not thousands",
                line,
            )
        yield line, row


def _listed(headers: list[str]) -> str:
    """Headers as a message lists them: the first few, then how many in all."""
    if len(headers) <= LISTED_HEADERS:
        return ", ".join(headers)
    return ", ".join(headers[:LISTED_HEADERS]) + f", … ({len(headers)} columns)"


def _headers(row: Sequence[object]) -> list[str]:
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(row):
        text = " ".join(_cell_text(cell).split()) or f"column {column_letter(i)}"
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out


def resolve_mapping(
    pf: ParsedFile, header: str, role: str, index: SkillIndex, line: int
) -> tuple[str, SkillRef | None] | None:
    """A ``--map`` role for a column: a field, ``ignore``, or ``rating:SKILL``/``comment:SKILL``
    (a bare skill code or name means ``rating:SKILL``)."""
    key = role.strip()
    if norm(key) in FIELD_ROLES:
        return norm(key), None
    kind, _, target = key.partition(":")
    if norm(kind) not in ("rating", "comment") or not target.strip():
        kind, target = "rating", key
    skill = index.find(target)
    if skill is None:
        pf.error(
            f"--map {header}={role}: no skill {target.strip()!r} in the framework", line, header
        )
        return None
    return norm(kind), skill


def parse_table(
    pf: ParsedFile,
    rows: Iterable[tuple[int, Sequence[object]]],
    index: SkillIndex,
    mapping: dict[str, str],
    kind: str,
) -> None:
    """Read a whole table into ``pf`` (items, problems, how each column was understood)."""
    it = _bounded(rows)
    header_line, header_row = 0, None
    for line, row in it:
        if not _blank(row):
            header_line, header_row = line, row
            break
    if header_row is None:
        pf.format = f"{kind}-long"
        pf.error("the file is empty: no header row and no feedback")
        return
    if len(header_row) > MAX_COLUMNS:  # wide only with blank cells (_bounded refused the rest)
        header_row = header_row[: _width(header_row)]
    headers = _headers(header_row)
    mapped: dict[int, tuple[str, SkillRef | None]] = {}
    for i, h in enumerate(headers):
        role = mapping.get(norm(h))
        if role is not None:
            found = resolve_mapping(pf, h, role, index, header_line)
            if found is not None:
                mapped[i] = found
    long_roles = {}
    for i, h in enumerate(headers):
        if i in mapped:
            if mapped[i][1] is None:  # "rating:SKILL" is a wide column, not a long one
                long_roles[i] = mapped[i][0]
            continue
        for name, synonyms in LONG_HEADERS.items():
            if norm(h) in synonyms:
                long_roles[i] = name
                break
    # A long table without a skill column is still a long table (a Forms export never has a
    # column headed just "rating"); it is reported as missing its skill column.
    if "skill" in long_roles.values() or "rating" in long_roles.values():
        pf.format = f"{kind}-long"
        _parse_long(pf, it, headers, header_line, long_roles)
    else:
        pf.format = f"{kind}-wide"
        _parse_wide(pf, list(it), headers, header_line, mapped, index)


def _parse_long(
    pf: ParsedFile,
    rows: Iterable[tuple[int, Sequence[object]]],
    headers: list[str],
    header_line: int,
    roles: dict[int, str],
) -> None:
    used: dict[str, int] = {}
    for i, h in enumerate(headers):
        role = roles.get(i)
        if role in (None, "ignore"):
            if norm(h) in TEMPLATE_INFO or role == "ignore":
                pf.columns.append(ColumnInfo(h, "info"))
            else:
                pf.columns.append(ColumnInfo(h, "ignored", recognised=False))
                pf.warn("column not recognised; it is ignored", header_line, h)
            continue
        if role in used:
            pf.error(
                f"a second {role!r} column (the first is {headers[used[role]]!r})", header_line, h
            )
            continue
        used[role] = i
        pf.columns.append(ColumnInfo(h, role))
    for need in ("date", "mentor", "skill"):
        if need not in used:
            pf.error(
                f"no {need!r} column (columns: {_listed(headers)}); "
                f"name one with --map 'Header={need}'",
                header_line,
            )
    if "rating" not in used and "comment" not in used:
        pf.error("no 'rating' or 'comment' column: there is no feedback to read", header_line)
    if pf.errors:
        return
    width = len(headers)
    samples: dict[int, list[str]] = {i: [] for i in range(width)}
    pending = set(samples)
    columns = [(role, i) for role, i in used.items()]
    where = {role: headers[i] for role, i in used.items()}  # shared by every row
    items = pf.items
    for line, row in rows:
        n = len(row)
        if n != width or not any(row):
            if _blank(row):
                continue
            if n > width and not _blank(row[width:]):
                pf.error(
                    f"this row has {n} cells but the header has {width}; "
                    "a comment with the delimiter in it must be in double quotes",
                    line,
                )
                continue
        values = (
            {role: row[i] for role, i in columns}
            if n == width
            else {role: row[i] if i < n else None for role, i in columns}
        )
        items.append(RawItem(line, values, where, dict(zip(headers, row, strict=False))))
        if pending:
            _sample(samples, pending, row)
    _attach_samples(pf, headers, samples)


def _sample(samples: dict[int, list[str]], pending: set[int], row: Sequence[object]) -> None:
    """Keep up to three distinct values per column (and stop looking once all have them)."""
    for i in list(pending):
        text = _cell_text(row[i]) if i < len(row) else ""
        if text and text not in samples[i]:
            samples[i].append(text[:60])
            if len(samples[i]) >= 3:
                pending.discard(i)


def _attach_samples(pf: ParsedFile, headers: list[str], samples: dict[int, list[str]]) -> None:
    position = {h: i for i, h in enumerate(headers)}  # headers are unique (_headers numbers them)
    for info in pf.columns:
        i = position.get(info.header)
        if i is not None:
            info.samples = samples.get(i, info.samples)


def _pick(headers: list[str], taken: set[int], preferences: tuple[str, ...]) -> int | None:
    for wanted in preferences:
        for i, h in enumerate(headers):
            if i not in taken and norm(h) == wanted:
                return i
    return None


def _classify_wide(
    headers: list[str],
    rows: list[tuple[int, Sequence[object]]],
    mapped: dict[int, tuple[str, SkillRef | None]],
    index: SkillIndex,
) -> dict[int, tuple[str, SkillRef | str | None]]:
    roles: dict[int, tuple[str, SkillRef | str | None]] = dict(mapped)
    taken = set(mapped)
    mapped_roles = {r for r, _ in mapped.values()}
    for role, prefs in (("date", WIDE_DATE), ("mentor", WIDE_MENTOR)):
        if role not in mapped_roles:
            i = _pick(headers, taken, prefs)
            if i is not None:
                roles[i] = (role, None)
                taken.add(i)
    for i, h in enumerate(headers):
        if i in taken:
            continue
        column = [row[i] for _, row in rows if i < len(row)]
        filled = [c for c in column if not index.is_not_rated(c) and _cell_text(c) != ""]
        skill = index.header_skill(h)
        if skill is not None:
            rest = norm(h).replace(norm(skill.name), "").replace(norm(skill.code), "")
            ratings = [c for c in filled if index.looks_like_rating(c)]
            texty = len(ratings) < len(filled)
            if (COMMENT_CUE.search(rest) and texty) or (filled and not ratings):
                roles[i] = ("comment", skill)
            else:
                roles[i] = ("rating", skill)
        elif norm(h) in WIDE_INFO or re.fullmatch(r"column [A-Z]+", h):
            roles[i] = ("info", None)
        elif COMMENT_CUE.search(h):
            roles[i] = ("comment", None)
        elif filled and all(index.looks_like_rating(c) for c in filled):
            roles[i] = ("new skill", index.skill_text_of_header(h))
        else:
            roles[i] = ("ignored", None)
    return roles


def _parse_wide(
    pf: ParsedFile,
    rows: list[tuple[int, Sequence[object]]],
    headers: list[str],
    header_line: int,
    mapped: dict[int, tuple[str, SkillRef | None]],
    index: SkillIndex,
) -> None:
    roles = _classify_wide(headers, rows, mapped, index)
    samples: dict[int, list[str]] = {i: [] for i in range(len(headers))}
    pending = set(samples)
    for _, row in rows:
        if not pending:
            break
        _sample(samples, pending, row)
    for i, h in enumerate(headers):
        role, target = roles[i]
        if role in ("rating", "comment") and isinstance(target, SkillRef):
            pf.columns.append(ColumnInfo(h, f"{role}:{target.code}"))
        elif role == "new skill":
            pf.columns.append(ColumnInfo(h, "new skill", recognised=False))
        elif role == "ignored":
            has_text = any(i < len(r) and _cell_text(r[i]) for _, r in rows)
            pf.columns.append(ColumnInfo(h, "ignored", recognised=not has_text))
            if has_text:
                pf.warn(
                    "column not recognised; it is ignored (map it with --map "
                    f"'{h}=comment' if it holds feedback)",
                    header_line,
                    h,
                )
        else:
            pf.columns.append(ColumnInfo(h, "info" if role == "ignore" else role))
    _attach_samples(pf, headers, samples)
    found = {role for role, _ in roles.values()}
    for need, hint in (("date", "Timestamp, Completion time"), ("mentor", "Name, Email")):
        if need not in found:
            pf.error(
                f"no {need} column ({hint}, …) among: {_listed(headers)}; "
                f"name one with --map 'Header={need}'",
                header_line,
            )
    if not found & {"rating", "new skill"} and not any(
        isinstance(t, SkillRef) for _, t in roles.values()
    ):
        pf.error(
            "no column names a skill of the framework (a 'skill' column, or one rating column "
            f"per skill headed by its name or code); columns: {_listed(headers)}",
            header_line,
        )
    if pf.errors:
        return
    date_i = next(i for i, (r, _) in roles.items() if r == "date")
    mentor_i = next(i for i, (r, _) in roles.items() if r == "mentor")
    general = [i for i, (r, t) in roles.items() if r == "comment" and t is None]
    for line, row in rows:
        if _blank(row):
            continue
        _wide_row(pf, line, row, headers, roles, date_i, mentor_i, general, index)


def _join_comments(pieces: list[tuple[str, str]]) -> tuple[str, str]:
    if len(pieces) == 1:
        return pieces[0][1], pieces[0][0]
    text = "\n\n".join(f"**{h}**\n\n{t}" for h, t in pieces)
    return text, " + ".join(h for h, _ in pieces)


def _wide_row(
    pf: ParsedFile,
    line: int,
    row: Sequence[object],
    headers: list[str],
    roles: dict[int, tuple[str, SkillRef | str | None]],
    date_i: int,
    mentor_i: int,
    general: list[int],
    index: SkillIndex,
) -> None:
    def cell(i: int) -> object:
        return row[i] if i < len(row) else None

    general_pieces = [(headers[i], str(cell(i)).strip()) for i in general if _cell_text(cell(i))]
    ratings: dict[object, tuple[int, SkillRef | str]] = {}
    own_comments: dict[object, list[tuple[str, str]]] = {}
    for i, (role, target) in roles.items():
        if target is None or role not in ("rating", "comment", "new skill"):
            continue
        key = target.code if isinstance(target, SkillRef) else norm(str(target))
        if role == "comment":
            if _cell_text(cell(i)):
                own_comments.setdefault(key, []).append((headers[i], str(cell(i)).strip()))
                ratings.setdefault(key, (-1, target))
        elif not index.is_not_rated(cell(i)) and _cell_text(cell(i)):
            if key in ratings and ratings[key][0] >= 0:
                pf.error(f"a second rating of the same skill ({headers[ratings[key][0]]!r})", line)
                continue
            ratings[key] = (i, target)
    if not ratings:
        if general_pieces:
            pf.error(
                "this response has a comment but rates no skill, so the comment would belong "
                "to no skill; add a rating or move the comment into a long CSV",
                line,
                general_pieces[0][0],
            )
        return
    base = {
        "date": Value(cell(date_i), headers[date_i], line),
        "mentor": Value(cell(mentor_i), headers[mentor_i], line),
    }
    meta_raw = {headers[date_i]: cell(date_i), headers[mentor_i]: cell(mentor_i)}
    for skill_key, (i, target) in ratings.items():
        values = dict(base)
        raw = dict(meta_raw)
        column = headers[i] if i >= 0 else own_comments[skill_key][0][0]
        values["skill"] = Value(target, column, line)
        if i >= 0:
            values["rating"] = Value(cell(i), headers[i], line)
            raw[headers[i]] = cell(i)
        pieces = own_comments.get(skill_key, []) + general_pieces
        if pieces:
            text, where = _join_comments(pieces)
            values["comment"] = Value(text, where, line)
            raw.update(dict(pieces))
        pf.items.append(RawItem.of(line, values, raw))
