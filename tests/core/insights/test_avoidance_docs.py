"""docs/avoidance.md's example reasons are the model's own words: each is produced by one of
the test journals (the worked example's journal with its additions, and every scenario)."""

from __future__ import annotations

import re
from pathlib import Path

from plnjournal.core.insights.avoidance import avoidance_scores, describe_score
from plnjournal.storage.backup import copy_database
from plnjournal.storage.db import open_database
from plnjournal.storage.models import Skill
from tests.core.insights.scenario_kit import AS_OF
from tests.core.insights.test_avoidance import (
    add_answer_nudges_and_commitments,
    add_shallow_reflections,
    build_known,
)
from tests.core.insights.test_avoidance_scenarios import BUILDERS

DOC = Path(__file__).parents[3] / "docs" / "avoidance.md"


def _examples() -> list[str]:
    """The code spans of the reasons table and of the quiet skills' paragraph."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## The reasons, word for word") : text.index("## A worked")]
    rows = [line for line in section.splitlines() if line.startswith(("| `", "| good news"))]
    spans = [s for row in rows for s in re.findall(r"`([^`]+)`", row.split("|", 2)[2])]
    quiet = section[section.rindex("A skill with no points") :]
    spans += re.findall(r"`([^`]+)`", quiet)
    return [" ".join(span.split()) for span in spans]  # a span may wrap across lines


def _said(session) -> set[str]:
    out: set[str] = set()
    for score in avoidance_scores(session, AS_OF):
        out.update(score.reasons)
        out.update(score.good_news)
        out.update(describe_score(score).split("\n\n"))
    return out


def test_every_example_reason_in_the_docs_is_produced(tmp_path: Path) -> None:
    template = tmp_path / "empty.sqlite3"
    open_database(template).close()
    said: set[str] = set()
    known = open_database(copy_database(template, tmp_path / "known.sqlite3"))
    with known.session() as s:
        build_known(s)
        said |= _said(s)
        codes = {skill.code: skill.id for skill in s.query(Skill)}
        add_answer_nudges_and_commitments(s, codes)
        add_shallow_reflections(s, codes)
        said |= _said(s)
    known.close()
    for i, build in enumerate(BUILDERS):
        db = open_database(copy_database(template, tmp_path / f"s{i}.sqlite3"))
        with db.session() as s:
            build(s)
            said |= _said(s)
        db.close()
    examples = _examples()
    assert len(examples) >= 15
    missing = [e for e in examples if e not in said]
    assert not missing, missing
