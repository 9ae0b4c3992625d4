"""The progress report's content: numbers with known answers, and privacy applied in SQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from plnjournal.core.feedback.items import add_feedback_item
from plnjournal.core.journal.entries import add_entry, update_entry
from plnjournal.core.report.content import (
    ReportOptions,
    build_report,
    default_period,
    months_before,
    period_entries,
    resolve_period,
)
from plnjournal.core.report.data_json import report_data
from plnjournal.core.report.html import report_html
from plnjournal.core.skills.lookup import find_skill
from plnjournal.errors import InputError
from plnjournal.storage.models import Commitment, EntryFeedback, FeedbackImport, Setting
from plnjournal.values import CommitmentState
from tests.conftest import TODAY
from tests.core.insights.scenario_kit import AS_OF as SCENARIO_DAY
from tests.core.insights.test_avoidance_scenarios import build_blind_spots

D = dt.date(2026, 10, 1)
SECRET = "Zanzibar-secret-7"


def _day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def _journal(db) -> dict[str, int]:
    """Five public reflections on days 0,1,2 and 5,6 (longest streak 3), one private one;
    two feedback items from Ms Okafor, one answered by a reflection; three commitments."""
    ids: dict[str, int] = {}
    with db.session() as s:
        cl1, pa1 = find_skill(s, "CL1"), find_skill(s, "PA1")
        s.add(Setting(key="name", value=json.dumps("Sam Taylor")))
        s.add(Setting(key="role", value=json.dumps("Early-career teacher")))
        for n in (0, 1, 2, 5, 6):
            e = add_entry(s, entry_date=_day(n), title=f"Day {n}", skills={cl1.id: 2})
            ids[f"day{n}"] = e.id
        private = add_entry(
            s,
            entry_date=_day(3),
            title="Not for sharing",
            body=f"{SECRET} and Ms Okafor",
            private=True,
            skills={pa1.id: 5},
        )
        update_entry(s, private.id, highlight=True)
        ids["private"] = private.id
        update_entry(s, ids["day5"], highlight=True)
        update_entry(s, ids["day5"], body="Ms Okafor said **wait longer**. <script>x()</script>")
        imp = FeedbackImport(file_name="f.csv", sha256="0" * 64, format="csv")
        s.add(imp)
        answered = add_feedback_item(
            s, imp, skill=cl1, mentor="Ms Okafor", given_on=_day(1), level=2,
            comment="Okafor here: transitions drag.", line=2, raw={},
        )  # fmt: skip
        add_feedback_item(
            s, imp, skill=pa1, mentor="Ms Okafor", given_on=_day(4), level=1,
            comment="Call the family.", line=3, raw={},
        )  # fmt: skip
        s.flush()
        s.add(EntryFeedback(entry_id=ids["day2"], feedback_item_id=answered.id))
        s.add_all(
            [
                Commitment(text="Kept one", due_on=_day(4), state=CommitmentState.DONE,
                           created_on=_day(0), closed_on=_day(3), entry_id=ids["day0"]),
                Commitment(text="Late one", due_on=_day(2), state=CommitmentState.OPEN,
                           created_on=_day(0), entry_id=ids["day0"]),
                Commitment(text=f"Private promise {SECRET}", due_on=_day(9),
                           state=CommitmentState.OPEN, created_on=_day(3),
                           entry_id=private.id),
            ]
        )  # fmt: skip
    return ids


def _report(db, **kw):
    options = ReportOptions(start=_day(0), end=_day(6), generated_on=_day(6), **kw)
    with db.session() as s:
        return build_report(s, options)


def test_summary_counts_public_reflections_only(teaching_db) -> None:
    _journal(teaching_db)
    r = _report(teaching_db)
    assert r.cover.name == "Sam Taylor" and r.cover.role == "Early-career teacher"
    assert (r.summary.reflections, r.summary.days_journaled, r.summary.longest_streak) == (5, 5, 3)
    assert r.summary.skills_reflected_on == 1  # CL1; PA1 only in the private reflection
    assert (r.summary.feedback_received, r.summary.feedback_answered) == (2, 1)
    assert (r.summary.commitments_kept, r.summary.commitments_overdue) == (1, 1)
    with_private = _report(teaching_db, include_private=True)
    assert with_private.summary.reflections == 6 and with_private.summary.longest_streak == 4


def test_private_reflection_never_reaches_the_report_unless_asked(teaching_db) -> None:
    ids = _journal(teaching_db)
    r = _report(teaching_db)
    everything = report_html(r) + json.dumps(report_data(r))
    assert SECRET not in everything
    assert [x.entry_id for x in r.reflections] == [ids["day5"]]
    pa1 = next(m for m in r.matrix if m.code == "PA1")
    assert pa1.self_level is None  # the self rating given in the private reflection
    # Chosen explicitly by id, a private reflection is still left out...
    chosen = _report(teaching_db, entry_ids=(ids["private"], ids["day0"]))
    assert [x.entry_id for x in chosen.reflections] == [ids["day0"]]
    # ...until private reflections are included.
    r = _report(teaching_db, include_private=True)
    assert SECRET in report_html(r)
    assert next(m for m in r.matrix if m.code == "PA1").self_level == 5


def test_feedback_digest_says_how_the_user_responded(teaching_db) -> None:
    _journal(teaching_db)
    answered, open_item = _report(teaching_db).feedback
    assert answered.responses == ((_day(2), "Day 2"),)
    assert open_item.responses == () and open_item.later_reflections == 0
    assert answered.later_reflections == 3  # days 2, 5 and 6


def test_anonymized_report_has_no_mentor_name_anywhere(teaching_db) -> None:
    _journal(teaching_db)
    r = _report(teaching_db, anonymize_mentors=True, include_private=True)
    everything = report_html(r) + json.dumps(report_data(r), ensure_ascii=False)
    assert "Okafor" not in everything
    assert {f.mentor for f in r.feedback} == {"Mentor A"}
    assert r.feedback[0].comment == "Mentor A here: transitions drag."
    assert "Mentor A said" in r.reflections[-1].body_html


def test_markdown_is_rendered_and_sanitized(teaching_db) -> None:
    _journal(teaching_db)
    body = _report(teaching_db).reflections[0].body_html
    assert "<strong>wait longer</strong>" in body and "<script>" not in body


def test_commitment_outcomes_in_plain_words(teaching_db) -> None:
    _journal(teaching_db)
    outcomes = {c.text: c.outcome for c in _report(teaching_db).commitments}
    assert outcomes == {
        "Kept one": "Kept on 4 Oct 2026",
        "Late one": "Overdue: was due 3 Oct 2026 (4 days ago)",
    }
    # Closed after the period's end: the report shows it as it stood then.
    with teaching_db.session() as s:
        opts = ReportOptions(start=_day(0), end=_day(2), generated_on=_day(6))
        kept = next(c for c in build_report(s, opts).commitments if c.text == "Kept one")
    assert kept.state == "open" and kept.outcome == "Open, due 5 Oct 2026"


def test_default_period_is_the_last_three_months_with_entries(demo_db) -> None:
    with demo_db.session() as s:
        assert default_period(s) == (dt.date(2026, 8, 29), dt.date(2026, 11, 28))
        assert resolve_period(s, None, dt.date(2026, 6, 30)) == (
            dt.date(2026, 4, 1),
            dt.date(2026, 6, 30),
        )
        assert resolve_period(s, dt.date(2026, 1, 1), None)[1] == dt.date(2026, 11, 28)


@pytest.mark.parametrize(
    ("end", "start"),
    [
        (dt.date(2026, 11, 28), dt.date(2026, 8, 29)),
        (dt.date(2026, 5, 31), dt.date(2026, 3, 1)),
        (dt.date(2026, 3, 31), dt.date(2026, 1, 1)),
        (dt.date(2026, 2, 28), dt.date(2025, 12, 1)),
        (dt.date(2026, 4, 29), dt.date(2026, 1, 30)),
    ],
)
def test_months_before(end: dt.date, start: dt.date) -> None:
    assert months_before(end, 3) == start


def test_bad_options_are_clear_errors() -> None:
    with pytest.raises(InputError, match="before the start"):
        ReportOptions(start=_day(5), end=_day(1))
    with pytest.raises(InputError, match="unknown appendix"):
        ReportOptions(start=_day(0), end=_day(1), sections=("summary", "appendix"))


def test_period_entries_lists_private_ones_marked(teaching_db) -> None:
    ids = _journal(teaching_db)
    with teaching_db.session() as s:
        listed = {e.entry_id: e for e in period_entries(s, _day(0), _day(6))}
    assert len(listed) == 6
    assert listed[ids["private"]].private and not listed[ids["day0"]].private
    assert listed[ids["day5"]].highlight


def test_a_journal_without_framework_is_a_clear_error(db) -> None:
    with db.session() as s, pytest.raises(InputError, match="no skills framework"):
        build_report(s, ReportOptions(start=_day(0), end=_day(1)))


def test_avoidance_is_scored_without_private_reflections(teaching_db) -> None:
    _journal(teaching_db)
    public = {a.code: a for a in _report(teaching_db).avoidance}
    private = {a.code: a for a in _report(teaching_db, include_private=True).avoidance}
    assert public["PA1"].last_reflected is None  # only a private reflection is on PA1
    assert private["PA1"].last_reflected == _day(3)
    # The self rating of 5 given in the private reflection makes a blind spot only there.
    assert any(r.startswith("Blind spot") for r in private["PA1"].reasons)
    assert not any(r.startswith("Blind spot") for r in public["PA1"].reasons)


def test_avoided_skills_come_with_the_models_reasons_anonymized(teaching_db) -> None:
    _journal(teaching_db)
    r = _report(teaching_db, anonymize_mentors=True)
    assert r.avoided and r.avoided[0].score == max(a.score for a in r.avoidance)
    reasons = [reason for a in r.avoidance for reason in a.reasons]
    assert any("Mentor A rated this 1/5" in reason for reason in reasons)
    assert not any("Okafor" in reason for reason in reasons)
    data = report_data(r)["avoidance"]
    assert data["avoided"] == [a.code for a in r.avoided]
    assert {s["code"] for s in data["scores"]} >= {"CL1", "PA1"}
    assert "What was avoided, and why" in report_html(r)


def test_skills_to_act_on_now_carry_their_band_and_next_steps(demo_db) -> None:
    """The report names the act-now and watch skills with their band, and gives each act-now
    skill the question its strongest reason asks, as the next step."""
    with demo_db.session() as s:
        r = build_report(
            s,
            ReportOptions(
                start=TODAY - dt.timedelta(days=90),
                end=TODAY,
                generated_on=TODAY,
                sections=("avoidance",),
            ),
        )
    assert r.avoided and all(a.band != "fine" for a in r.avoided)
    act_now = [a for a in r.avoided if a.band == "act now"]
    assert act_now and all(a.next_question.endswith("?") for a in act_now)
    assert all(not a.next_question for a in r.avoided if a.band == "watch")
    html = report_html(r)
    assert f"{act_now[0].score}/100, act now" in html
    assert "Next steps:</b> write about it now (“" in html
    assert report_data(r)["avoidance"]["scores"][0]["band"] == str(r.avoidance[0].band)


def test_good_news_names_no_mentor_when_anonymized(db) -> None:
    """A hidden strength says who rated the trainee higher: with anonymized mentors the report
    says "Mentor A", never the name."""
    with db.session() as s:
        build_blind_spots(s)
        r = build_report(
            s,
            ReportOptions(
                start=SCENARIO_DAY - dt.timedelta(days=90),
                end=SCENARIO_DAY,
                generated_on=SCENARIO_DAY,
                anonymize_mentors=True,
                sections=("avoidance",),
            ),
        )
    news = [g for a in r.avoidance for g in a.good_news]
    assert news and all("Okafor" not in g and "Lee" not in g for g in news)
    assert "Mentor" in news[0]
    assert "Okafor" not in report_html(r)
