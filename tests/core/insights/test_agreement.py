"""Every front end tells the same story: the avoidance model, the skills matrix, the feedback
inbox, the nudge, the report and the command line agree on the demo journal (one source)."""

from __future__ import annotations

from collections import defaultdict

from plnjournal.core.feedback.inbox import unanswered_feedback
from plnjournal.core.insights.avoidance import avoidance_scores
from plnjournal.core.insights.nudges import todays_hard_conversation
from plnjournal.core.report.content import ReportOptions, build_report
from plnjournal.core.skills.matrix import skill_matrix
from tests.conftest import TODAY


def test_model_matrix_inbox_nudge_and_report_agree(demo_db) -> None:
    with demo_db.session() as s:
        scores = avoidance_scores(s, TODAY)
        matrix = skill_matrix(s, as_of=TODAY, include_archived=False)
        inbox = unanswered_feedback(s)
        talk = todays_hard_conversation(s, TODAY)
        report = build_report(
            s,
            ReportOptions(
                start=TODAY.replace(month=9, day=1),
                end=TODAY,
                include_private=True,
                generated_on=TODAY,
                sections=("avoidance",),
            ),
        )
    rows = {r.skill_id: r for r in matrix.rows}
    assert set(rows) == {x.skill_id for x in scores}
    waiting: dict[int, set[int]] = defaultdict(set)
    for item in inbox:
        waiting[item.skill_id].add(item.id)
    for x in scores:
        row = rows[x.skill_id]
        # The matrix and the model: the same cadence, last reflection, level and comparison.
        assert row.cadence_days == x.cadence_days, x.code
        assert row.last_reflected == x.last_reflected, x.code
        assert matrix.is_blind_spot(row) == x.blind_spot, x.code
        assert matrix.is_hidden_strength(row) == bool(x.good_news), x.code
        current = x.mentor_rating or x.self_rating
        assert (current.level if current else None) == row.current_level, x.code
        # The inbox lists exactly the items the model counts as unanswered.
        assert {n.item_id for n in x.unanswered} == waiting.get(x.skill_id, set()), x.code
    assert sum(bool(x.blind_spot) for x in scores) >= 1
    assert sum(len(x.unanswered) for x in scores) == len(inbox) > 0
    # The nudge asks about the top skill, with its strongest reason.
    assert talk is not None and talk.skill_id == scores[0].skill_id
    assert talk.reason == scores[0].reasons[0]
    # The report shows the model's own numbers, bands and words.
    assert [(a.code, a.score, a.band, a.reasons) for a in report.avoidance] == [
        (x.code, x.score, x.band, tuple(x.reasons)) for x in scores
    ]
