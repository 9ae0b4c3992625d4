"""The journal's framework as a spec (export), and importing a spec over it (re-import).

Re-importing matches skills by code (case ignored) and areas by name, updates them in place so
every rating and link stays, and never deletes a skill that has data: it is archived. A skill
without any data that the file no longer lists is removed. A skill the file gives no keywords
keeps the ones the user added. Every change is reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select, union
from sqlalchemy.orm import Session, selectinload

from plnjournal.core.frameworks.spec import AreaSpec, FrameworkSpec, SkillSpec, install_framework
from plnjournal.core.skills.lookup import active_framework
from plnjournal.core.skills.terms import parse_keywords
from plnjournal.core.words import plural
from plnjournal.errors import PlnError, Problem, ValidationError
from plnjournal.storage.models import (
    Area,
    Commitment,
    EntrySkill,
    FeedbackItem,
    FeedbackRequestSkill,
    Framework,
    LevelDescriptor,
    Nudge,
    Rating,
    ScaleLevel,
    Skill,
)

# Every table that refers to a skill: a skill referred to anywhere "has data".
_SKILL_REFERENCES = (
    EntrySkill.skill_id,
    Rating.skill_id,
    FeedbackItem.skill_id,
    Commitment.skill_id,
    Nudge.skill_id,
    FeedbackRequestSkill.skill_id,
)


def skills_with_data(session: Session, skill_ids: list[int] | None = None) -> set[int]:
    """Ids of skills that reflections, ratings, feedback, commitments or nudges refer to."""
    stmt = union(*(select(col).where(col.is_not(None)) for col in _SKILL_REFERENCES))
    found = {row[0] for row in session.execute(stmt) if row[0] is not None}
    return found if skill_ids is None else found & set(skill_ids)


def spec_from_framework(session: Session, framework: Framework | None = None) -> FrameworkSpec:
    """The active framework as a spec: what an export writes. Archived areas and skills are
    left out: the file describes the framework as it is used now."""
    fw = framework or active_framework(session)
    if fw is None:
        raise PlnError("framework: the journal has no skills framework yet; import one first")
    levels = [lv.level for lv in fw.levels]
    spec = FrameworkSpec(
        name=fw.name,
        description=fw.description,
        scale=[(lv.level, lv.label) for lv in fw.levels],
        default_cadence_days=fw.default_cadence_days,
        external_id=fw.external_id,
    )
    areas = session.scalars(
        select(Area)
        .where(Area.framework_id == fw.id, Area.archived.is_(False))
        .options(selectinload(Area.skills).selectinload(Skill.descriptors))
        .order_by(Area.position, Area.id)
    )
    for area in areas:
        aspec = AreaSpec(name=area.name, description=area.description, external_id=area.external_id)
        for skill in sorted(area.skills, key=lambda s: (s.position, s.id)):
            if skill.archived:
                continue
            texts = {d.level: d.text for d in skill.descriptors}
            aspec.skills.append(
                SkillSpec(
                    code=skill.code,
                    name=skill.name,
                    description=skill.description,
                    target_level=skill.target_level,
                    cadence_days=skill.cadence_days,
                    levels=[texts.get(lv, "") for lv in levels] if texts else [],
                    keywords=list(parse_keywords(skill.keywords)),
                    external_id=skill.external_id,
                )
            )
        spec.areas.append(aspec)
    return spec


@dataclass
class ImportSummary:
    """What an import did (or would do, on a dry run), by skill code."""

    framework: str = ""
    installed: bool = False
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    areas_added: list[str] = field(default_factory=list)
    areas_archived: list[str] = field(default_factory=list)
    areas_removed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """What ``--json`` prints."""
        return dict(self.__dict__)

    def lines(self) -> list[str]:
        """The summary in plain words, one line per kind of change."""
        out = []
        for label, codes in (
            ("added", self.added),
            ("updated", self.updated),
            ("restored from the archive", self.restored),
            (
                "archived (they have reflections, ratings or feedback, so they are kept)",
                self.archived,
            ),
            ("removed (no reflections, ratings or feedback referred to them)", self.removed),
        ):
            if codes:
                out.append(
                    f"{len(codes)} skill{'s' if len(codes) != 1 else ''} {label}: {', '.join(codes)}"
                )
        for label, names in (
            ("added", self.areas_added),
            ("archived", self.areas_archived),
            ("removed", self.areas_removed),
        ):
            if names:
                out.append(
                    f"{len(names)} area{'s' if len(names) != 1 else ''} {label}: {', '.join(names)}"
                )
        if self.unchanged:
            out.append(f"{plural(len(self.unchanged), 'skill')} unchanged")
        return out


def import_framework(
    session: Session,
    spec: FrameworkSpec,
    *,
    skills_only: bool = False,
    file: str = "",
) -> ImportSummary:
    """Install ``spec``, or merge it into the active framework.

    ``skills_only`` (CSV files) keeps the framework's name, description, default cadence,
    scale and area descriptions, which such files do not carry. For a dry run the caller
    rolls its session back instead of committing.
    """
    fw = active_framework(session)
    if fw is None:
        summary = ImportSummary(framework=spec.name, installed=True)
        summary.added = [s.code for s in spec.all_skills()]
        summary.areas_added = [a.name for a in spec.areas]
        install_framework(session, spec)
        return summary
    summary = ImportSummary(framework=spec.name if not skills_only else fw.name)
    if not skills_only:
        _merge_scale(session, fw, spec, file)
    _merge(session, fw, spec, skills_only, summary, file)
    return summary


def _merge_scale(session: Session, fw: Framework, spec: FrameworkSpec, file: str) -> None:
    old = [lv.level for lv in fw.levels]
    new = [lv for lv, _ in spec.scale]
    if old != new:
        skill_ids = list(session.scalars(select(Skill.id).where(Skill.framework_id == fw.id)))
        rated = session.scalar(select(Rating.id).where(Rating.skill_id.in_(skill_ids)).limit(1))
        if rated is not None:
            raise ValidationError(
                [
                    Problem(
                        file or "framework",
                        None,
                        "scale",
                        f"the file's scale {new[0]}–{new[-1]} differs from the journal's "
                        f"{old[0]}–{old[-1]}, and ratings already use the journal's scale; "
                        "keep the scale, or start a new journal for the new scale",
                    )
                ]
            )


def _merge(
    session: Session,
    fw: Framework,
    spec: FrameworkSpec,
    skills_only: bool,
    summary: ImportSummary,
    file: str = "",
) -> None:
    if not skills_only:
        fw.name, fw.description = spec.name, spec.description
        fw.default_cadence_days = spec.default_cadence_days
        fw.external_id = spec.external_id or fw.external_id
        labels = dict(spec.scale)
        for step in list(fw.levels):  # in place: the (framework, level) pair is unique
            if step.level in labels:
                step.label = labels.pop(step.level)
            else:
                fw.levels.remove(step)
        session.flush()
        for lv, label in labels.items():
            fw.levels.append(ScaleLevel(level=lv, label=label))
        fw.levels.sort(key=lambda step: step.level)
    levels = [lv.level for lv in fw.levels]
    areas = list(session.scalars(select(Area).where(Area.framework_id == fw.id)))
    skills = list(
        session.scalars(
            select(Skill)
            .where(Skill.framework_id == fw.id)
            .options(selectinload(Skill.descriptors))
        )
    )
    matched = _match_skills(session, spec, skills, file)
    matched_areas = _match(spec.areas, areas, "name")
    _park(session, spec.areas, matched_areas, "name")
    kept_areas: set[int] = set()
    kept_skills: set[int] = set()
    for ai, aspec in enumerate(spec.areas):
        area = matched_areas.get(id(aspec))
        if area is None:
            area = Area(framework_id=fw.id, name=aspec.name, description=aspec.description)
            session.add(area)
            session.flush()
            summary.areas_added.append(aspec.name)
        area.name, area.position, area.archived = aspec.name, ai, False
        area.external_id = aspec.external_id or area.external_id
        if not skills_only:
            area.description = aspec.description
        kept_areas.add(area.id)
        for si, sspec in enumerate(aspec.skills):
            skill = matched.get(id(sspec))
            if skill is None:
                skill = Skill(framework_id=fw.id, area_id=area.id, code=sspec.code, name=sspec.name)
                _apply(skill, sspec, levels)
                skill.position = si
                session.add(skill)
                summary.added.append(sspec.code)
                continue
            was_archived = skill.archived
            changed = _apply(skill, sspec, levels)
            changed |= skill.area_id != area.id  # a new position alone is no change to report
            skill.area_id, skill.position, skill.archived = area.id, si, False
            kept_skills.add(skill.id)
            if was_archived:
                summary.restored.append(sspec.code)
            elif changed:
                summary.updated.append(sspec.code)
            else:
                summary.unchanged.append(sspec.code)
    gone = [s for s in skills if s.id not in kept_skills]
    with_data = skills_with_data(session, [s.id for s in gone])
    for skill in sorted(gone, key=lambda s: (s.area_id, s.position)):
        if skill.id in with_data:
            if not skill.archived:
                skill.archived = True
                summary.archived.append(skill.code)
        else:
            session.delete(skill)
            summary.removed.append(skill.code)
    session.flush()
    for area in areas:
        if area.id in kept_areas:
            continue
        has_skills = session.scalar(select(Skill.id).where(Skill.area_id == area.id).limit(1))
        if has_skills is not None:
            if not area.archived:
                area.archived = True
                summary.areas_archived.append(area.name)
        else:
            session.delete(area)
            summary.areas_removed.append(area.name)
    session.flush()


def _match(
    specs: Sequence[AreaSpec | SkillSpec],
    rows: Sequence[Area | Skill],
    key: str,
    *,
    strict: bool = False,
) -> dict[int, Area | Skill]:
    """The journal's row for each of the file's (by ``id`` of its spec): first the one with
    its external identifier, then, among the rest, the one with its ``key`` (code or name,
    case ignored); when ``strict``, not a row that carries another identifier than the
    file's (a skill is a competency, not a code)."""
    by_id = {r.external_id: r for r in rows if r.external_id}
    found: dict[int, Area | Skill] = {}
    taken: set[int] = set()
    for spec in specs:
        row = by_id.get(spec.external_id) if spec.external_id else None
        if row is not None:
            found[id(spec)] = row
            taken.add(id(row))
    by_key = {getattr(r, key).casefold(): r for r in rows if id(r) not in taken}
    for spec in specs:
        if id(spec) in found:
            continue
        row = by_key.get(getattr(spec, key).casefold())
        if row is not None and not (strict and row.external_id and spec.external_id):
            found[id(spec)] = row
            taken.add(id(row))
            del by_key[getattr(spec, key).casefold()]
    return found


