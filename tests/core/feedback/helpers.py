"""Helpers for the feedback import tests: a skill index without a database, table snapshots."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from plnjournal.core.feedback.schema import SkillIndex, SkillRef

SCALE = [
    (1, "Novice"),
    (2, "Advanced beginner"),
    (3, "Competent"),
    (4, "Proficient"),
    (5, "Expert"),
]


def small_index() -> SkillIndex:
    """Four skills of the teaching framework, enough to parse any test file offline."""
    return SkillIndex(
        [
            SkillRef(1, "CL1", "Managing transitions", 3),
            SkillRef(2, "IN1", "Explaining new ideas clearly", 3),
            SkillRef(3, "IN2", "Questioning to check understanding", 3),
            SkillRef(4, "PA1", "Difficult conversations with parents", 3),
        ],
        SCALE,
    )


def snapshot(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, so a test can prove an import changed nothing at all."""
    conn = sqlite3.connect(db_path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        conn.close()
