"""Finding skills by what the user types (code or name) and reading the active framework."""

from __future__ import annotations

import difflib

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from plnjournal.errors import InputError
from plnjournal.storage.models import Area, Framework, Skill


def active_framework(session: Session) -> Framework | None:
    """The framework in use (the newest active one), its levels loaded; None before one
    is installed."""
    return session.scalars(
        select(Framework)
        .where(Framework.active.is_(True))
        .options(selectinload(Framework.levels))
        .order_by(Framework.id.desc())
    ).first()


def list_skills(session: Session, *, include_archived: bool = True) -> list[Skill]:
    """Skills of the active framework in framework order (area, then position)."""
    fw = active_framework(session)
    if fw is None:
        return []
    stmt = (
        select(Skill)
        .join(Area)
        .where(Skill.framework_id == fw.id)
        .options(selectinload(Skill.area), selectinload(Skill.descriptors))
        .order_by(Area.position, Area.id, Skill.position, Skill.id)
    )
    if not include_archived:
        stmt = stmt.where(Skill.archived.is_(False))
    return list(session.scalars(stmt))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def find_skill(session: Session, name_or_code: str, *, what: str = "skill") -> Skill:
    """The skill whose code or name matches (case and surrounding spaces ignored).

    An unknown skill is an error that suggests close matches.
    """
    wanted = _norm(name_or_code)
    skills = list_skills(session)
    for skill in skills:
        if _norm(skill.code) == wanted:
            return skill
    for skill in skills:
        if _norm(skill.name) == wanted:
            return skill
    raise InputError(unknown_skill_message(name_or_code, skills, what=what))


def unknown_skill_message(name_or_code: str, skills: list[Skill], *, what: str = "skill") -> str:
    """The error for a skill that is not found, with the closest codes or names as
    suggestions, so a typo is fixed without looking the list up."""
    if not skills:
        return f"{what}: unknown skill {name_or_code!r}: the journal has no skills framework yet"
    choices = {_norm(s.code): s for s in skills} | {_norm(s.name): s for s in skills}
    close = difflib.get_close_matches(_norm(name_or_code), list(choices), n=3, cutoff=0.6)
    seen: list[str] = []
    for key in close:
        s = choices[key]
        label = f"{s.code} ({s.name})"
        if label not in seen:
            seen.append(label)
    hint = f"; did you mean {', '.join(seen)}?" if seen else "; 'plnjournal skills list' shows them"
    return f"{what}: unknown skill {name_or_code!r}{hint}"


def effective_cadence_days(skill: Skill, framework: Framework | None) -> int | None:
    """How often the user wants to reflect on ``skill``: its own cadence, else the framework's
    default; None when neither is set (the skill is never "overdue")."""
    if skill.cadence_days is not None:
        return skill.cadence_days
    return framework.default_cadence_days if framework is not None else None
