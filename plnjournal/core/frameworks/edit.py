"""Editing the framework as a draft: load it, change it freely, save it in one transaction.

The GUI's framework editor works on a ``FrameworkDraft`` (plain data, ids kept), so Cancel
undoes everything and Save writes everything or nothing. A skill that has data can be
archived (reversible) but never deleted; ``save_draft`` refuses a draft that would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from plnjournal.core.frameworks.spec import (
    DEFAULT_CADENCE_DAYS,
    DEFAULT_SCALE,
    FrameworkSpec,
    install_framework,
)
from plnjournal.core.frameworks.sync import set_descriptors, skills_with_data
from plnjournal.core.skills.lookup import active_framework
from plnjournal.core.skills.terms import parse_keywords
from plnjournal.errors import PlnError
from plnjournal.storage.models import Area, Skill


@dataclass
class SkillDraft:
    code: str
    name: str
    description: str = ""
    target_level: int = 3
    cadence_days: int | None = None
    levels: dict[int, str] = field(default_factory=dict)
    archived: bool = False
    keywords: str = ""  # as typed (comma or one per line); saved one per line
    id: int | None = None


@dataclass
class AreaDraft:
    name: str
    description: str = ""
    archived: bool = False
    skills: list[SkillDraft] = field(default_factory=list)
    id: int | None = None


@dataclass
class FrameworkDraft:
    name: str = "My skills framework"
    description: str = ""
    default_cadence_days: int | None = DEFAULT_CADENCE_DAYS
    scale: list[tuple[int, str]] = field(default_factory=list)
    areas: list[AreaDraft] = field(default_factory=list)
    with_data: set[int] = field(default_factory=set)  # skill ids that may not be deleted
    id: int | None = None

    def all_skills(self) -> list[SkillDraft]:
        """Every skill of every area, in order."""
        return [s for a in self.areas for s in a.skills]

    def can_delete(self, skill: SkillDraft) -> bool:
        """Only a skill nothing refers to may be deleted; others can be archived."""
        return skill.id is None or skill.id not in self.with_data

    def new_code(self, area: AreaDraft) -> str:
        """A free code from the area's initials: "Classroom" → CL6 after CL5."""
        words = [w for w in area.name.split() if w[:1].isalpha()] or ["X"]
        prefix = (words[0][:2] if len(words) == 1 else words[0][0] + words[1][0]).upper()
        used = {s.code.casefold() for s in self.all_skills()}
        n = 1
        while f"{prefix}{n}".casefold() in used:
            n += 1
        return f"{prefix}{n}"


def load_draft(session: Session) -> FrameworkDraft:
    """The active framework as a draft (an empty one with the standard scale if none)."""
    fw = active_framework(session)
    if fw is None:
        return FrameworkDraft(scale=list(DEFAULT_SCALE))
    draft = FrameworkDraft(
        id=fw.id,
        name=fw.name,
        description=fw.description,
        default_cadence_days=fw.default_cadence_days,
        scale=[(lv.level, lv.label) for lv in fw.levels],
    )
    areas = session.scalars(
        select(Area)
        .where(Area.framework_id == fw.id)
        .options(selectinload(Area.skills).selectinload(Skill.descriptors))
        .order_by(Area.position, Area.id)
    )
    for area in areas:
        a = AreaDraft(area.name, area.description, area.archived, id=area.id)
        for s in sorted(area.skills, key=lambda s: (s.position, s.id)):
            a.skills.append(
                SkillDraft(
                    s.code,
                    s.name,
                    s.description,
                    s.target_level,
                    s.cadence_days,
                    {d.level: d.text for d in s.descriptors},
                    s.archived,
                    s.keywords,
                    id=s.id,
                )
            )
        draft.areas.append(a)
    draft.with_data = skills_with_data(session, [s.id for s in draft.all_skills() if s.id])
    return draft


