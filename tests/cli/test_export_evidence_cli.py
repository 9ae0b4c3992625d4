"""``plnjournal export-evidence OUT``: an Open Badges 3.0 credential per skill whose latest
mentor rating reaches its target, an index CSV, files only the user can read, and never a
reflection's words."""

from __future__ import annotations

import csv
import datetime as dt
import json
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from plnjournal.storage.db import open_database
from plnjournal.storage.models import Entry, EntrySkill, Rating, Skill
from plnjournal.values import RatingOrigin, RatingSource
from tests.cli.conftest import Cli

SECRET = "the head teacher shouted at me and I cried in the car"
PRIVATE_COMMENT = "Noted in my private reflection about the cupboard incident"


def _rate(
    session: Session,
    skill: Skill,
    level: int,
    on: dt.date,
    *,
    source: RatingSource = RatingSource.MENTOR,
    **kw: Any,
) -> None:
    session.add(
        Rating(
            skill_id=skill.id,
            level=level,
            rated_on=on,
            source=source,
            origin=kw.pop("origin", RatingOrigin.IMPORT),
            **kw,
        )
    )


def _journal(cli: Cli, db_path: Path) -> None:
    assert cli("skills", "import", "teaching").code == 0
    database = open_database(db_path)
    with database.session() as session:
        skills = {s.code: s for s in session.scalars(select(Skill))}
        day = dt.date(2026, 10, 1)
        # PL1 reached (3 of target 3), with the mentor's comment.
        _rate(session, skills["PL1"], 3, day, rater="Ms Okafor", comment="Clear objectives.")
        # PL2 rated below its target of 4.
        _rate(session, skills["PL2"], 3, day, rater="Ms Okafor")
        # CL1 reached once, then rated below target again: not claimed.
        _rate(session, skills["CL1"], 4, day, rater="Mr Lee")
        _rate(session, skills["CL1"], 2, day + dt.timedelta(days=30), rater="Mr Lee")
        # CL2 only by the trainee's own rating.
        _rate(session, skills["CL2"], 5, day, source=RatingSource.SELF)
        # A private reflection on PL1 and CL3, and a mentor rating of CL3 recorded with it.
        entry = Entry(entry_date=day, title="A hard day", body=SECRET, private=True)
        session.add(entry)
        session.flush()
        session.add(EntrySkill(entry_id=entry.id, skill_id=skills["PL1"].id))
        session.add(EntrySkill(entry_id=entry.id, skill_id=skills["CL3"].id))
        _rate(
            session,
            skills["CL3"],
            4,
            day,
            rater="Mr Lee",
            comment=PRIVATE_COMMENT,
            origin=RatingOrigin.ENTRY,
            entry_id=entry.id,
        )
    database.close()


def test_credentials_for_skills_at_target(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    _journal(cli, db_path)
    out = tmp_path / "evidence"
    r = cli("export-evidence", str(out))
    assert r.code == 0, r.err
    assert "Wrote 2 credentials" in r.out and "unsigned" in r.out
    assert sorted(p.name for p in out.iterdir()) == ["CL3.json", "PL1.json", "index.csv"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        text = path.read_text(encoding="utf-8")
        assert SECRET not in text and "A hard day" not in text and PRIVATE_COMMENT not in text
    doc = json.loads((out / "PL1.json").read_text(encoding="utf-8"))
    assert doc["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert doc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert "proof" not in doc  # unsigned: no key is configured
    assert doc["issuer"]["type"] == ["Profile"] and doc["issuer"]["id"].startswith("urn:uuid:")
    assert doc["validFrom"] == "2026-10-01T00:00:00Z"
    subject = doc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"] and achievement["humanCode"] == "PL1"
    assert achievement["criteria"]["narrative"].startswith("A mentor rates the skill at level 3")
    [alignment] = achievement["alignment"]
    assert alignment["type"] == ["Alignment"]
    assert alignment["targetCode"] == "PL1"
    assert alignment["targetFramework"] == "Early-career teaching practice"
    assert alignment["targetName"] == achievement["name"]
    assert alignment["targetUrl"].startswith("urn:uuid:")
    [evidence] = doc["evidence"]
    assert evidence["type"] == ["Evidence"]
    narrative = evidence["narrative"]
    assert "Ms Okafor rated PL1" in narrative and "level 3 (Competent)" in narrative
    assert "2026-10-01" in narrative and "Clear objectives." in narrative
    # The mentor rating recorded with a private reflection counts, its comment does not.
    cl3 = json.loads((out / "CL3.json").read_text(encoding="utf-8"))
    assert "Comment" not in cl3["evidence"][0]["narrative"]
    with (out / "index.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["code"], r["level"], r["by"], r["on"], r["file"]) for r in rows] == [
        ("PL1", "3", "Ms Okafor", "2026-10-01", "PL1.json"),
        ("CL3", "4", "Mr Lee", "2026-10-01", "CL3.json"),
    ]
    # The same journal keeps the same owner identifier from one export to the next.
    assert cli("export-evidence", str(tmp_path / "again")).code == 0
    again = json.loads((tmp_path / "again" / "PL1.json").read_text(encoding="utf-8"))
    assert again["issuer"]["id"] == doc["issuer"]["id"] and again["id"] == doc["id"]


def test_anonymized_mentors_and_a_folder_in_use(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    _journal(cli, db_path)
    out = tmp_path / "anon"
    assert cli("export-evidence", str(out), "--anonymize-mentors").code == 0
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "Okafor" not in text and "Lee" not in text
    assert "Mentor A rated PL1" in (out / "PL1.json").read_text(encoding="utf-8")
    r = cli("export-evidence", str(out))
    assert r.code == 2 and "is not an empty folder" in r.err
    r = cli("export-evidence", str(tmp_path / "no" / "such"))
    assert r.code == 2 and "no such folder" in r.err


def test_no_skill_at_target_writes_only_the_index(cli: Cli, tmp_path: Path) -> None:
    assert cli("skills", "import", "teaching").code == 0
    r = cli("export-evidence", str(tmp_path / "none"))
    assert r.code == 0 and "No skill has a mentor rating" in r.out
    assert [p.name for p in (tmp_path / "none").iterdir()] == ["index.csv"]
