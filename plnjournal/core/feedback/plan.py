"""Planning a feedback import: read every file and check every item, writing nothing, so the
user sees all the problems at once and the preview before anything is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from plnjournal.core.feedback.formats import parse_file
from plnjournal.core.feedback.items import known_fingerprints
from plnjournal.core.feedback.schema import ParsedFile, SkillIndex, SkillRef, norm
from plnjournal.core.feedback.text import DEFAULT_MAX_BYTES, FileProblem, check_size
from plnjournal.core.feedback.validate import ImportOptions, PlannedItem, PreviewRow, Validator
from plnjournal.core.gc_pause import paused_gc
from plnjournal.errors import Problem
from plnjournal.storage.models import Area, Framework, ScaleLevel, Skill

Progress = Callable[[int, int, str], None]


@dataclass
class Source:
    """One file to import: its name, and its bytes or why they could not be read."""

    name: str
    data: bytes | None = None
    problem: str | None = None
    path: Path | None = None


@dataclass
class ImportPlan:
    files: list[ParsedFile] = field(default_factory=list)
    items: list[PlannedItem] = field(default_factory=list)
    rows: list[PreviewRow] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    new_skills: list[SkillRef] = field(default_factory=list)

    @property
    def new_count(self) -> int:
        """Items the import would add (duplicates are never stored twice)."""
        return sum(1 for i in self.items if not i.duplicate)

    @property
    def duplicates(self) -> int:
        """Items already in the journal or repeated in the files."""
        return sum(1 for i in self.items if i.duplicate)


# --- reading ----------------------------------------------------------------------------


def load_sources(paths: Sequence[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Source]:
    """Read each file's bytes, refusing what is missing, unreadable or over the size limit."""
    sources = []
    for p in paths:
        path = Path(p)
        src = Source(name=path.name or str(path), path=path)
        try:
            if path.is_dir():
                raise FileProblem("is a folder, not a file")
            check_size(path.stat().st_size, max_bytes)
            src.data = path.read_bytes()
            check_size(len(src.data), max_bytes)
        except FileNotFoundError:
            src.problem = "no such file"
        except FileProblem as exc:
            src.problem, src.data = exc.message, None
        except OSError as exc:
            src.problem = f"cannot be read ({exc.strerror or exc})"
        sources.append(src)
    return sources


def skill_index(session: Session) -> SkillIndex:
    """The active framework's skills and scale as plain values (three light queries)."""
    fw_id = session.scalar(
        select(Framework.id).where(Framework.active.is_(True)).order_by(Framework.id.desc())
    )
    if fw_id is None:
        return SkillIndex([], [])
    scale = session.execute(
        select(ScaleLevel.level, ScaleLevel.label)
        .where(ScaleLevel.framework_id == fw_id)
        .order_by(ScaleLevel.level)
    ).all()
    rows = session.execute(
        select(Skill.id, Skill.code, Skill.name, Skill.target_level, Skill.archived)
        .join(Area, Area.id == Skill.area_id)
        .where(Skill.framework_id == fw_id)
        .order_by(Area.position, Area.id, Skill.position, Skill.id)
    ).all()
    index = SkillIndex([SkillRef(*row) for row in rows], [(lv, label) for lv, label in scale])
    index.framework_id = fw_id
    return index


# --- checking -------------------------------------------------------------------------


@paused_gc()
def plan_sources(
    session: Session,
    sources: Sequence[Source],
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read and check every source; nothing is written. Problems are in the plan."""
    options = options or ImportOptions()
    index = skill_index(session)
    validator = Validator(session, index, options)
    plan = ImportPlan()
    total = len(sources)
    for n, src in enumerate(sources):
        if progress:
            progress(n, total, f"Reading {src.name}…")
        if src.data is None:
            pf = ParsedFile(src.name)
            pf.error(src.problem or "cannot be read")
        else:
            pf = parse_file(src.name, src.data, index, options.mapping)
        plan.files.append(pf)
        for k, item in enumerate(pf.items):
            if progress and k % 2000 == 1999:
                progress(n, total, f"Checking {src.name}: {k + 1} of {len(pf.items)}…")
            row = PreviewRow(pf.name, item)
            plan.rows.append(row)
            planned = validator.validate(pf, item, row)
            if planned is not None:
                row.planned = planned
                plan.items.append(planned)
    validator.unknown_problems()
    for pf in plan.files:
        if not pf.errors and not any(r.status != "skipped" for r in plan.rows if r.file == pf.name):
            blank = sum(1 for r in plan.rows if r.file == pf.name)
            pf.warn(
                "no ratings or comments to import"
                + (f" ({blank} blank item{'s' if blank != 1 else ''})" if blank else "")
            )
    if options.create_missing_skills and not validator.has_framework:
        plan.errors.append(
            Problem("", None, None, "the journal has no skills framework to add skills to")
        )
    for mapped in options.mapping:
        if not any(norm(c.header) == norm(mapped) for pf in plan.files for c in pf.columns):
            plan.warnings.append(Problem("--map", None, mapped, "no column has this header"))
    for pf in plan.files:
        pf.errors.sort(key=lambda p: p.line or 0)
        plan.errors.extend(pf.errors)
        plan.warnings.extend(pf.warnings)
    for row in plan.rows:
        if row.status == "new" and row.messages:
            row.status = "error"
    plan.new_skills = list(validator.new_skills.values())
    _mark_duplicates(session, plan)
    if progress:
        progress(total, total, "Checked")
    return plan


def _mark_duplicates(session: Session, plan: ImportPlan) -> None:
    known = known_fingerprints(
        session, [i.fingerprint for i in plan.items if i.fingerprint is not None]
    )
    seen: set[str | None] = set()
    for item in plan.items:
        if item.fingerprint in known or item.fingerprint in seen:
            item.duplicate = True
            if item.row is not None and item.row.status == "new":
                item.row.status = "duplicate"
        seen.add(item.fingerprint)


def plan_import(
    session: Session,
    paths: Sequence[str | Path],
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """``plan_sources`` over files on disk, each read within the size limit."""
    options = options or ImportOptions()
    return plan_sources(session, load_sources(paths, options.max_bytes), options, progress)
