"""The skills matrix: known answers on a constructed journal, reproducible, no query per skill."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event

from plnjournal.core.journal.entries import add_entry
from plnjournal.core.skills.lookup import find_skill
from plnjournal.core.skills.matrix import month_ends, skill_matrix
from plnjournal.core.skills.matrix_explain import explain
from plnjournal.storage.models import Rating
from plnjournal.values import RatingOrigin, RatingSource

AS_OF = dt.date(2026, 11, 28)


def _rate(s, skill_id: int, level: int, on: dt.date, source: str, rater: str = "") -> None:
    origin = RatingOrigin.FEEDBACK if source == "mentor" else RatingOrigin.SELF_ASSESSMENT
    s.add(
        Rating(
            skill_id=skill_id,
            level=level,
            rated_on=on,
            source=RatingSource(source),
            origin=origin,
            rater=rater,
        )
    )


def _day(n: int) -> dt.date:
    return AS_OF - dt.timedelta(days=n)


def _build(db) -> dict[str, int]:
    with db.session() as s:
        ids = {c: find_skill(s, c).id for c in ("CL1", "AS1", "PA1", "PG2")}
        # CL1: practised; rated 2 with a reflection, the mentor moved from 1 to 3.
        add_entry(s, entry_date=_day(5), title="a", skills={ids["CL1"]: 2})
        add_entry(s, entry_date=_day(30), title="b", skills={ids["CL1"]: None}, private=True)
        add_entry(s, entry_date=_day(120), title="c", skills={ids["CL1"]: None})
        add_entry(s, entry_date=AS_OF + dt.timedelta(days=1), title="later", skills={ids["CL1"]: 5})
        _rate(s, ids["CL1"], 1, _day(200), "mentor", "Ms Okafor")
        _rate(s, ids["CL1"], 3, _day(10), "mentor", "Mr Brennan")
        # AS1: a blind spot (self 5, mentor 2), last reflected 40 days ago, cadence 14.
        add_entry(s, entry_date=_day(40), title="d", skills={ids["AS1"]: None})
        _rate(s, ids["AS1"], 5, _day(3), "self")
        _rate(s, ids["AS1"], 2, _day(60), "mentor", "Ms Okafor")
        # PA1: only a mentor rating; never reflected on.
        _rate(s, ids["PA1"], 2, _day(50), "mentor", "Ms Okafor")
    return ids


def test_known_answers(teaching_db) -> None:
    ids = _build(teaching_db)
    with teaching_db.session() as s:
        m = skill_matrix(s, as_of=AS_OF)
    rows = {r.code: r for r in m.rows}
    assert len(rows) == 27 and m.framework == "Early-career teaching practice"
    cl1, as1, pa1, pg2 = rows["CL1"], rows["AS1"], rows["PA1"], rows["PG2"]
    assert cl1.skill_id == ids["CL1"]
    assert (cl1.latest_self.level, cl1.latest_self.origin) == (2, RatingOrigin.ENTRY)
    assert (cl1.latest_mentor.level, cl1.latest_mentor.rater) == (3, "Mr Brennan")
    assert cl1.current_level == 3 and cl1.gap_to_target == 0 and cl1.self_mentor_gap == -1
    assert cl1.last_reflected == _day(5) and cl1.days_since_reflected == 5
    assert cl1.reflections_recent == 2  # the later entry is ignored; day 120 is too old
    assert cl1.level_before == 1 and cl1.level_change == 2
    assert cl1.trend[-1] == 3 and cl1.trend[0] is None  # mentor's 1 came 200 days ago
    assert as1.self_mentor_gap == 3 and m.is_blind_spot(as1) and not m.is_blind_spot(cl1)
    assert as1.cadence_days == 14 and as1.overdue_days == 26
    assert pa1.latest_self is None and pa1.current_level == 2 and pa1.gap_to_target == 1
    assert pa1.last_reflected is None and pa1.reflections_recent == 0
    assert pg2.current_level is None and pg2.gap_to_target is None and pg2.trend == [None] * 12
    words = explain(as1, m)
    assert words["gap"] == (
        "Target 4 − current level 2 (Ms Okafor's rating, 29 Sep 2026) = 2 levels to go."
    )
    assert "A blind spot" in words["self_mentor"]
    assert "overdue by 26 days" in words["last_reflected"]
    assert explain(pg2, m)["self"] == "You have not rated yourself on this skill yet."


def test_private_entries_can_be_left_out(teaching_db) -> None:
    _build(teaching_db)
    with teaching_db.session() as s:
        rows = {r.code: r for r in skill_matrix(s, as_of=AS_OF, include_private=False).rows}
    assert rows["CL1"].reflections_recent == 1


def test_as_of_ignores_later_data(teaching_db) -> None:
    _build(teaching_db)
    with teaching_db.session() as s:
        early = {r.code: r for r in skill_matrix(s, as_of=_day(100)).rows}
    assert early["CL1"].latest_mentor.level == 1 and early["CL1"].latest_self is None
    assert early["AS1"].latest_self is None and early["PA1"].latest_mentor is None


def test_null_cadence_falls_back_to_the_framework_default(teaching_db) -> None:
    with teaching_db.session() as s:
        m = skill_matrix(s, as_of=AS_OF)
        own = {r.code: r.cadence_days for r in m.rows}
        skill = find_skill(s, "AS2")
        assert skill.cadence_days is None
    assert own["AS2"] == 14 and own["CL1"] == 14


def test_month_ends() -> None:
    ends = month_ends(dt.date(2026, 3, 15), 4)
    assert ends == [
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 15),
    ]


def test_query_count_does_not_grow_with_skills(demo_db) -> None:
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(demo_db.engine, "before_cursor_execute", count)
    try:
        with demo_db.session() as s:
            m = skill_matrix(s, as_of=AS_OF)
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", count)
    assert len(m.rows) == 27
    assert len(statements) <= 8, statements  # one more: the journal's first reflection
    assert sum(r.reflections_recent for r in m.rows) > 50


def test_a_skill_is_not_due_while_the_journal_is_younger_than_its_cadence(teaching_db) -> None:
    from plnjournal.core.journal.entries import add_entry

    with teaching_db.session() as s:
        m = skill_matrix(s, as_of=AS_OF)
        assert m.first_entry is None and all(m.not_yet_due(r) for r in m.rows)
        add_entry(s, entry_date=AS_OF - dt.timedelta(days=400), body="long ago")
        m = skill_matrix(s, as_of=AS_OF)
    assert m.first_entry == AS_OF - dt.timedelta(days=400)
    assert not any(m.not_yet_due(r) for r in m.rows)
