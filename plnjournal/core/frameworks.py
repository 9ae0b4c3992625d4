"""Skills frameworks as plain specs (what a file says) and installing one into the journal.

Parsers (JSON, CSV) produce a ``FrameworkSpec``; storage only ever sees validated specs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable

from sqlalchemy.orm import Session

from plnjournal.errors import InputError, Problem, ValidationError
from plnjournal.storage.models import Area, Framework, LevelDescriptor, ScaleLevel, Skill

DEFAULT_SCALE = (
    (1, "Novice"),
    (2, "Advanced beginner"),
    (3, "Competent"),
    (4, "Proficient"),
    (5, "Expert"),
)
DEFAULT_CADENCE_DAYS = 14


@dataclass
class SkillSpec:
    code: str
    name: str
    description: str = ""
    target_level: int = 3
    cadence_days: int | None = None
    levels: list[str] = field(default_factory=list)  # one descriptor per scale level, or empty


@dataclass
class AreaSpec:
    name: str
    description: str = ""
    skills: list[SkillSpec] = field(default_factory=list)


@dataclass
class FrameworkSpec:
    name: str
    description: str = ""
    scale: list[tuple[int, str]] = field(default_factory=lambda: list(DEFAULT_SCALE))
    default_cadence_days: int | None = DEFAULT_CADENCE_DAYS
    areas: list[AreaSpec] = field(default_factory=list)

    def all_skills(self) -> list[SkillSpec]:
        return [s for a in self.areas for s in a.skills]


def _frameworks_dir() -> Traversable:
    return resources.files("plnjournal.resources").joinpath("frameworks")


def builtin_frameworks() -> dict[str, str]:
    """Built-in framework ids (file stems) and their display names."""
    out: dict[str, str] = {}
    for item in sorted(_frameworks_dir().iterdir(), key=lambda p: p.name):
        if item.name.endswith(".json"):
            data = json.loads(item.read_text(encoding="utf-8"))
            out[item.name[: -len(".json")]] = data.get("name", item.name)
    return out


def load_builtin(framework_id: str) -> FrameworkSpec:
    item = _frameworks_dir().joinpath(f"{framework_id}.json")
    if not item.is_file():
        known = ", ".join(builtin_frameworks()) or "none"
        raise InputError(f"framework: no built-in framework {framework_id!r} (built in: {known})")
    return spec_from_dict(json.loads(item.read_text(encoding="utf-8")), f"{framework_id}.json")


def spec_from_dict(data: object, file: str) -> FrameworkSpec:
    """Read our JSON schema (docs/frameworks.md), reporting every problem with where it is."""
    problems: list[Problem] = []

    def bad(where: str, message: str) -> None:
        problems.append(Problem(file, None, where, message))

    if not isinstance(data, dict):
        raise ValidationError([Problem(file, None, None, "expected a JSON object at the top")])
    scale_data = data.get("scale") or [{"level": lv, "label": lb} for lv, lb in DEFAULT_SCALE]
    scale: list[tuple[int, str]] = []
    for i, step in enumerate(scale_data if isinstance(scale_data, list) else []):
        if not isinstance(step, dict) or not isinstance(step.get("level"), int):
            bad(f"scale[{i}]", "each scale step needs an integer 'level' and a 'label'")
            continue
        scale.append((step["level"], str(step.get("label") or step["level"])))
    if not scale:
        bad("scale", "the scale must list at least two levels")
    levels = [lv for lv, _ in scale]
    lo, hi = (min(levels), max(levels)) if levels else (1, 5)
    spec = FrameworkSpec(
        name=str(data.get("name") or "").strip() or "Untitled framework",
        description=str(data.get("description") or ""),
        scale=scale,
        default_cadence_days=data.get("default_cadence_days", DEFAULT_CADENCE_DAYS),
    )
    codes: set[str] = set()
    for ai, area in enumerate(data.get("areas") or []):
        where_a = f"areas[{ai}]"
        if not isinstance(area, dict) or not str(area.get("name") or "").strip():
            bad(where_a, "each area needs a 'name'")
            continue
        aspec = AreaSpec(
            name=str(area["name"]).strip(), description=str(area.get("description") or "")
        )
        for si, skill in enumerate(area.get("skills") or []):
            where = f"{where_a}.skills[{si}]"
            if not isinstance(skill, dict):
                bad(where, "each skill must be an object")
                continue
            code = str(skill.get("code") or "").strip()
            name = str(skill.get("name") or "").strip()
            if not code:
                bad(where, "missing 'code'")
            elif code.casefold() in codes:
                bad(where, f"duplicate code {code!r}")
            codes.add(code.casefold())
            if not name:
                bad(where, "missing 'name'")
            target = skill.get("target_level")
            if not isinstance(target, int) or not lo <= target <= hi:
                bad(where, f"target_level {target!r} is not a level of the scale {lo}–{hi}")
                target = lo
            cadence = skill.get("cadence_days")
            if cadence is not None and (not isinstance(cadence, int) or cadence <= 0):
                bad(where, f"cadence_days {cadence!r} must be a positive whole number of days")
                cadence = None
            descriptors = [str(x) for x in skill.get("levels") or []]
            if descriptors and len(descriptors) != len(scale):
                bad(
                    where,
                    f"'levels' has {len(descriptors)} descriptors; the scale has {len(scale)}",
                )
            aspec.skills.append(
                SkillSpec(
                    code=code,
                    name=name,
                    description=str(skill.get("description") or ""),
                    target_level=target,
                    cadence_days=cadence,
                    levels=descriptors,
                )
            )
        spec.areas.append(aspec)
    if problems:
        raise ValidationError(problems)
    return spec


def install_framework(session: Session, spec: FrameworkSpec) -> Framework:
    """Add ``spec`` as the journal's active framework (any previous one is deactivated)."""
    for old in session.query(Framework).filter(Framework.active.is_(True)):
        old.active = False
    fw = Framework(
        name=spec.name,
        description=spec.description,
        default_cadence_days=spec.default_cadence_days,
        active=True,
    )
    fw.levels = [ScaleLevel(level=lv, label=label) for lv, label in spec.scale]
    session.add(fw)
    session.flush()
    levels = [lv for lv, _ in spec.scale]
    for ai, aspec in enumerate(spec.areas):
        area = Area(framework=fw, name=aspec.name, description=aspec.description, position=ai)
        session.add(area)
        for si, sspec in enumerate(aspec.skills):
            skill = Skill(
                framework_id=fw.id,
                area=area,
                code=sspec.code,
                name=sspec.name,
                description=sspec.description,
                target_level=sspec.target_level,
                cadence_days=sspec.cadence_days,
                position=si,
            )
            skill.descriptors = [
                LevelDescriptor(level=lv, text=text)
                for lv, text in zip(levels, sspec.levels, strict=False)
                if text
            ]
            session.add(skill)
    session.flush()
    return fw
