"""Importing mentor feedback: validate every file completely, then write all of it or nothing.

``plan_import`` reads and checks, writing nothing (``plan``, with the per-item checks in
``validate``); ``apply_import`` writes a plan in one transaction after a backup;
``import_feedback`` does both for the CLI. The front ends import all of it from here. An item
already in the journal (same fingerprint) is counted as a duplicate and never stored twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from plnjournal.core.feedback.items import add_feedback_items, known_fingerprints
from plnjournal.core.feedback.plan import (
    ImportPlan,
    Progress,
    Source,
    load_sources,
    plan_import,
    plan_sources,
)
from plnjournal.core.feedback.schema import ParsedFile, SkillRef
from plnjournal.core.feedback.validate import ImportOptions, PlannedItem, PreviewRow
from plnjournal.core.gc_pause import paused_gc
from plnjournal.core.skills.lookup import active_framework
from plnjournal.errors import PlnError, Problem
from plnjournal.storage.backup import make_backup
from plnjournal.storage.db import Database
from plnjournal.storage.models import Area, FeedbackImport, Skill

# The names the front ends, the bench and the tests use, whichever module defines them.
__all__ = [
    "IMPORTED_AREA",
    "ImportOptions",
    "ImportPlan",
    "ImportResult",
    "PlannedItem",
    "PreviewRow",
    "Progress",
    "Source",
    "apply_import",
    "import_feedback",
    "load_sources",
    "plan_import",
    "plan_sources",
]

IMPORTED_AREA = "Imported"


@dataclass
class ImportResult:
    imported: int = 0
    duplicates: int = 0
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    backup: Path | None = None
    new_skills: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """What ``--json`` prints: counts and every problem, as plain values."""
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "warnings": [w.as_dict() for w in self.warnings],
            "errors": [e.as_dict() for e in self.errors],
        }


# --- writing ----------------------------------------------------------------------------


def _create_skills(session: Session, new: list[SkillRef]) -> dict[str, Skill]:
    fw = active_framework(session)
    if fw is None:
        raise PlnError("the journal has no skills framework to add skills to")
    area = session.scalar(
        select(Area).where(Area.framework_id == fw.id, Area.name == IMPORTED_AREA)
    )
    if area is None:
        last = session.scalar(
            select(Area.position).where(Area.framework_id == fw.id).order_by(Area.position.desc())
        )
        area = Area(
            framework_id=fw.id,
            name=IMPORTED_AREA,
            description="Skills added when importing mentor feedback that named them.",
            position=(last or 0) + 1,
        )
        session.add(area)
        session.flush()
    taken = {
        c.casefold() for c in session.scalars(select(Skill.code).where(Skill.framework_id == fw.id))
    }
    created: dict[str, Skill] = {}
    for pos, ref in enumerate(new, start=len(area.skills)):
        if ref.code.casefold() in taken:
            raise PlnError(
                f"skill code {ref.code} was taken since the preview; check the file again"
            )
        skill = Skill(
            framework_id=fw.id,
            area=area,
            code=ref.code,
            name=ref.name,
            description="Added by a feedback import.",
            target_level=ref.target_level,
            position=pos,
        )
        session.add(skill)
        created[ref.code] = skill
    session.flush()
    return created


@paused_gc()
def apply_import(
    db: Database,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    backup: bool = True,
) -> ImportResult:
    """Write a checked plan in one transaction (after a backup); all of it or none of it."""
    result = ImportResult(warnings=list(plan.warnings), errors=list(plan.errors))
    if plan.errors:
        return result
    todo = [i for i in plan.items if not i.duplicate]
    result.duplicates = plan.duplicates
    if not todo:
        return result
    if backup:
        result.backup = make_backup(db.path, "before-feedback-import")
    total = len(todo)
    with db.session() as session:
        known = known_fingerprints(
            session, [i.fingerprint for i in todo if i.fingerprint is not None]
        )
        if known:  # written by someone else since the plan was made
            result.duplicates += sum(1 for i in todo if i.fingerprint in known)
            todo = [i for i in todo if i.fingerprint not in known]
        created = _create_skills(session, plan.new_skills) if plan.new_skills else {}
        by_file: dict[ParsedFile, list[PlannedItem]] = {}
        for item in todo:
            if item.skill is not None and item.skill.id is None:  # created just now
                item.skill_id = created[item.skill_code].id
            assert item.parsed is not None  # the validator sets it on every planned item
            by_file.setdefault(item.parsed, []).append(item)
        done = 0
        for pf, new in by_file.items():
            imp = FeedbackImport(file_name=pf.name, sha256=pf.sha256, format=pf.format)
            for start in range(0, len(new), 2000):
                if progress:
                    progress(done, total, f"Importing {done} of {total}…")
                chunk = new[start : start + 2000]
                add_feedback_items(session, imp, chunk)
                done += len(chunk)
        if progress:
            progress(total, total, "Saving…")
    result.imported = len(todo)
    result.new_skills = [f"{r.code} {r.name}" for r in plan.new_skills]
    return result


def import_feedback(
    db: Database,
    paths: Sequence[str | Path],
    options: ImportOptions | None = None,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check ``paths``; unless there is an error or this is a dry run, write every new item.

    With any error nothing is written and ``result.errors`` says what and where.
    """
    options = options or ImportOptions()
    with db.session() as session:
        plan = plan_import(session, paths, options, progress)
    if dry_run or plan.errors:
        return ImportResult(
            imported=0 if plan.errors else plan.new_count,
            duplicates=plan.duplicates,
            warnings=plan.warnings,
            errors=plan.errors,
            dry_run=dry_run,
            new_skills=[f"{r.code} {r.name}" for r in plan.new_skills],
        )
    return apply_import(db, plan, progress=progress)
