"""1EdTech CASE packages (CFPackage JSON): a subtree of the document becomes the framework
(docs/frameworks.md, "CASE").

The root's children that have children of their own become areas, and the leaves under each
(at any depth) its skills; children of the root that are leaves go into one area named after
the root. Every area and skill keeps its CFItem identifier, so a re-import of a newer package
updates the same skills even when their codes or statements changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plnjournal.core.feedback.text import shown
from plnjournal.core.frameworks.published import (
    SpecBuilder,
    line_of,
    name_limit,
    plain_text,
    text_field,
)
from plnjournal.core.frameworks.spec import AreaSpec, FrameworkSpec, SkillSpec
from plnjournal.errors import InputError, Problem, ValidationError

CHILD_OF = "isChildOf"


def looks_like_case(data: object) -> bool:
    """True for a JSON document shaped like a CFPackage (bare, as files are exported, or
    inside ``{"CFPackage": …}``, as the CASE service's ``CFPackages/{id}`` answers)."""
    data = _unwrapped(data)
    return isinstance(data, dict) and ("CFDocument" in data or "CFItems" in data)


def _unwrapped(data: object) -> object:
    if isinstance(data, dict) and isinstance(data.get("CFPackage"), dict):
        return data["CFPackage"]
    return data


class _Item:
    """A CFItem, or the CFDocument, as a node of the tree."""

    def __init__(self, identifier: str, raw: dict[str, object], where: str) -> None:
        self.identifier = identifier
        self.raw = raw
        self.where = where
        self.children: list[tuple[float, int, _Item]] = []

    def text(self, key: str) -> str:
        return plain_text(text_field(self.raw, key) or "")

    @property
    def title(self) -> str:
        return self.text("title") or self.text("abbreviatedStatement") or self.text("fullStatement")

    def ordered(self) -> list[_Item]:
        return [child for _, _, child in sorted(self.children, key=lambda c: (c[0], c[1]))]


def spec_from_case(data: object, file: str, root: str | None = None) -> FrameworkSpec:
    """A checked framework from a parsed CFPackage; ``root`` picks a subtree by identifier."""
    data = _unwrapped(data)
    if not looks_like_case(data):
        raise ValidationError(
            [Problem(file, None, None, "not a CASE package: no CFDocument or CFItems at the top")]
        )
    assert isinstance(data, dict)
    b = SpecBuilder(file, FrameworkSpec(name=""))
    doc_raw = data.get("CFDocument")
    if not isinstance(doc_raw, dict) or not text_field(doc_raw, "identifier"):
        b.bad(line_of(data, "CFDocument"), "CFDocument", "needs an object with an identifier")
        b.fail()
    assert isinstance(doc_raw, dict)
    doc = _Item(str(text_field(doc_raw, "identifier")), doc_raw, "CFDocument")
    nodes = {doc.identifier: doc}
    items = data.get("CFItems")
    if not isinstance(items, list):
        b.bad(line_of(data, "CFItems"), "CFItems", "needs a list of items")
        b.fail()
    for i, raw in enumerate(items):
        where = f"CFItems[{i}]"
        identifier = text_field(raw, "identifier") if isinstance(raw, dict) else None
        if not isinstance(raw, dict) or not identifier:
            b.bad(line_of(raw) or line_of(data, "CFItems"), where, "each item needs an identifier")
            continue
        if identifier in nodes:
            b.bad(line_of(raw, "identifier"), f"{where}.identifier", f"{shown(identifier)} twice")
            continue
        if not text_field(raw, "fullStatement"):
            b.bad(line_of(raw), f"{where}.fullStatement", "each item needs a fullStatement")
        nodes[identifier] = _Item(identifier, raw, where)
    _link(data, nodes, b)
    if b.problems:
        b.fail()
    top = nodes.get(root) if root else doc
    if top is None:
        raise InputError(
            f"skills import: {file}: --root {root!r} is neither the CFDocument nor an item of "
            "this package"
        )
    b.spec.name = name_limit(
        top.title if top is doc else f"{doc.title}: {top.title}" if doc.title else top.title
    )
    b.spec.description = doc.text("description") if top is doc else top.text("fullStatement")
    b.spec.external_id = top.identifier
    loose = b.area(name_limit(top.title) or "Skills", external_id=top.identifier)
    for child in top.ordered():
        if child.children:
            area = b.area(
                name_limit(child.title), child.text("fullStatement"), external_id=child.identifier
            )
            for leaf in _leaves(child):
                _skill(b, area, leaf)
        else:
            _skill(b, loose, child)
    descriptors = _rubrics(data, b, len(b.spec.scale))
    for skill in b.spec.all_skills():
        skill.levels = descriptors.get(skill.external_id, [])
    # The loose area goes last when there are real areas, as a leftover, not a heading.
    if len(b.spec.areas) > 1:
        b.spec.areas.remove(loose)
        b.spec.areas.append(loose)
    return b.result()


def _rubrics(data: dict[str, object], b: SpecBuilder, steps: int) -> dict[str, list[str]]:
    """Level descriptors from the package's rubrics: a criterion tied to an item (its
    ``CFItemURI``) whose levels, in ``position`` order, are as many as the scale's steps gives
    that item's skill one descriptor per level (the level's ``description``, else its
    ``quality``). A criterion with another number of levels is read past."""
    rubrics = data.get("CFRubrics") or []
    if not isinstance(rubrics, list):
        b.bad(line_of(data, "CFRubrics"), "CFRubrics", "must be a list")
        return {}
    out: dict[str, list[str]] = {}
    for ri, rubric in enumerate(rubrics):
        criteria = rubric.get("CFRubricCriteria") if isinstance(rubric, dict) else None
        if not isinstance(criteria, list):
            b.bad(line_of(rubric), f"CFRubrics[{ri}]", "needs a list of CFRubricCriteria")
            continue
        for ci, criterion in enumerate(criteria):
            where = f"CFRubrics[{ri}].CFRubricCriteria[{ci}]"
            item = criterion.get("CFItemURI") if isinstance(criterion, dict) else None
            levels = (
                criterion.get("CFRubricCriterionLevels") if isinstance(criterion, dict) else None
            )
            identifier = text_field(item, "identifier") if isinstance(item, dict) else None
            if not identifier or not isinstance(levels, list):
                b.bad(
                    line_of(criterion),
                    where,
                    "needs a CFItemURI with an identifier and a list of CFRubricCriterionLevels",
                )
                continue
            texts: list[tuple[float, int, str]] = []
            for li, level in enumerate(levels):
                if not isinstance(level, dict):
                    b.bad(
                        line_of(criterion),
                        f"{where}.CFRubricCriterionLevels[{li}]",
                        "must be an object",
                    )
                    continue
                pos = level.get("position")
                order = (
                    float(pos) if isinstance(pos, int | float) and not isinstance(pos, bool) else li
                )
                text = plain_text(text_field(level, "description") or "") or plain_text(
                    text_field(level, "quality") or ""
                )
                texts.append((order, li, text))
            if len(texts) == steps:
                out[identifier] = [text for _, _, text in sorted(texts)]
    return out


def _link(data: dict[str, object], nodes: dict[str, _Item], b: SpecBuilder) -> None:
    """Hang every item under its parent by the isChildOf associations, refusing circles."""
    links = data.get("CFAssociations") or []
    if not isinstance(links, list):
        b.bad(line_of(data, "CFAssociations"), "CFAssociations", "must be a list")
        return
    parent_of: dict[str, str] = {}
    found: dict[str, tuple[float, int, dict[str, object]]] = {}
    for i, link in enumerate(links):
        where = f"CFAssociations[{i}]"
        if not isinstance(link, dict):
            b.bad(line_of(data, "CFAssociations"), where, "each association must be an object")
            continue
        if link.get("associationType") != CHILD_OF:
            continue  # exactMatchOf, isRelatedTo, …: not the tree
        ends = []
        for key in ("originNodeURI", "destinationNodeURI"):
            end = link.get(key)
            identifier = text_field(end, "identifier") if isinstance(end, dict) else None
            if not identifier or identifier not in nodes:
                b.bad(
                    line_of(link, key),
                    f"{where}.{key}",
                    f"{shown(identifier)} is not an item of this package"
                    if identifier
                    else "needs the identifier of an item of this package",
                )
                break
            ends.append(identifier)
        if len(ends) != 2:
            continue
        child, parent = ends
        if child not in parent_of:  # an item under two parents is read under the first
            parent_of[child] = parent
            seq = link.get("sequenceNumber")
            order = (
                float(seq) if isinstance(seq, int | float) and not isinstance(seq, bool) else 1e9
            )
            found[child] = (order, i, link)
    # Walk up from every item once, refusing a circle (each item is passed over once in all).
    done: set[str] = set()
    for start in parent_of:
        path: list[str] = []
        on_path: set[str] = set()
        up: str | None = start
        while up is not None and up not in done:
            if up in on_path:
                _, i, link = found[up]
                b.bad(
                    line_of(link), f"CFAssociations[{i}]", f"{shown(up)} would be its own ancestor"
                )
                break
            path.append(up)
            on_path.add(up)
            up = parent_of.get(up)
        done.update(path)
    for child, (order, i, _) in found.items():
        nodes[parent_of[child]].children.append((order, i, nodes[child]))


def _leaves(node: _Item) -> Iterator[_Item]:
    """The leaves under ``node`` in sequence order, depth first, each once. A loop, not
    recursion: a published tree may be thousands of levels deep."""
    seen: set[str] = set()
    stack = list(reversed(node.ordered()))
    while stack:
        child = stack.pop()
        if child.identifier in seen:
            continue
        seen.add(child.identifier)
        if child.children:
            stack.extend(reversed(child.ordered()))
        else:
            yield child


def _skill(b: SpecBuilder, area: AreaSpec, item: _Item) -> None:
    """A leaf CFItem as a skill: its human coding scheme is the code (or, without one, the
    area's initials and a number), its abbreviated statement the name."""
    code = item.text("humanCodingScheme")
    if not code:
        initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", area.name)[:3]).upper() or "S"
        code = f"{initials}{len(area.skills) + 1}"
    full = item.text("fullStatement")
    b.skill(
        area,
        SkillSpec(
            code=code,
            name=name_limit(item.text("abbreviatedStatement") or full),
            description=full,
            external_id=item.identifier,
        ),
        item.where,
        line_of(item.raw),
    )
