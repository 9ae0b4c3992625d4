"""Skills frameworks as plain specs (what a file says) and installing one into the journal.

Parsers (JSON, CSV) produce a ``FrameworkSpec``; storage only ever sees validated specs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from typing import TypeGuard

from sqlalchemy.orm import Session

from plnjournal.core.feedback.text import problem, shown
from plnjournal.core.skills.terms import parse_keywords
from plnjournal.errors import InputError, Problem, ValidationError
from plnjournal.resources import folder as resource_folder
from plnjournal.storage.models import Area, Framework, LevelDescriptor, ScaleLevel, Skill

DEFAULT_SCALE = (
    (1, "Novice"),
    (2, "Advanced beginner"),
    (3, "Competent"),
    (4, "Proficient"),
    (5, "Expert"),
)
DEFAULT_CADENCE_DAYS = 14

# What a framework file may hold (issue 18): far above any real framework, low enough that a
# hostile file cannot fill the window's lists, the database or the messages.
MAX_AREAS = 200
MAX_SKILLS = 2000
MAX_LEVELS = 10  # steps of the scale
MAX_LEVEL_NUMBER = 100  # a step's number, 0 to this
MAX_CADENCE_DAYS = 3660  # ten years
MAX_KEYWORDS = 200  # per skill
MAX_CODE_CHARS = 40
MAX_NAME_CHARS = 300


@dataclass
class SkillSpec:
    code: str
    name: str
    description: str = ""
    target_level: int = 3
    cadence_days: int | None = None
    levels: list[str] = field(default_factory=list)  # one descriptor per scale level, or empty
    # Words that show a reflection discusses the skill; none in a file keeps the journal's.
    keywords: list[str] = field(default_factory=list)
    # The publisher's identifier (CASE, Mahara): a re-import matches by it before the code.
    external_id: str = ""


@dataclass
class AreaSpec:
    name: str
    description: str = ""
    skills: list[SkillSpec] = field(default_factory=list)
    external_id: str = ""


@dataclass
class FrameworkSpec:
    name: str
    description: str = ""
    scale: list[tuple[int, str]] = field(default_factory=lambda: list(DEFAULT_SCALE))
    default_cadence_days: int | None = DEFAULT_CADENCE_DAYS
    areas: list[AreaSpec] = field(default_factory=list)
    external_id: str = ""

    def all_skills(self) -> list[SkillSpec]:
        """Every skill of every area, in order."""
        return [s for a in self.areas for s in a.skills]


def _frameworks_dir() -> Traversable:
    # plnjournal.resources is mapped from the top-level resources/ folder, where mypy does
    # not look (pyproject.toml): name the type it returns here.
    folder: Traversable = resource_folder("frameworks")
    return folder


def builtin_frameworks() -> dict[str, str]:
    """Built-in framework ids (file stems) and their display names."""
    out: dict[str, str] = {}
    for item in sorted(_frameworks_dir().iterdir(), key=lambda p: p.name):
        if item.name.endswith(".json"):
            data = json.loads(item.read_text(encoding="utf-8"))
            out[item.name[: -len(".json")]] = data.get("name", item.name)
    return out


def load_builtin(framework_id: str) -> FrameworkSpec:
    """A built-in framework by id, checked like any file."""
    item = _frameworks_dir().joinpath(f"{framework_id}.json")
    if not item.is_file():
        known = ", ".join(builtin_frameworks()) or "none"
        raise InputError(f"framework: no built-in framework {framework_id!r} (built in: {known})")
    return spec_from_dict(json.loads(item.read_text(encoding="utf-8")), f"{framework_id}.json")


FORMAT = "plnjournal-framework"
FORMAT_VERSION = 1


def _line(obj: object, key: str | None = None) -> int | None:
    """The line in the file where ``obj`` (or its ``key``) is, when the parser recorded it."""
    if key is not None:
        key_line: int | None = getattr(obj, "key_lines", {}).get(key)
        if key_line is not None:
            return key_line
    line: int | None = getattr(obj, "line", None)
    return line


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: object) -> str | None:
    """A text field as written (a number is read as its digits); None for any other type."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if _is_int(value) and value.bit_length() < 64:
        return str(value)
    return None


