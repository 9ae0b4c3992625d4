"""A skill's keywords as the journal holds them, and the skills' terms for ``SkillMatcher``.

``Skill.keywords`` holds the words the user added, one per line (docs/skill-terms.md); the
command line and the framework editor change them, framework files carry them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from plnjournal.core.skills.lookup import list_skills
from plnjournal.core.skills.terms import SkillTerms, parse_keywords
from plnjournal.storage.models import Skill


def skill_keywords(skill: Skill) -> tuple[str, ...]:
    """The skill's keywords, in the order the user added them."""
    return parse_keywords(skill.keywords or "")


def change_keywords(
    skill: Skill,
    *,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    clear: bool = False,
) -> list[str]:
    """Clear, then remove, then add (each text may hold several, comma-separated); case is
    ignored when comparing. Returns the keywords asked to be removed that the skill did not
    have, so the caller can say so."""
    words = [] if clear else list(skill_keywords(skill))
    missing: list[str] = []
    for word in parse_keywords("\n".join(remove)):
        kept = [w for w in words if w.casefold() != word.casefold()]
        if len(kept) == len(words) and not clear:
            missing.append(word)
        words = kept
    words += parse_keywords("\n".join(add))
    skill.keywords = "\n".join(parse_keywords("\n".join(words)))
    return missing


def skill_terms(skill: Skill) -> SkillTerms:
    """What ``SkillMatcher`` needs of a skill: its description comes first among the
    descriptors, then its level descriptors in level order."""
    descriptors = [d.text for d in sorted(skill.descriptors, key=lambda d: d.level)]
    return SkillTerms(
        skill_id=skill.id,
        code=skill.code,
        name=skill.name,
        descriptors=tuple(t for t in (skill.description, *descriptors) if t),
        keywords=skill_keywords(skill),
    )


def framework_terms(session: Session, *, include_archived: bool = False) -> list[SkillTerms]:
    """The terms of the active framework's skills (archived ones only when asked): the
    rarity of a word is judged among the skills in use."""
    return [
        skill_terms(s)
        for s in list_skills(session, include_archived=include_archived)
        if include_archived or not s.area.archived
    ]