def draft_problems(draft: FrameworkDraft) -> list[str]:
    """What must be fixed before saving, in plain words."""
    out: list[str] = []
    if not draft.name.strip():
        out.append("The framework needs a name.")
    if draft.default_cadence_days is not None and draft.default_cadence_days <= 0:
        out.append("The default cadence must be a positive number of days.")
    lo, hi = (draft.scale[0][0], draft.scale[-1][0]) if draft.scale else (1, 5)
    areas: set[str] = set()
    codes: dict[str, str] = {}
    for a in draft.areas:
        if not a.name.strip():
            out.append("An area has no name.")
        elif a.name.strip().casefold() in areas:
            out.append(f"There are two areas called “{a.name.strip()}”.")
        areas.add(a.name.strip().casefold())
        for s in a.skills:
            label = s.code or s.name or "a skill"
            if not s.code.strip():
                out.append(f"Skill “{s.name}” in {a.name} needs a code.")
            elif s.code.strip().casefold() in codes:
                out.append(
                    f"Code {s.code.strip()} is used by “{codes[s.code.strip().casefold()]}” and “{s.name}”."
                )
            else:
                codes[s.code.strip().casefold()] = s.name
            if not s.name.strip():
                out.append(f"Skill {label} needs a name.")
            if not lo <= s.target_level <= hi:
                out.append(
                    f"Skill {label}: target {s.target_level} is outside the scale {lo}–{hi}."
                )
            if s.cadence_days is not None and s.cadence_days <= 0:
                out.append(f"Skill {label}: the cadence must be a positive number of days.")
    return out


def save_draft(session: Session, draft: FrameworkDraft) -> None:
    """Write the draft over the active framework (creating one if there is none)."""
    if problems := draft_problems(draft):
        raise PlnError(" ".join(problems))
    fw = active_framework(session)
    if fw is None:
        fw = install_framework(session, FrameworkSpec(name=draft.name, scale=list(draft.scale)))
    fw.name, fw.description = draft.name.strip(), draft.description
    fw.default_cadence_days = draft.default_cadence_days
    areas = {a.id: a for a in session.scalars(select(Area).where(Area.framework_id == fw.id))}
    skills = {
        s.id: s
        for s in session.scalars(
            select(Skill)
            .where(Skill.framework_id == fw.id)
            .options(selectinload(Skill.descriptors))
        )
    }
    kept_skills = {s.id for s in draft.all_skills() if s.id is not None}
    removed = [s for sid, s in skills.items() if sid not in kept_skills]
    if blocked := skills_with_data(session, [s.id for s in removed]):
        codes = ", ".join(sorted(skills[i].code for i in blocked))
        raise PlnError(f"{codes}: these skills have reflections or ratings; archive them instead")
    for gone in removed:
        session.delete(gone)
    session.flush()
    for ai, ad in enumerate(draft.areas):
        area = areas.get(ad.id) if ad.id is not None else None
        if area is None:
            area = Area(framework_id=fw.id, name=ad.name.strip())
            session.add(area)
        area.name, area.description, area.position = ad.name.strip(), ad.description, ai
        area.archived = ad.archived
        session.flush()
        ad.id = area.id
        for si, sd in enumerate(ad.skills):
            skill = skills.get(sd.id) if sd.id is not None else None
            if skill is None:
                skill = Skill(framework_id=fw.id, area_id=area.id, code=sd.code.strip(), name="")
                session.add(skill)
            skill.area_id, skill.position, skill.archived = area.id, si, sd.archived
            skill.code, skill.name = sd.code.strip(), sd.name.strip()
            skill.description, skill.target_level = sd.description, sd.target_level
            skill.cadence_days = sd.cadence_days
            skill.keywords = "\n".join(parse_keywords(sd.keywords))
            set_descriptors(skill, sd.levels)
            session.flush()
            sd.id = skill.id
    kept_areas = {a.id for a in draft.areas}
    for aid, area in areas.items():
        if aid not in kept_areas:
            if session.scalar(select(Skill.id).where(Skill.area_id == aid).limit(1)) is not None:
                raise PlnError(f"Area “{area.name}” still has skills; move or archive them first")
            session.delete(area)
    session.flush()