def cadence_problem(value: object) -> str | None:
    """Why ``value`` is not a cadence in days (None when it is one, or empty)."""
    if value is None or (_is_int(value) and 0 < value <= MAX_CADENCE_DAYS):
        return None
    return (
        f"{shown(value)} must be a whole number of days from 1 to {MAX_CADENCE_DAYS} "
        "(the limit), or null"
    )


def spec_from_dict(data: object, file: str) -> FrameworkSpec:
    """Read our JSON schema (docs/frameworks.md), reporting every problem with where it is.

    ``data`` may carry line numbers (see ``framework_files.load_json``); problems then name
    the line and the field's path, e.g. ``my.json:57: areas[1].skills[2].target_level: …``.
    """
    problems: list[Problem] = []

    def bad(obj: object, key: str | None, where: str, message: str) -> None:
        problems.append(problem(file, _line(obj, key), where, message))

    if not isinstance(data, dict):
        raise ValidationError([Problem(file, None, None, "expected a JSON object at the top")])
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        bad(
            data,
            "format",
            "format",
            f"{shown(fmt)} is not a skills framework ({FORMAT!r} expected)",
        )
    version = data.get("version", FORMAT_VERSION)
    if not _is_int(version):
        bad(data, "version", "version", f"{shown(version)} is not a version number")
    elif version > FORMAT_VERSION:
        bad(
            data,
            "version",
            "version",
            f"version {shown(version)} is newer than this PLN Journal reads ({FORMAT_VERSION})",
        )
    if problems:  # not a framework file at all: the rest would only add noise
        raise ValidationError(problems)
    scale = _read_scale(data, bad)
    levels = [lv for lv, _ in scale]
    lo, hi = (min(levels), max(levels)) if levels else (1, 5)
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        bad(data, "name", "name", "the framework needs a 'name' (a text)")
        name = ""
    elif len(name.strip()) > MAX_NAME_CHARS:
        bad(data, "name", "name", f"longer than {MAX_NAME_CHARS} characters (the limit)")
    description = _text(data.get("description"))
    if description is None:
        bad(data, "description", "description", "must be a text")
    default_cadence = data.get("default_cadence_days", DEFAULT_CADENCE_DAYS)
    if (why := cadence_problem(default_cadence)) is not None:
        bad(data, "default_cadence_days", "default_cadence_days", why)
        default_cadence = DEFAULT_CADENCE_DAYS
    spec = FrameworkSpec(
        name=name.strip() or "Untitled framework",
        description=description or "",
        scale=scale,
        default_cadence_days=default_cadence,
    )
    areas = data.get("areas")
    if not isinstance(areas, list):
        bad(data, "areas", "areas", "the framework needs a list of 'areas'")
        areas = []
    skill_count = sum(
        len(a["skills"]) for a in areas if isinstance(a, dict) and isinstance(a.get("skills"), list)
    )
    if len(areas) > MAX_AREAS or skill_count > MAX_SKILLS:
        bad(
            data,
            "areas",
            "areas",
            f"{len(areas)} areas and {skill_count} skills (the limits are {MAX_AREAS} areas "
            f"and {MAX_SKILLS} skills)",
        )
        raise ValidationError(problems)
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    area_names: set[str] = set()
    for ai, area in enumerate(areas):
        where_a = f"areas[{ai}]"
        area_name = _text(area.get("name")) if isinstance(area, dict) else None
        if not isinstance(area, dict) or not area_name or not area_name.strip():
            bad(area, "name", where_a, "each area needs a 'name' (a text)")
            continue
        if len(area_name.strip()) > MAX_NAME_CHARS:
            bad(area, "name", f"{where_a}.name", f"longer than {MAX_NAME_CHARS} characters")
        area_text = _text(area.get("description"))
        if area_text is None:
            bad(area, "description", f"{where_a}.description", "must be a text")
        aspec = AreaSpec(name=area_name.strip(), description=area_text or "")
        if aspec.name.casefold() in area_names:
            bad(area, "name", f"{where_a}.name", f"area {aspec.name!r} is listed twice")
        area_names.add(aspec.name.casefold())
        skills = area.get("skills") or []
        if not isinstance(skills, list):
            bad(area, "skills", f"{where_a}.skills", "'skills' must be a list")
            skills = []
        for si, skill in enumerate(skills):
            where = f"{where_a}.skills[{si}]"
            if not isinstance(skill, dict):
                bad(area, "skills", where, "each skill must be an object")
                continue
            code, sname = (_text(skill.get(key)) for key in ("code", "name"))
            skill_text = _text(skill.get("description"))
            for key, value in (("code", code), ("name", sname), ("description", skill_text)):
                if value is None:
                    bad(skill, key, f"{where}.{key}", "must be a text")
            code, sname = (code or "").strip(), (sname or "").strip()
            for key, value, most in (
                ("code", code, MAX_CODE_CHARS),
                ("name", sname, MAX_NAME_CHARS),
            ):
                if len(value) > most:
                    bad(skill, key, f"{where}.{key}", f"longer than {most} characters (the limit)")
            if not code:
                bad(skill, "code", f"{where}.code", "missing 'code'")
            elif code.casefold() in codes:
                bad(
                    skill,
                    "code",
                    f"{where}.code",
                    f"duplicate code {shown(code)} (also at {codes[code.casefold()]})",
                )
            else:
                codes[code.casefold()] = where
            if not sname:
                bad(skill, "name", f"{where}.name", "missing 'name'")
            elif sname.casefold() in names:
                bad(
                    skill,
                    "name",
                    f"{where}.name",
                    f"duplicate name {shown(sname)} (also at {names[sname.casefold()]})",
                )
            else:
                names[sname.casefold()] = where
            target = skill.get("target_level")
            if not _is_int(target) or not lo <= target <= hi:
                bad(
                    skill,
                    "target_level",
                    f"{where}.target_level",
                    f"{shown(target)} is not a level of the scale {lo}–{hi}",
                )
                target = lo
            cadence = skill.get("cadence_days")
            if (why := cadence_problem(cadence)) is not None:
                bad(skill, "cadence_days", f"{where}.cadence_days", why)
                cadence = None
            raw_levels = skill.get("levels") or []
            if not isinstance(raw_levels, list) or not all(isinstance(x, str) for x in raw_levels):
                bad(skill, "levels", f"{where}.levels", "'levels' must be a list of texts")
                raw_levels = []
            if raw_levels and len(raw_levels) != len(scale):
                bad(
                    skill,
                    "levels",
                    f"{where}.levels",
                    f"has {len(raw_levels)} descriptors; the scale has {len(scale)} levels",
                )
            raw_keywords = skill.get("keywords") or []
            if not isinstance(raw_keywords, list) or not all(
                isinstance(x, str) for x in raw_keywords
            ):
                bad(skill, "keywords", f"{where}.keywords", "'keywords' must be a list of texts")
                raw_keywords = []
            if len(raw_keywords) > MAX_KEYWORDS:
                bad(
                    skill,
                    "keywords",
                    f"{where}.keywords",
                    f"{len(raw_keywords)} keywords (the limit is {MAX_KEYWORDS})",
                )
                raw_keywords = []
            aspec.skills.append(
                SkillSpec(
                    code=code,
                    name=sname,
                    description=skill_text or "",
                    target_level=target,
                    cadence_days=cadence,
                    levels=list(raw_levels),
                    keywords=list(parse_keywords("\n".join(raw_keywords))),
                )
            )
        spec.areas.append(aspec)
    if problems:
        raise ValidationError(problems)
    return spec