def _park(
    session: Session,
    specs: Sequence[AreaSpec | SkillSpec],
    found: Mapping[int, Area | Skill],
    key: str,
) -> None:
    """Give every matched row whose ``key`` changes a placeholder first (one flush), so two
    skills may swap codes, or two areas names, without tripping the unique key."""
    moving = [
        row
        for spec in specs
        if (row := found.get(id(spec))) is not None
        and getattr(row, key).casefold() != getattr(spec, key).casefold()
    ]
    if moving:
        for row in moving:
            setattr(row, key, f"~{row.id}")  # no code or name is a tilde and a number alone
        session.flush()


def _match_skills(
    session: Session, spec: FrameworkSpec, skills: list[Skill], file: str
) -> dict[int, Skill]:
    """``_match`` for skills, refusing a file whose code another skill of the journal, one
    the file does not list, would keep (it is archived, not removed, when it has data)."""
    specs = spec.all_skills()
    found = {
        k: v for k, v in _match(specs, skills, "code", strict=True).items() if isinstance(v, Skill)
    }
    taken = {id(s) for s in found.values()}
    by_code = {s.code.casefold(): s for s in skills if id(s) not in taken}
    problems = [
        Problem(
            file or "framework",
            None,
            sspec.code,
            f"the journal's skill {other.code} ({other.name}) has this code and is not in the "
            "file; give one of them another code",
        )
        for sspec in specs
        if (other := by_code.get(sspec.code.casefold())) is not None
    ]
    if problems:
        raise ValidationError(problems)
    _park(session, specs, found, "code")
    return found


