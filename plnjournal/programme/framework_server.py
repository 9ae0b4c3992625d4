"""A trainee's skills framework as their journal shared it (``pln.frameworks``): the scale a
mentor rates them on (their journal takes nothing off it) and the targets their ratings are
read against. A trainee whose journal has not shared one yet is read with the defaults."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg

from plnjournal.core.frameworks.spec import DEFAULT_SCALE

# A skill the framework does not name is read against the journal's default target.
DEFAULT_TARGET = 3


@dataclass(frozen=True)
class ServerSkill:
    """One skill of a trainee's framework."""

    code: str
    name: str
    area: str
    target: int


@dataclass
class ServerFramework:
    """A trainee's framework as the server holds it (the defaults when none was shared)."""

    name: str = ""
    scale: list[tuple[int, str]] = field(default_factory=lambda: list(DEFAULT_SCALE))
    skills: dict[str, ServerSkill] = field(default_factory=dict)

    def target(self, code: str) -> int:
        """The skill's target level (the default for a skill the framework lacks)."""
        skill = self.skills.get(code)
        return skill.target if skill else DEFAULT_TARGET

    def label(self, level: int | None) -> str:
        """ "3 Competent", or the bare number off the scale."""
        if level is None:
            return ""
        names = dict(self.scale)
        return f"{level} {names[level]}" if level in names else str(level)


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def framework_from_row(name: Any, scale: Any, skills: Any) -> ServerFramework:
    """A framework from a ``pln.frameworks`` row; what is not as a journal writes it (the
    trainee's login may write anything there) is left out, and an empty scale is the default."""
    result = ServerFramework(name=str(name or ""))
    levels = [
        (n, str(s.get("label", "")))
        for s in (scale if isinstance(scale, list) else [])
        if isinstance(s, dict) and (n := _whole(s.get("level"))) is not None
    ]
    if levels:
        result.scale = levels
    for s in skills if isinstance(skills, list) else []:
        if not isinstance(s, dict) or not isinstance(s.get("code"), str):
            continue
        target = _whole(s.get("target_level"))
        result.skills[s["code"]] = ServerSkill(
            s["code"], str(s.get("name", "")), str(s.get("area", "")),
            DEFAULT_TARGET if target is None else target,
        )  # fmt: skip
    return result


def frameworks_of(
    conn: psycopg.Connection[Any], trainees: Sequence[str]
) -> dict[str, ServerFramework]:
    """The frameworks of these trainees (those who shared none are absent)."""
    return {
        str(trainee): framework_from_row(name, scale, skills)
        for trainee, name, scale, skills in conn.execute(
            "SELECT trainee, name, scale, skills FROM pln.frameworks WHERE trainee = ANY(%s)",
            (list(trainees),),
        )
    }


def read_framework(conn: psycopg.Connection[Any], trainee: str) -> ServerFramework:
    """The trainee's framework, or the defaults when their journal shared none."""
    return frameworks_of(conn, [trainee]).get(trainee) or ServerFramework()
