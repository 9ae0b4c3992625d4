"""The programme lead's view: coverage across the cohort, from what trainees shared and mentors
wrote only (the lead's login reads every shared row, and nothing private ever reaches the
server): which skills the cohort keeps avoiding, which trainees no mentor has reached lately."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from plnjournal.errors import InputError
from plnjournal.paths import write_whole
from plnjournal.programme.mentor import whoami

DEFAULT_WEEKS = 4


@dataclass
class AvoidedSkill:
    """A skill named in the trainees' shared avoidance summaries."""

    code: str
    name: str
    trainees: int  # how many trainees' summaries name it
    mean_score: float  # their mean avoidance score (0-100)


@dataclass
class QuietTrainee:
    """A trainee no mentor has written to (feedback, comment, sign-off) for the period."""

    login: str
    name: str
    mentors: list[str]
    last_contact: dt.date | None  # None: never


@dataclass
class Coverage:
    """The cohort's coverage."""

    weeks: int
    as_of: dt.date
    trainees: int = 0
    sharing_avoidance: int = 0  # trainees who share their avoidance summary
    avoided: list[AvoidedSkill] = field(default_factory=list)
    quiet: list[QuietTrainee] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """Plain values for ``--json``."""
        return {
            "weeks": self.weeks,
            "as_of": self.as_of.isoformat(),
            "trainees": self.trainees,
            "sharing_avoidance": self.sharing_avoidance,
            "avoided": [a.__dict__ for a in self.avoided],
            "no_contact": [
                {
                    **q.__dict__,
                    "last_contact": q.last_contact.isoformat() if q.last_contact else None,
                }
                for q in self.quiet
            ],
        }


_AVOIDED = """
SELECT s->>'code', max(s->>'name'), count(DISTINCT a.trainee),
       avg(CASE WHEN jsonb_typeof(s->'score') = 'number' THEN (s->>'score')::numeric ELSE 0 END)
FROM pln.avoidance_summaries a
JOIN pln.people p ON p.role_name = a.trainee AND p.kind = 'trainee'
CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(a.skills) = 'array'
                                             THEN a.skills ELSE '[]' END) s
WHERE jsonb_typeof(s) = 'object' AND s ? 'code'
GROUP BY 1 ORDER BY 3 DESC, 4 DESC, 1
"""
# A spreadsheet reads a cell starting with one of these as a formula: what trainees wrote
# is kept as text (a leading apostrophe, as spreadsheets themselves mark text).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_CONTACT = """
SELECT p.role_name, p.display_name, c.last,
       (SELECT array_agg(m.display_name ORDER BY m.display_name) FROM pln.assignments a
        JOIN pln.people m ON m.role_name = a.mentor WHERE a.trainee = p.role_name)
FROM pln.people p
LEFT JOIN (SELECT trainee, max(w) AS last FROM (
        SELECT trainee, max(written_at) w FROM pln.feedback_items GROUP BY trainee
        UNION ALL SELECT trainee, max(written_at) FROM pln.comments GROUP BY trainee
        UNION ALL SELECT trainee, max(written_at) FROM pln.sign_offs GROUP BY trainee) x
    GROUP BY trainee) c ON c.trainee = p.role_name
WHERE p.kind = 'trainee'
ORDER BY c.last NULLS FIRST, p.display_name
"""


def coverage(
    conn: psycopg.Connection[Any], weeks: int = DEFAULT_WEEKS, as_of: dt.date | None = None
) -> Coverage:
    """The cohort's coverage as of ``as_of`` (today): for a lead's login only."""
    if weeks < 1:
        raise InputError(f"--weeks {weeks}: give a whole number of weeks, 1 or more")
    me = whoami(conn)
    if me.kind != "lead":
        raise InputError(
            f"{me.login} is a {me.kind}: the cohort's coverage is for the programme's lead"
        )
    as_of = as_of or dt.date.today()
    since = as_of - dt.timedelta(weeks=weeks)
    result = Coverage(weeks, as_of)
    with conn.transaction():
        result.trainees = int(
            conn.execute("SELECT count(*) FROM pln.people WHERE kind = 'trainee'").fetchone()[0]  # type: ignore[index]
        )
        result.sharing_avoidance = int(
            conn.execute(
                "SELECT count(*) FROM pln.avoidance_summaries a JOIN pln.people p "
                "ON p.role_name = a.trainee AND p.kind = 'trainee' WHERE a.skills <> '[]'"
            ).fetchone()[0]  # type: ignore[index]
        )
        result.avoided = [
            AvoidedSkill(str(code), str(name or code), int(n), round(float(score), 1))
            for code, name, n, score in conn.execute(_AVOIDED)
        ]
        for login, name, last, mentors in conn.execute(_CONTACT):
            day = last.date() if last is not None else None
            if day is None or day < since:
                result.quiet.append(QuietTrainee(str(login), str(name), list(mentors or []), day))
    return result


def coverage_csv(cov: Coverage) -> str:
    """The coverage as one CSV table: a row per avoided skill, then a row per quiet trainee."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["what", "code_or_login", "name", "trainees_avoiding", "mean_score",
                "mentors", "last_mentor_contact"])  # fmt: skip
    for a in cov.avoided:
        w.writerow([_cell(v) for v in ("avoided skill", a.code, a.name, a.trainees,
                                       a.mean_score, "", "")])  # fmt: skip
    for q in cov.quiet:
        last = q.last_contact.isoformat() if q.last_contact else "never"
        w.writerow([_cell(v) for v in (f"no mentor contact for {cov.weeks} weeks", q.login,
                                       q.name, "", "", "; ".join(q.mentors), last)])  # fmt: skip
    return out.getvalue()


def write_coverage_csv(cov: Coverage, path: Path) -> None:
    """Write the CSV whole (0600, never a half file)."""
    write_whole(path, coverage_csv(cov).encode("utf-8"), what="the coverage")