def _apply(skill: Skill, sspec: SkillSpec, levels: list[int]) -> bool:
    """Copy a spec onto a skill; True if anything changed."""
    changed = skill.external_id != sspec.external_id and bool(sspec.external_id)
    if sspec.external_id:
        skill.external_id = sspec.external_id
    for attr in ("code", "name", "description", "target_level", "cadence_days"):
        value = getattr(sspec, attr)
        if getattr(skill, attr) != value:
            setattr(skill, attr, value)
            changed = True
    keywords = "\n".join(sspec.keywords)
    if keywords and skill.keywords != keywords:  # a file without keywords keeps the user's
        skill.keywords = keywords
        changed = True
    new = {lv: text for lv, text in zip(levels, sspec.levels, strict=False) if text}
    if new != {d.level: d.text for d in skill.descriptors}:
        set_descriptors(skill, new)
        changed = True
    return changed


def set_descriptors(skill: Skill, texts: dict[int, str]) -> None:
    """Make the skill's level descriptors ``texts``, editing rows in place (the (skill,
    level) pair is unique, and a flush inserts before it deletes)."""
    texts = {lv: t for lv, t in texts.items() if t}
    for d in list(skill.descriptors):
        if d.level in texts:
            d.text = texts.pop(d.level)
        else:
            skill.descriptors.remove(d)
    for lv, text in sorted(texts.items()):
        skill.descriptors.append(LevelDescriptor(level=lv, text=text))
