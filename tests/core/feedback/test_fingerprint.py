"""Fingerprints: the fast key is exactly the JSON key the first version hashed (stored
fingerprints stay valid), and bulk writing stores what one-by-one writing stores."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from plnjournal.core.feedback.items import (
    NewFeedbackItem,
    add_feedback_item,
    add_feedback_items,
    feedback_fingerprint,
)
from plnjournal.core.skills.lookup import find_skill
from plnjournal.storage.models import FeedbackImport, FeedbackItem, Rating


def reference(mentor: str, code: str, day: dt.date, level: int | None, comment: str) -> str:
    key = json.dumps(
        [
            " ".join(mentor.split()).casefold(),
            code.casefold(),
            day.isoformat(),
            level,
            "\n".join(line.rstrip() for line in comment.strip().splitlines()),
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@given(
    mentor=st.text(),
    code=st.text(max_size=10),
    day=st.dates(),
    level=st.none() | st.integers(-10, 10**6),
    comment=st.text() | st.sampled_from(["a\u2028b ", " x \r\n y \n", "\x85", '"q"\\']),
)
def test_fast_fingerprint_equals_the_json_key(mentor, code, day, level, comment) -> None:
    assert feedback_fingerprint(mentor, code, day, level, comment) == reference(
        mentor, code, day, level, comment
    )


def test_a_known_fingerprint_never_changes() -> None:
    got = feedback_fingerprint(
        " Ms  Okafor", "CL1", dt.date(2026, 11, 3), 3, "Zoë said:  \n\nok \n"
    )
    assert got == "bb415bbaf9a38675cc1c26c8f918aa15aa25847534dd9f44654549ad2970f278"


def _rows(db) -> tuple[list, list]:
    with db.session() as s:
        items = [
            (i.line, i.skill_id, i.mentor, i.given_on, i.level, i.comment, i.raw, i.fingerprint)
            for i in s.scalars(select(FeedbackItem).order_by(FeedbackItem.line))
        ]
        ratings = [
            (r.skill_id, r.level, r.rated_on, r.source, r.rater, r.comment, r.origin)
            for r in s.scalars(select(Rating).order_by(Rating.rated_on))
        ]
    return items, ratings


def test_bulk_write_stores_what_one_by_one_writing_stores(teaching_copy, db) -> None:
    from plnjournal.core.frameworks.spec import install_framework, load_builtin

    with db.session() as s:
        install_framework(s, load_builtin("teaching"))
    specs = [
        (
            2,
            "CL1",
            "Ms Okafor",
            dt.date(2026, 11, 3),
            3,
            "Zoë: good\nstill slow",
            {"d": dt.date(2026, 11, 3)},
        ),
        (3, "PA1", "Mr Brennan", dt.date(2026, 11, 4), None, "Call home.", {"x": [1, "é"]}),
    ]
    with db.session() as s:
        imp = FeedbackImport(file_name="f.csv", sha256="0" * 64, format="csv-long")
        s.add(imp)
        for line, code, mentor, day, level, comment, raw in specs:
            add_feedback_item(
                s,
                imp,
                skill=find_skill(s, code),
                mentor=mentor,
                given_on=day,
                level=level,
                comment=comment,
                line=line,
                raw=raw,
            )
    with teaching_copy.session() as s:
        items = [
            NewFeedbackItem(find_skill(s, code).id, code, mentor, day, level, comment, line, raw)
            for line, code, mentor, day, level, comment, raw in specs
        ]
        ids = add_feedback_items(
            s, FeedbackImport(file_name="f.csv", sha256="0" * 64, format="csv-long"), items
        )
        assert len(set(ids)) == 2
    assert _rows(teaching_copy) == _rows(db)
