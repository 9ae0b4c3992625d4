"""Mahara SmartEvidence frameworks (``.matrix``): standards become areas, standard elements
skills, and the evidence statuses the rating scale (docs/frameworks.md, "Mahara").

Both layouts Mahara reads: elements in a top-level ``standardelements`` list that name their
standard by ``standardid`` (and a parent element by ``parentelementid``), or the older one with
a ``standardelement`` list inside each standard.
"""

from __future__ import annotations

from plnjournal.core.feedback.text import shown
from plnjournal.core.frameworks.published import (
    SpecBuilder,
    line_of,
    name_limit,
    plain_text,
    text_field,
)
from plnjournal.core.frameworks.spec import (
    DEFAULT_SCALE,
    MAX_CODE_CHARS,
    MAX_NAME_CHARS,
    AreaSpec,
    FrameworkSpec,
    SkillSpec,
)
from plnjournal.errors import Problem, ValidationError

# Mahara's statuses from "not met" to "met"; "begun" (ready for assessment) is a state of the
# evidence, not a level, so it has no step on the scale.
STATUS_LEVELS = ("incomplete", "partialcomplete", "completed")
STATUS_NUMBERS = {"1": "incomplete", "2": "partialcomplete", "3": "completed"}


def looks_like_matrix(data: object) -> bool:
    """True for a JSON document shaped like a .matrix file."""
    return isinstance(data, dict) and isinstance(data.get("framework"), dict)


def spec_from_matrix(data: object, file: str) -> FrameworkSpec:
    """A checked framework from a parsed .matrix file; every problem says where it is."""
    if not looks_like_matrix(data):
        raise ValidationError(
            [
                Problem(
                    file, None, None, "not a SmartEvidence file: no 'framework' object at the top"
                )
            ]
        )
    assert isinstance(data, dict)
    fw = data["framework"]
    name = text_field(fw, "name")
    b = SpecBuilder(file, FrameworkSpec(name=""))
    if not name or not name.strip():
        b.bad(line_of(fw, "name"), "framework.name", "the framework needs a name (a text)")
    b.spec.name = name_limit((name or "").strip()) or "Untitled framework"
    b.spec.description = plain_text(text_field(fw, "description") or "")
    b.spec.scale = _scale(fw, b)
    target = b.spec.scale[-1][0] if len(b.spec.scale) == len(STATUS_LEVELS) else 3
    standards = fw.get("standards")
    if not isinstance(standards, list) or not standards:
        b.bad(line_of(fw, "standards"), "framework.standards", "needs a list of standards")
        b.fail()
    areas: dict[str, AreaSpec] = {}
    for si, standard in enumerate(standards):
        where = f"standards[{si}]"
        if not isinstance(standard, dict):
            b.bad(line_of(fw, "standards"), where, "each standard must be an object")
            continue
        title = text_field(standard, "name") or text_field(standard, "shortname")
        if not title or not title.strip():
            b.bad(line_of(standard), f"{where}.name", "the standard needs a name")
            continue
        sid = text_field(standard, "standardid")
        area = b.area(
            name_limit(title.strip()),
            plain_text(text_field(standard, "description") or ""),
            external_id=sid or "",
        )
        if sid:
            if sid in areas:
                b.bad(
                    line_of(standard, "standardid"), f"{where}.standardid", f"{sid} is used twice"
                )
            areas[sid] = area
        nested = standard.get("standardelement")
        if isinstance(nested, list):  # the older layout
            for ei, element in enumerate(nested):
                _element(b, area, element, f"{where}.standardelement[{ei}]", target)
    elements = fw.get("standardelements")
    if elements is not None and not isinstance(elements, list):
        b.bad(line_of(fw, "standardelements"), "standardelements", "must be a list")
        elements = []
    element_ids = {text_field(e, "elementid") for e in elements or [] if isinstance(e, dict)} - {
        None,
        "",
    }
    for ei, element in enumerate(elements or []):
        where = f"standardelements[{ei}]"
        if not isinstance(element, dict):
            b.bad(line_of(fw, "standardelements"), where, "each element must be an object")
            continue
        sid = text_field(element, "standardid")
        if sid not in areas:
            b.bad(
                line_of(element, "standardid"),
                f"{where}.standardid",
                f"{shown(element.get('standardid'))} is not a standard in this file",
            )
            continue
        parent = text_field(element, "parentelementid")
        if parent and parent not in element_ids:
            b.bad(
                line_of(element, "parentelementid"),
                f"{where}.parentelementid",
                f"{shown(element.get('parentelementid'))} is not an element in this file",
            )
            continue
        _element(b, areas[sid], element, where, target)
    return b.result()


def _element(b: SpecBuilder, area: AreaSpec, element: object, where: str, target: int) -> None:
    """One standard element as a skill: the short name is its code when it is short enough,
    else the element's id."""
    if not isinstance(element, dict):
        b.bad(None, where, "each element must be an object")
        return
    short = (text_field(element, "shortname") or "").strip()
    element_id = (text_field(element, "elementid") or "").strip()
    name = (text_field(element, "name") or "").strip() or short
    code = short if len(short) <= MAX_CODE_CHARS else element_id
    if not code:
        b.bad(
            line_of(element, "shortname"),
            f"{where}.shortname",
            f"{shown(short)} is longer than {MAX_CODE_CHARS} characters and the element has no "
            "elementid to use as its code",
        )
        return
    b.skill(
        area,
        SkillSpec(
            code=code,
            name=name if len(name) <= MAX_NAME_CHARS else name_limit(name),
            description=plain_text(text_field(element, "description") or ""),
            target_level=target,
            external_id=element_id,
        ),
        where,
        line_of(element),
    )


def _scale(fw: dict[str, object], b: SpecBuilder) -> list[tuple[int, str]]:
    """The evidence statuses "doesn't meet", "partially meets", "meets" as levels 1–3, or the
    standard scale when the file names none."""
    raw = fw.get("evidencestatuses")
    if raw is None:
        return list(DEFAULT_SCALE)
    if not isinstance(raw, list):
        b.bad(line_of(fw, "evidencestatuses"), "framework.evidencestatuses", "must be a list")
        return list(DEFAULT_SCALE)
    labels: dict[str, str] = {}
    for i, choice in enumerate(raw):
        if not isinstance(choice, dict) or len(choice) != 1:
            b.bad(
                line_of(choice) or line_of(fw, "evidencestatuses"),
                f"evidencestatuses[{i}]",
                'each status is one "kind": "label" pair, e.g. {"completed": "Meets the standard"}',
            )
            continue
        kind, label = next(iter(choice.items()))
        kind = STATUS_NUMBERS.get(kind, kind)
        if isinstance(label, str) and kind in STATUS_LEVELS:
            labels[kind] = plain_text(label)[:MAX_NAME_CHARS] or kind
    if set(labels) != set(STATUS_LEVELS):
        return list(DEFAULT_SCALE)
    return [(n, labels[kind]) for n, kind in enumerate(STATUS_LEVELS, start=1)]
