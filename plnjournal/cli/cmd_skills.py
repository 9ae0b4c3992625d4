"""Skills commands: list the framework's skills, import and export frameworks, the matrix, a
skill's keywords."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from plnjournal.cli.args import output_path
from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_error, print_json, print_warning
from plnjournal.core.dates import parse_date
from plnjournal.core.frameworks.files import (
    SKILLS_ONLY,
    file_format,
    read_framework_file,
    write_framework_file,
)
from plnjournal.core.frameworks.spec import builtin_frameworks, load_builtin
from plnjournal.core.frameworks.sync import import_framework, spec_from_framework
from plnjournal.core.skills.keywords import change_keywords, skill_keywords
from plnjournal.core.skills.lookup import (
    active_framework,
    effective_cadence_days,
    find_skill,
    list_skills,
)
from plnjournal.core.skills.matrix import skill_matrix
from plnjournal.core.words import plural
from plnjournal.errors import InputError, ValidationError


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    """The framework as the journal holds it, to find a skill's code for ``--skill``."""
    with ctx.db(create=False).session() as session:
        fw = active_framework(session)
        skills = [
            s
            for s in list_skills(session, include_archived=not args.active)
            if not (args.active and s.area.archived)
        ]
        rows = [
            {
                "code": s.code,
                "name": s.name,
                "area": s.area.name,
                "description": s.description,
                "target_level": s.target_level,
                "cadence_days": s.cadence_days,
                "effective_cadence_days": effective_cadence_days(s, fw),
                "archived": s.archived or s.area.archived,
            }
            for s in skills
        ]
    if args.json:
        print_json(rows)
        return 0
    if fw is None:
        info("The journal has no skills framework yet: 'plnjournal skills import FILE' adds one.")
        return 0
    info(f"{fw.name}: {plural(len(rows), 'skill')}")
    area = None
    for r in rows:
        if r["area"] != area:
            area = r["area"]
            info(f"\n{area}")
        cadence = (
            f"every {r['effective_cadence_days']} d"
            if r["effective_cadence_days"]
            else "no cadence"
        )
        flag = "  (archived)" if r["archived"] else ""
        info(f"  {r['code']:<6} {r['name']:<44} target {r['target_level']}  {cadence}{flag}")
    return 0


def _print_problems(exc: Exception) -> int:
    assert isinstance(exc, ValidationError)
    for problem in exc.problems:
        print_error(str(problem))
    n = len(exc.problems)
    print_error(f"{n} problem{'s' if n != 1 else ''}; nothing was imported")
    return exc.exit_code


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    """Install or update the framework from a file; ``--dry-run`` shows the changes first,
    and any problem in the file imports nothing."""
    builtin = "" if args.format else _builtin(str(args.file))
    fmt = "json" if builtin else args.format or file_format(args.file, what="skills import")
    skills_only = fmt in SKILLS_ONLY
    db = ctx.db()
    try:
        with db.session() as session:
            fw = active_framework(session)
            scale = [(lv.level, lv.label) for lv in fw.levels] if fw and skills_only else None
            spec = (
                load_builtin(builtin)
                if builtin
                else read_framework_file(args.file, scale=scale, fmt=fmt, root=args.root)
            )
            summary = import_framework(session, spec, skills_only=skills_only, file=str(args.file))
            if args.dry_run:
                session.rollback()
    except ValidationError as exc:
        return _print_problems(exc)
    if args.json:
        print_json(summary.as_dict() | {"dry_run": args.dry_run})
        return 0
    verb = "Would import" if args.dry_run else "Imported"
    what = "as the journal's framework" if summary.installed else "over the journal's framework"
    info(f"{verb} {args.file} {what} ({summary.framework}).")
    for line in summary.lines():
        info(f"  {line}")
    if args.dry_run:
        info("Nothing was written (--dry-run).")
    return 0


