"""Achieved skills out as Open Badges 3.0 credentials a trainee can carry to another portfolio
(docs/frameworks.md, "Evidence out"): one JSON-LD file per skill and an index CSV.

The credentials are the trainee's own statement of a mentor's rating, so issuer and subject
are the journal's owner. They are unsigned: no proof section, because the journal holds no
signing key; a portfolio can read them but cannot verify who issued them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from plnjournal.core.journal.settings import OWNER_NAME, get_setting, set_setting
from plnjournal.core.report.names import MentorNames
from plnjournal.core.skills.achievements import Achieved, achievements
from plnjournal.errors import InputError, PlnError

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# The journal's own identifier, made once: issuer and subject of every credential it writes.
JOURNAL_ID = "journal_id"
INDEX = "index.csv"
INDEX_COLUMNS = (
    "file",
    "code",
    "skill",
    "area",
    "framework",
    "level",
    "level_label",
    "target_level",
    "evidence",
    "by",
    "on",
)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Exported:
    """What an export wrote."""

    folder: Path
    files: list[str]
    signed: bool = False


def journal_urn(session: Session) -> str:
    """``urn:uuid:…`` naming this journal's owner, the same in every export."""
    value = get_setting(session, JOURNAL_ID)
    if not isinstance(value, str) or not _is_uuid(value):
        value = str(uuid.uuid4())
        set_setting(session, JOURNAL_ID, value)
    return f"urn:uuid:{value}"


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def skill_urn(a: Achieved) -> str:
    """Where an alignment points: the CASE item the skill came from (its identifier is a
    UUID), else a name made from the framework and the skill's code, stable across exports."""
    ext = a.skill.external_id
    if ext and _is_uuid(ext):
        return f"urn:uuid:{uuid.UUID(ext)}"
    key = f"{a.framework.external_id or a.framework.name}\n{a.skill.code.casefold()}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'plnjournal:skill:' + key)}"


def credential(a: Achieved, owner_urn: str, owner: str, names: MentorNames) -> dict[str, object]:
    """One OpenBadgeCredential (unsigned) for one achieved skill."""
    skill, fw = a.skill, a.framework
    target_label = fw.level_label(skill.target_level)
    criteria = (
        f"A mentor rates the skill at level {skill.target_level} ({target_label}) or above "
        f"on the framework's scale {fw.scale_min}–{fw.scale_max}."
    )
    if descriptor := skill.descriptor(skill.target_level):
        criteria += f" At level {skill.target_level}: {descriptor}"
    mentor = names.name(a.by) or "a mentor"
    narrative = (
        f"{mentor} rated {skill.code} {skill.name} at level {a.level} ({a.level_label}) on "
        f"{a.on.isoformat()}; the target is level {skill.target_level} ({target_label})."
    )
    if a.comment:
        narrative += f" Comment: “{names.text(a.comment)}”"
    alignment: dict[str, object] = {
        "type": ["Alignment"],
        "targetName": skill.name,
        "targetUrl": skill_urn(a),
        "targetFramework": fw.name,
        "targetCode": skill.code,
    }
    if skill.description:
        alignment["targetDescription"] = skill.description
    if skill.external_id and _is_uuid(skill.external_id):
        alignment["targetType"] = "CFItem"
    achievement: dict[str, object] = {
        "id": skill_urn(a),
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": skill.name,
        "description": skill.description or skill.name,
        "humanCode": skill.code,
        "criteria": {"narrative": criteria},
        "alignment": [alignment],
    }
    key = f"{owner_urn}\n{achievement['id']}\n{a.kind}\n{a.on.isoformat()}\n{a.level}"
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{skill.name}: {a.level_label}",
        "issuer": {"id": owner_urn, "type": ["Profile"], "name": owner},
        "validFrom": f"{a.on.isoformat()}T00:00:00Z",
        "credentialSubject": {
            "id": owner_urn,
            "type": ["AchievementSubject"],
            "achievement": achievement,
        },
        "evidence": [
            {
                "type": ["Evidence"],
                "name": f"{str(a.kind).capitalize()}, {a.on.isoformat()}",
                "narrative": narrative,
            }
        ],
    }


def _file_name(code: str, used: set[str]) -> str:
    stem = _UNSAFE.sub("_", code).strip("._") or "skill"
    name, n = f"{stem}.json", 1
    while name.casefold() in used:
        n += 1
        name = f"{stem}-{n}.json"
    used.add(name.casefold())
    return name


def _private_write(path: Path, data: bytes) -> None:
    """A new file only the user can read (0600 whatever the umask), never one already there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def export_evidence(session: Session, dest: Path, *, anonymize_mentors: bool = False) -> Exported:
    """Write a credential per achieved skill and ``index.csv`` into the new folder ``dest``
    (made whole beside it, then renamed into place)."""
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InputError(
            f"export-evidence: {dest}: already exists and is not an empty folder; "
            "choose a new folder (nothing was written)"
        )
    if not dest.parent.is_dir():
        raise InputError(f"export-evidence: {dest.parent}: no such folder")
    found = achievements(session)
    owner_urn = journal_urn(session)
    owner = get_setting(session, OWNER_NAME)
    owner_name = owner.strip() if isinstance(owner, str) and owner.strip() else "Journal owner"
    names = MentorNames((a.by for a in found), anonymize=anonymize_mentors)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent))
    try:
        used: set[str] = {INDEX}
        index = io.StringIO(newline="")
        writer = csv.writer(index, lineterminator="\r\n")
        writer.writerow(INDEX_COLUMNS)
        files = []
        for a in found:
            name = _file_name(a.skill.code, used)
            doc = credential(a, owner_urn, owner_name, names)
            _private_write(tmp / name, (_json(doc) + "\n").encode("utf-8"))
            files.append(name)
            writer.writerow(
                (
                    name,
                    a.skill.code,
                    a.skill.name,
                    a.skill.area.name,
                    a.framework.name,
                    a.level,
                    a.level_label,
                    a.skill.target_level,
                    str(a.kind),
                    names.name(a.by),
                    a.on.isoformat(),
                )
            )
        _private_write(tmp / INDEX, index.getvalue().encode("utf-8"))
        if dest.exists():
            dest.rmdir()  # empty: checked above
        tmp.rename(dest)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise PlnError(f"{dest}: could not write the evidence: {exc.strerror or exc}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Exported(dest, files)


def _json(doc: dict[str, object]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False)
