"""The progress report's data as JSON, embedded in the PDF so another tool can read it.

Format ``plnjournal-progress-report`` version 1, documented in docs/report.md. It carries the
same numbers the pages show, with the same privacy: no private reflection's rating, and
mentor labels instead of names when the report leaves names out.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from plnjournal import __version__
from plnjournal.core.report.content import Report

ATTACHMENT_NAME = "progress-report.json"
FORMAT = "plnjournal-progress-report"
VERSION = 1


def report_data(report: Report) -> dict[str, Any]:  # JSON: each key has its own type
    """The report as plain JSON data, the attachment a reader or another tool can use
    without parsing the PDF."""
    c, o = report.cover, report.options
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"PLN Journal {__version__}",
        "generated_on": c.generated_on.isoformat(),
        "period": {"from": c.start.isoformat(), "to": c.end.isoformat()},
        "name": c.name,
        "role": c.role,
        "framework": {
            "name": c.framework,
            "scale": [{"level": level, "label": label} for level, label in c.scale],
        },
        "privacy": {
            "include_private": o.include_private,
            "anonymize_mentors": o.anonymize_mentors,
        },
        "summary": asdict(report.summary),
        "skills": [
            {
                "code": m.code,
                "name": m.name,
                "area": m.area,
                "target": m.target,
                "self": m.self_level,
                "mentor": m.mentor_level,
                "current": m.current_level,
                "change": m.change,
                "reflections": m.reflections,
                "blind_spot": m.blind_spot,
            }
            for m in report.matrix
        ],
        "ratings": [
            {
                "skill": r.code,
                "date": r.rated_on.isoformat(),
                "level": r.level,
                "source": r.source,
                "rater": r.rater,
                "origin": r.origin,
            }
            for r in report.ratings
        ],
        "avoidance": {
            "as_of": min(c.end, c.generated_on).isoformat(),
            "avoided": [a.code for a in report.avoided],
            "scores": [
                {
                    "code": a.code,
                    "skill": a.skill,
                    "area": a.area,
                    "score": a.score,
                    "band": str(a.band),
                    "reasons": list(a.reasons),
                    "good_news": list(a.good_news),
                    "signals": a.signals,
                    "last_reflected": a.last_reflected.isoformat() if a.last_reflected else None,
                }
                for a in report.avoidance
            ],
        },
    }


def report_json(report: Report) -> bytes:
    """``report_data`` as UTF-8 JSON bytes, ready to attach to the PDF."""
    return json.dumps(report_data(report), ensure_ascii=False, indent=2).encode("utf-8")
