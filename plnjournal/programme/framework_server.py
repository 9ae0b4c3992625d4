"""The programme's framework on its server: the scale mentors rate on and the targets a
trainee's ratings are read against, set by the administrator, read by everyone."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from plnjournal.core.frameworks.spec import DEFAULT_SCALE, FrameworkSpec
from plnjournal.programme.connection import connect
from plnjournal.programme.server_schema import GroupRoles

# A skill the programme's framework does not name is read against the journal's default.
DEFAULT_TARGET = 3


@dataclass(frozen=True)
class ServerSkill:
    """One skill of the programme's framework."""

    code: str
    name: str
    area: str
    target: int


@dataclass
class ServerFramework:
    """The programme's framework as its server holds it (the defaults when none was set)."""

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


def set_framework(address: str, spec: FrameworkSpec, password: str | None = None) -> int:
    """Put ``spec`` on the server as the programme's framework (replacing any); its skills."""
    skills = spec.all_skills()
    with connect(address, password) as conn, conn.transaction():
        owner = GroupRoles.for_database(conn.info.dbname).owner
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(owner)))
        conn.execute(
            "INSERT INTO pln.framework (name, scale) VALUES (%s, %s) ON CONFLICT (id) "
            "DO UPDATE SET name = excluded.name, scale = excluded.scale, updated_at = now()",
            (spec.name, Jsonb([[n, label] for n, label in spec.scale])),
        )
        conn.execute("DELETE FROM pln.framework_skills")
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO pln.framework_skills (code, name, area, target_level, position) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (s.code, s.name, area.name, s.target_level, i)
                    for i, (area, s) in enumerate((a, s) for a in spec.areas for s in a.skills)
                ],
            )
    return len(skills)


def read_framework(conn: psycopg.Connection[Any]) -> ServerFramework:
    """The programme's framework, or the defaults when the administrator set none."""
    result = ServerFramework()
    row = conn.execute("SELECT name, scale FROM pln.framework").fetchone()
    if row is not None:
        result.name = str(row[0])
        result.scale = [(int(n), str(label)) for n, label in row[1]]
    for code, name, area, target in conn.execute(
        "SELECT code, name, area, target_level FROM pln.framework_skills ORDER BY position, code"
    ):
        result.skills[code] = ServerSkill(code, name, area, int(target))
    return result