def _read_scale(
    data: dict[str, object], bad: Callable[[object, str | None, str, str], None]
) -> list[tuple[int, str]]:
    raw = data.get("scale")
    if raw is None:
        return list(DEFAULT_SCALE)
    if not isinstance(raw, list):
        bad(data, "scale", "scale", "the scale must be a list of levels")
        return list(DEFAULT_SCALE)
    if len(raw) > MAX_LEVELS:
        bad(data, "scale", "scale", f"{len(raw)} levels (the limit is {MAX_LEVELS})")
        return list(DEFAULT_SCALE)
    scale: list[tuple[int, str]] = []
    for i, step in enumerate(raw):
        level = step.get("level") if isinstance(step, dict) else None
        label = _text(step.get("label")) if isinstance(step, dict) else None
        if not _is_int(level) or not 0 <= level <= MAX_LEVEL_NUMBER or label is None:
            bad(
                step,
                "level",
                f"scale[{i}]",
                f"each scale step needs a whole-number 'level' from 0 to {MAX_LEVEL_NUMBER} "
                "and a text 'label'",
            )
            continue
        if len(label) > MAX_NAME_CHARS:
            bad(step, "label", f"scale[{i}].label", f"longer than {MAX_NAME_CHARS} characters")
        scale.append((level, label or str(level)))
    levels = [lv for lv, _ in scale]
    if len(raw) < 2:
        bad(data, "scale", "scale", "the scale must list at least two levels")
    elif levels and levels != list(range(levels[0], levels[0] + len(levels))):
        bad(data, "scale", "scale", f"levels must count up one by one, lowest first (got {levels})")
    return scale or list(DEFAULT_SCALE)