def _builtin(name: str) -> str:
    """The built-in framework a bare name means ("teaching"), or "" for a file. A name with
    no extension that is neither a file nor a built-in framework is an error here, before a
    journal is opened or made."""
    path = Path(name).expanduser()
    if path.suffix or path.exists():
        return ""
    known = builtin_frameworks()
    if name.strip().casefold() in known:
        return name.strip().casefold()
    raise InputError(
        f"skills import: {name!r} is neither a .csv or .json file nor a built-in framework "
        f"({', '.join(known)})"
    )


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    """The framework as a file to edit or share, in the formats ``skills import`` reads."""
    args.file = output_path(
        args.file, default_name="framework.json", force=args.force, what="skills export"
    )
    file_format(args.file, what="skills export")
    with ctx.db(create=False).session() as session:
        spec = spec_from_framework(session)
    write_framework_file(args.file, spec)
    info(f"Exported {spec.name} ({plural(len(spec.all_skills()), 'skill')}) to {args.file}.")
    return 0


def cmd_matrix(args: argparse.Namespace, ctx: Context) -> int:
    """Levels, gaps and attention per skill, as of a day, for a terminal or (``--json``) a
    script."""
    as_of = parse_date(args.as_of, what="--as-of") if args.as_of else None
    with ctx.db(create=False).session() as session:
        m = skill_matrix(session, as_of=as_of)
    rows: list[dict[str, Any]] = [
        {
            "code": r.code,
            "name": r.name,
            "area": r.area,
            "archived": r.archived,
            "target_level": r.target_level,
            "self": r.latest_self.level if r.latest_self else None,
            "mentor": r.latest_mentor.level if r.latest_mentor else None,
            "current_level": r.current_level,
            "gap_to_target": r.gap_to_target,
            "self_mentor_gap": r.self_mentor_gap,
            "blind_spot": m.is_blind_spot(r),
            "last_reflected": r.last_reflected.isoformat() if r.last_reflected else None,
            "reflections_90_days": r.reflections_recent,
            "cadence_days": r.cadence_days,
            "overdue_days": r.overdue_days,
            "trend": r.trend,
        }
        for r in m.rows
    ]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        info("The journal has no skills framework yet.")
        return 0
    info(f"{m.framework}, as of {m.as_of.isoformat()}")
    info(f"{'code':<6} {'skill':<40} tgt self mntr  gap  s-m  last refl.  90d")

    def num(v: int | None, signed: bool = False) -> str:
        return "–" if v is None else (f"{v:+d}" if signed else str(v))

    for r in rows:
        info(
            f"{r['code']:<6} {r['name'][:40]:<40} {r['target_level']:>3} {num(r['self']):>4} "
            f"{num(r['mentor']):>4} {num(r['gap_to_target']):>4} "
            f"{num(r['self_mentor_gap'], True):>4}  {r['last_reflected'] or 'never':<10} "
            f"{r['reflections_90_days']:>4}" + ("  blind spot" if r["blind_spot"] else "")
        )
    info()
    info(
        "tgt: target level · self: your latest rating · mntr: your mentor's latest · gap: "
        "levels still to go to the target (the mentor's rating, else yours) · s-m: self minus "
        "mentor · last refl.: the latest reflection linked to it · 90d: reflections in the "
        "last 90 days · blind spot: you rate yourself well above what mentors said lately"
    )
    return 0


def cmd_keywords(args: argparse.Namespace, ctx: Context) -> int:
    """A skill's keywords, changed first when asked (``--clear``, ``--remove``, ``--add``)."""
    with ctx.db(create=False).session() as session:  # commits on leaving, when it changed
        skill = find_skill(session, args.skill, what="skills keywords")
        missing = change_keywords(skill, add=args.add, remove=args.remove, clear=args.clear)
        words = skill_keywords(skill)
        code, name = skill.code, skill.name
    for word in missing:
        print_warning(f"{code} had no keyword {word!r}")
    if args.json:
        print_json({"code": code, "keywords": list(words)})
        return 0
    if not words:
        info(f"{code} {name}: no keywords (its code, name and descriptors still count)")
        return 0
    info(f"{code} {name}: {len(words)} keyword{'s' if len(words) != 1 else ''}")
    for word in words:
        info(f"  {word}")
    return 0
