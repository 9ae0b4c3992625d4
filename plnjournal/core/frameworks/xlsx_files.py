"""Frameworks as programmes keep them in a spreadsheet (.xlsx): one row per skill, the columns
found by their headers in English, French, German or Spanish (docs/frameworks.md,
"Spreadsheets"), then read by the same rules as a CSV file.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl

from plnjournal.core.feedback.schema import norm
from plnjournal.core.feedback.text import FileProblem
from plnjournal.core.feedback.xlsx import xlsx_rows
from plnjournal.core.frameworks.csv_files import KEYWORD_SEPARATOR, spec_from_rows
from plnjournal.core.frameworks.spec import FrameworkSpec
from plnjournal.errors import Problem, ValidationError

# Our column -> the headers that mean it (compared with spacing, case and "_" ignored).
HEADERS: dict[str, tuple[str, ...]] = {
    "area": ("area", "domain", "domaine", "bereich", "kompetenzbereich", "área", "ámbito"),
    "code": ("code", "skill code", "ref", "kürzel", "kennung", "código", "codigo"),
    "name": (
        "name",
        "skill",
        "skill name",
        "competency",
        "nom",
        "compétence",
        "competence",
        "kompetenz",
        "fähigkeit",
        "nombre",
        "competencia",
        "habilidad",
    ),
    "description": ("description", "beschreibung", "descripción", "descripcion"),
    "target_level": (
        "target level",
        "target",
        "niveau cible",
        "niveau visé",
        "zielniveau",
        "zielstufe",
        "nivel objetivo",
        "nivel meta",
    ),
    "cadence_days": (
        "cadence days",
        "cadence (days)",
        "cadence",
        "every (days)",
        "fréquence (jours)",
        "cadence (jours)",
        "rhythmus (tage)",
        "intervall (tage)",
        "frecuencia (días)",
        "cadencia (días)",
    ),
    "keywords": (
        "keywords",
        "mots-clés",
        "mots clés",
        "schlagwörter",
        "stichwörter",
        "palabras clave",
    ),
}
_LEVEL = re.compile(r"^(?:level|niveau|stufe|nivel)\s*(\d{1,4})$")
_ALIASES = {norm(h): column for column, names in HEADERS.items() for h in names}
EXPORT_HEADERS = {
    "area": "Area",
    "code": "Code",
    "name": "Name",
    "description": "Description",
    "target_level": "Target level",
    "cadence_days": "Cadence (days)",
    "keywords": "Keywords",
}


def column_for(header: str) -> str:
    """Our column name for a spreadsheet header ("Niveau cible" -> "target_level"); the
    header itself, lower-cased, when it is none of ours (the reader then says so)."""
    key = norm(header.replace("_", " "))
    if key in _ALIASES:
        return _ALIASES[key]
    level = _LEVEL.match(key)
    return f"level_{level.group(1)}" if level else key


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def spec_from_xlsx(
    data: bytes, file: str, *, name: str = "", scale: list[tuple[int, str]] | None = None
) -> FrameworkSpec:
    """The skills of the first worksheet; problems name the sheet's row and the header."""
    try:
        raw = xlsx_rows(data)
    except FileProblem as exc:
        raise ValidationError([Problem(file, exc.line, exc.column, exc.message)]) from None
    rows = [(line, [_cell(v) for v in values]) for line, values in raw]
    if not rows:
        raise ValidationError([Problem(file, None, None, "the sheet has no header and no skills")])
    header_line, header = rows[0]
    labels: dict[str, str] = {}
    canonical = []
    for text in header:
        column = column_for(text)
        labels.setdefault(column, text.strip())
        canonical.append(column)
    rows[0] = (header_line, canonical)
    return spec_from_rows(rows, file, name=name, scale=scale, labels=labels)


def spec_to_xlsx(spec: FrameworkSpec) -> bytes:
    """A workbook of one sheet, a row per skill, English headers: what ``spec_from_xlsx``
    reads back to the same framework."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has its first sheet
    ws.title = "Skills"
    with_levels = any(any(s.levels) for s in spec.all_skills())
    with_keywords = any(s.keywords for s in spec.all_skills())
    columns = ["area", "code", "name", "description", "target_level", "cadence_days"]
    columns += ["keywords"] if with_keywords else []
    header = [EXPORT_HEADERS[c] for c in columns]
    if with_levels:
        header += [f"Level {k}" for k in range(1, len(spec.scale) + 1)]
    ws.append(header)
    for area in spec.areas:
        for s in area.skills:
            row: list[object] = [area.name, s.code, s.name, s.description, s.target_level]
            row.append(s.cadence_days)
            if with_keywords:
                row.append(KEYWORD_SEPARATOR.join(s.keywords))
            if with_levels:
                row += list(s.levels) if s.levels else [""] * len(spec.scale)
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
