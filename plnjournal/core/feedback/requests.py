"""Asking a mentor for feedback: a template they can fill in (CSV, Markdown or JSON) that the
importer reads back as it is, and a recorded feedback request (date, mentor, skills)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plnjournal.core.feedback.formats import JSON_FORMAT
from plnjournal.core.skills.lookup import active_framework, find_skill, list_skills
from plnjournal.errors import InputError
from plnjournal.paths import write_whole
from plnjournal.storage.models import FeedbackRequest, FeedbackRequestSkill, Skill

TEMPLATE_FORMATS = (".csv", ".md", ".json")


@dataclass
class TemplateResult:
    path: Path
    request_id: int
    skills: list[str]


def _descriptors(skill: Skill, scale: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    return [(lv, label, skill.descriptor(lv)) for lv, label in scale]


def _csv_template(skills: list[Skill], scale: list[tuple[int, str]], mentor: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["date", "mentor", "skill", "rating", "comment", "skill name", "level descriptors"]
    )
    for s in skills:
        levels = "\n".join(
            f"{lv} {label}: {text}" if text else f"{lv} {label}"
            for lv, label, text in _descriptors(s, scale)
        )
        writer.writerow(["", mentor, s.code, "", "", s.name, levels])
    return out.getvalue()


def _md_template(skills: list[Skill], scale: list[tuple[int, str]], mentor: str) -> str:
    lo, hi = scale[0][0], scale[-1][0]
    labels = ", ".join(f"{lv} {label}" for lv, label in scale)
    parts = [
        "---",
        f"mentor: {mentor}",
        "date: ",
        "---",
        "",
        "<!-- Thank you for giving feedback. Fill in your name and the date above "
        "(YYYY-MM-DD). For each skill, write a rating after 'Rating:' "
        f"({lo}–{hi}: {labels}) and any comments under it. Leave a skill blank to skip it. "
        "Text between these arrows is guidance and is not imported. -->",
        "",
    ]
    for s in skills:
        guide = "\n".join(
            f"     {lv} {label}: {text}" if text else f"     {lv} {label}"
            for lv, label, text in _descriptors(s, scale)
        )
        parts += [
            f"## {s.code} {s.name}",
            "",
            f"<!-- Target level {s.target_level}. What the levels look like:\n{guide}\n-->",
            "",
            "Rating: ",
            "",
            "",
        ]
    return "\n".join(parts)


def _json_template(skills: list[Skill], scale: list[tuple[int, str]], mentor: str) -> str:
    data = {
        "format": JSON_FORMAT,
        "version": 1,
        "mentor": mentor,
        "date": "",
        "scale": [{"level": lv, "label": label} for lv, label in scale],
        "items": [
            {
                "skill": s.code,
                "skill_name": s.name,
                "target_level": s.target_level,
                "levels": {f"{lv} {label}": text for lv, label, text in _descriptors(s, scale)},
                "rating": None,
                "comment": "",
            }
            for s in skills
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_feedback_template(
    session: Session,
    out: str | os.PathLike[str],
    *,
    skill_codes: list[str] | None = None,
    mentor: str = "",
    today: dt.date | None = None,
    overwrite: bool = False,
) -> TemplateResult:
    """Write a template for ``skill_codes`` (default: every active skill) and record the
    request. The file is written whole or not at all; an existing file is kept unless
    ``overwrite``."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in TEMPLATE_FORMATS:
        raise InputError(
            f"{path.name}: a template is .csv, .md or .json, not {suffix or 'no extension'}"
        )
    if path.exists() and not overwrite:
        raise InputError(f"{path}: already exists; choose another name (or --force)")
    fw = active_framework(session)
    if fw is None:
        raise InputError("the journal has no skills framework yet; install one first")
    if skill_codes:
        skills: list[Skill] = []
        for code in skill_codes:
            skill = find_skill(session, code, what="--skills")
            if skill not in skills:
                skills.append(skill)
    else:
        skills = list_skills(session, include_archived=False)
    if not skills:
        raise InputError("the framework has no active skills to ask about")
    scale = [(lv.level, lv.label) for lv in fw.levels] or [(n, str(n)) for n in range(1, 6)]
    mentor = " ".join(mentor.split())
    writer = {".csv": _csv_template, ".md": _md_template, ".json": _json_template}[suffix]
    text = writer(skills, scale, mentor)
    data = ("\ufeff" + text if suffix == ".csv" else text).encode("utf-8")
    write_whole(path, data, what="the template")  # never through a planted link
    request = FeedbackRequest(
        requested_on=today or dt.date.today(), mentor=mentor, file_name=path.name
    )
    request.skills = [FeedbackRequestSkill(skill_id=s.id) for s in skills]
    session.add(request)
    session.flush()
    return TemplateResult(path=path, request_id=request.id, skills=[s.code for s in skills])


def last_requested(session: Session) -> dict[int, dt.date]:
    """When feedback was last asked for on each skill (skill id -> date)."""
    rows = session.execute(
        select(FeedbackRequestSkill.skill_id, func.max(FeedbackRequest.requested_on))
        .join(FeedbackRequest, FeedbackRequest.id == FeedbackRequestSkill.request_id)
        .group_by(FeedbackRequestSkill.skill_id)
    )
    return {skill_id: day for skill_id, day in rows}