def spec_to_dict(spec: FrameworkSpec) -> dict[str, object]:
    """Our JSON schema, in the same key order as the built-in files (so exports diff cleanly)."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "name": spec.name,
        "description": spec.description,
        "default_cadence_days": spec.default_cadence_days,
        "scale": [{"level": lv, "label": label} for lv, label in spec.scale],
        "areas": [
            {
                "name": a.name,
                "description": a.description,
                "skills": [_skill_dict(s) for s in a.skills],
            }
            for a in spec.areas
        ],
    }


def _skill_dict(s: SkillSpec) -> dict[str, object]:
    out: dict[str, object] = {
        "code": s.code,
        "name": s.name,
        "description": s.description,
        "target_level": s.target_level,
        "cadence_days": s.cadence_days,
    }
    if any(s.levels):
        out["levels"] = list(s.levels)
    if s.keywords:
        out["keywords"] = list(s.keywords)
    return out


def install_framework(session: Session, spec: FrameworkSpec) -> Framework:
    """Add ``spec`` as the journal's active framework (any previous one is deactivated)."""
    for old in session.query(Framework).filter(Framework.active.is_(True)):
        old.active = False
    fw = Framework(
        name=spec.name,
        description=spec.description,
        default_cadence_days=spec.default_cadence_days,
        active=True,
        external_id=spec.external_id,
    )
    fw.levels = [ScaleLevel(level=lv, label=label) for lv, label in spec.scale]
    session.add(fw)
    session.flush()
    levels = [lv for lv, _ in spec.scale]
    for ai, aspec in enumerate(spec.areas):
        area = Area(
            framework=fw,
            name=aspec.name,
            description=aspec.description,
            position=ai,
            external_id=aspec.external_id,
        )
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
                keywords="\n".join(sspec.keywords),
                position=si,
                external_id=sspec.external_id,
            )
            skill.descriptors = [
                LevelDescriptor(level=lv, text=text)
                for lv, text in zip(levels, sspec.levels, strict=False)
                if text
            ]
            session.add(skill)
    session.flush()
    return fw
