"""The avoidance model on constructed journals whose right answers are known in advance."""

from __future__ import annotations

import datetime as dt

import pytest

from plnjournal.core.feedback.items import add_feedback_item
from plnjournal.core.frameworks.spec import AreaSpec, FrameworkSpec, SkillSpec, install_framework
from plnjournal.core.insights.avoidance import DEFAULT_WEIGHTS, avoidance_scores
from plnjournal.core.insights.nudges import todays_hard_conversation
from plnjournal.core.journal.entries import add_entry
from plnjournal.storage.models import (
    Commitment,
    EntryFeedback,
    FeedbackImport,
    FeedbackRequest,
    FeedbackRequestSkill,
    Nudge,
    Rating,
    Skill,
)
from plnjournal.values import CommitmentState, NudgeAction, RatingOrigin, RatingSource

AS_OF = dt.date(2026, 11, 28)
START = dt.date(2026, 6, 1)
DEEP = (
    "## What?\nThe lesson ran late and the plenary was lost.\n\n## So what?\nI "
    "think it ran late because I let the starter drag on when the class "
    "were unsettled, and I felt anxious about cutting them off. Perhaps a "
    "timer would make the change feel fair rather than personal. My mentor "
    "said the same last month.\n\n## Now what?\nTomorrow I will set a "
    "five-minute timer for the starter and start the plenary at 10:40."
)
SHALLOW = "The lesson ran late and the class were noisy. We finished the worksheet."


def _days(start: dt.date, end: dt.date, step: int = 1):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=step)


def _install(session) -> dict[str, Skill]:
    spec = FrameworkSpec(
        name="Test practice",
        default_cadence_days=14,
        areas=[
            AreaSpec(
                "Classroom",
                skills=[
                    SkillSpec("DAILY", "Managing transitions", target_level=3, cadence_days=14),
                    SkillSpec("BLIND", "Giving feedback to students", target_level=4),
                ],
            ),
            AreaSpec(
                "Partnerships",
                skills=[
                    SkillSpec("LOW", "Calling families", target_level=3, cadence_days=14),
                    SkillSpec("NEVER", "Disagreeing with a colleague", cadence_days=30),
                    SkillSpec("OLD", "Archived skill"),
                ],
            ),
        ],
    )
    install_framework(session, spec)
    skills = {s.code: s for s in session.query(Skill)}
    skills["OLD"].archived = True
    return skills


def _feedback(
    session, skill: Skill, day: dt.date, level: int | None, comment: str, mentor="Ms Okafor"
):
    imp = FeedbackImport(file_name=f"fb-{day}-{skill.code}.csv", sha256="0" * 64, format="csv")
    session.add(imp)
    return add_feedback_item(
        session,
        imp,
        skill=skill,
        mentor=mentor,
        given_on=day,
        level=level,
        comment=comment,
        line=2,
        raw={},
    )


def build_known(session) -> None:
    sk = _install(session)
    for day in _days(START, AS_OF):
        add_entry(
            session,
            entry_date=day,
            title="Transitions",
            body=DEEP,
            comfort=3,
            skills={sk["DAILY"].id: 3},
        )
    for day in _days(START, dt.date(2026, 9, 30), 7):
        add_entry(
            session,
            entry_date=day,
            title="Families",
            body=DEEP,
            comfort=3,
            skills={sk["LOW"].id: None},
        )
    for day in _days(START + dt.timedelta(days=3), AS_OF, 7):
        add_entry(
            session,
            entry_date=day,
            title="Feedback",
            body=DEEP,
            comfort=3,
            skills={sk["BLIND"].id: 5},
        )
    _feedback(session, sk["DAILY"], dt.date(2026, 11, 10), 3, "Secure now.")
    _feedback(session, sk["LOW"], dt.date(2026, 11, 3), 2, "You still avoid phoning home.")
    _feedback(session, sk["BLIND"], dt.date(2026, 11, 10), 2, "Mostly praise; make it actionable.")
    # After the as-of date: must be ignored.
    add_entry(
        session,
        entry_date=AS_OF + dt.timedelta(days=1),
        title="Late",
        body=SHALLOW,
        skills={sk["NEVER"].id: None, sk["LOW"].id: None},
    )
    _feedback(session, sk["DAILY"], AS_OF + dt.timedelta(days=2), 1, "Not good.")


@pytest.fixture(scope="module")
def known_template(tmp_path_factory: pytest.TempPathFactory):
    """Built once per module (it takes seconds); each test gets a copy."""
    from plnjournal.storage.db import open_database

    path = tmp_path_factory.mktemp("known") / "known.sqlite3"
    database = open_database(path)
    with database.session() as s:
        build_known(s)
    database.close()
    return path


@pytest.fixture
def db(known_template, tmp_path):
    """Four skills with known answers (and an archived one that must not appear):

    DAILY is practised every day, deeply, and rated at target by the mentor; LOW was
    reflected on weekly until 30 Sep, then Ms Okafor rated it 2/5 on 3 Nov; BLIND is
    reflected on weekly with self-ratings of 5 while the mentor rated it 2; NEVER has
    never been touched.
    """
    from plnjournal.storage.backup import copy_database
    from plnjournal.storage.db import open_database

    database = open_database(copy_database(known_template, tmp_path / "known.sqlite3"))
    yield database
    database.close()


@pytest.fixture
def known(db) -> dict[str, int]:
    with db.session() as s:
        return {skill.code: skill.id for skill in s.query(Skill)}


def test_ranking_and_reasons(db, known) -> None:
    with db.session() as s:
        scores = avoidance_scores(s, AS_OF)
    assert [x.code for x in scores] == ["LOW", "NEVER", "BLIND", "DAILY"]
    by = {x.code: x for x in scores}

    low = by["LOW"]
    assert low.last_reflected == dt.date(2026, 9, 28)
    assert low.reasons[:2] == [
        "No reflection for 61 days (you aimed for every 14)",
        "Ms Okafor rated this 2/5 on 3 Nov (“You still avoid phoning home.”); you have not "
        "answered it",
    ]
    assert (
        "Ms Okafor's latest rating (3 Nov) is 2 (Advanced beginner), 1 below your target "
        "of 3 (Competent)" in low.reasons
    )

    never = by["NEVER"]
    assert never.last_reflected is None
    assert never.reasons == [
        "Never reflected on in 180 days of journaling (you aimed for every 30)",
        "No reflection discussing it in the last 90 days, where 3 were due (you aimed for "
        "every 30 days)",
        "No feedback asked for or received on it in 180 days of journaling",
    ]
    # 6 cadences of silence: ln 6 / ln 16 of the overdue signal's 40, then 10 + 5 in full.
    assert never.score == 41

    blind = by["BLIND"]
    assert blind.blind_spot
    assert (
        "Blind spot: you rated yourself 5 (Expert) on 26 Nov; Ms Okafor rated you 2 "
        "(Advanced beginner) on 10 Nov" in blind.reasons
    )
    assert blind.signal("overdue").points == 0

    daily = by["DAILY"]
    assert daily.score == 0 and daily.reasons == []
    assert not daily.blind_spot


def test_worked_example_in_the_docs(db, known) -> None:
    with db.session() as s:
        low = next(x for x in avoidance_scores(s, AS_OF) if x.code == "LOW")
    points = {sig.name: sig.points for sig in low.signals if sig.points}
    assert points == {"overdue": 21.2, "cadence": 2.2, "gap": 5.0, "unanswered": 17.5}
    assert low.score == 46
    assert low.band == "watch"


def test_score_is_the_sum_of_its_points(db, known) -> None:
    with db.session() as s:
        scores = avoidance_scores(s, AS_OF)
    for x in scores:
        assert 0 <= x.score <= 100
        assert x.score == min(100, round(sum(sig.weight * sig.strength for sig in x.signals)))
        assert {sig.name for sig in x.signals} == set(DEFAULT_WEIGHTS)
        # every point has its reason
        assert all(sig.reason for sig in x.signals if sig.points > 0)


def test_later_dates_change_the_answer(db, known) -> None:
    with db.session() as s:
        later = {x.code: x for x in avoidance_scores(s, AS_OF + dt.timedelta(days=1))}
        before = {x.code: x for x in avoidance_scores(s, dt.date(2026, 11, 2))}
    # The entry on the next day touches NEVER for the first time (linked, though its text
    # does not discuss it), and writing about LOW is not answering Ms Okafor's feedback.
    assert later["NEVER"].last_reflected == AS_OF + dt.timedelta(days=1)
    assert later["NEVER"].last_discussed is None
    assert later["LOW"].signal("unanswered").points == 17.5
    # Before Ms Okafor's rating there was nothing to answer.
    assert before["LOW"].signal("unanswered").points == 0
    assert before["LOW"].mentor_rating is None


def add_answer_nudges_and_commitments(s, known: dict[str, int]) -> None:
    """An answered comment on LOW, nudges put off on NEVER, commitments on BLIND and DAILY."""
    low_item = _feedback(
        s,
        s.get(Skill, known["LOW"]),
        dt.date(2026, 11, 20),
        None,
        "We agreed you would call; I have not seen that happen.",
    )
    answer = add_entry(s, entry_date=dt.date(2026, 11, 21), title="Reply", body=DEEP)
    s.add(EntryFeedback(entry_id=answer.id, feedback_item_id=low_item.id))
    s.add_all(
        [
            Nudge(
                skill_id=known["NEVER"],
                shown_on=dt.date(2026, 11, 1),
                action=NudgeAction.DISMISSED,
            ),
            Nudge(
                skill_id=known["NEVER"],
                shown_on=dt.date(2026, 11, 20),
                action=NudgeAction.DISMISSED,
            ),
            Nudge(
                skill_id=known["NEVER"],
                shown_on=dt.date(2026, 11, 25),
                action=NudgeAction.SNOOZED,
                snooze_until=dt.date(2026, 12, 2),
            ),
            Nudge(
                skill_id=known["NEVER"],
                shown_on=dt.date(2026, 1, 5),
                action=NudgeAction.DISMISSED,
            ),  # outside the 90-day window
            Commitment(
                text="Call Dani's family",
                skill_id=known["BLIND"],
                due_on=dt.date(2026, 11, 1),
                created_on=dt.date(2026, 10, 20),
            ),
            Commitment(
                text="Plan one",
                skill_id=known["BLIND"],
                due_on=dt.date(2026, 11, 1),
                created_on=dt.date(2026, 10, 20),
                state=CommitmentState.DONE,
                closed_on=dt.date(2026, 12, 1),
            ),  # done only after the date
            Commitment(
                text="Dropped",
                skill_id=known["DAILY"],
                due_on=dt.date(2026, 11, 1),
                created_on=dt.date(2026, 10, 20),
                state=CommitmentState.DROPPED,
                closed_on=dt.date(2026, 11, 2),
                reason="Timetable changed",
            ),
        ]
    )
    s.flush()


def test_explicit_answer_and_nudges_and_commitments(db, known) -> None:
    with db.session() as s:
        add_answer_nudges_and_commitments(s, known)
        by = {x.code: x for x in avoidance_scores(s, AS_OF)}
    # The explicit answer leaves only the 3 Nov rating unanswered.
    assert by["LOW"].signal("unanswered").reason == (
        "Ms Okafor rated this 2/5 on 3 Nov (“You still avoid phoning home.”); you have not "
        "answered it"
    )
    assert by["NEVER"].signal("nudges").reason == (
        "You said “not today” twice and snoozed it once in the last 90 days"
    )
    assert by["NEVER"].signal("nudges").strength == 1
    assert by["NEVER"].snoozed_until == dt.date(2026, 12, 2)
    assert by["BLIND"].signal("commitments").reason == (
        "2 commitments on it are overdue (the oldest was due 1 Nov)"
    )
    assert by["DAILY"].signal("commitments").reason == (
        "You dropped 1 commitment on it in the last 90 days"
    )


def add_shallow_reflections(s, known: dict[str, int]) -> None:
    """Five shallow, comfortable reflections on BLIND on the as-of date."""
    for _ in range(5):
        add_entry(
            s,
            entry_date=AS_OF,
            title="Feedback again",
            body=SHALLOW,
            comfort=1,
            skills={known["BLIND"]: None},
        )


def test_descriptive_and_comfortable_reflections(db, known) -> None:
    with db.session() as s:
        add_shallow_reflections(s, known)
        by = {x.code: x for x in avoidance_scores(s, AS_OF)}
    assert by["BLIND"].signal("depth").reason == (
        "Your last 5 reflections on it only describe what happened "
        "(no causes, alternatives or next step weighed)"
    )
    assert by["BLIND"].signal("depth").strength == 1
    assert by["BLIND"].signal("comfort").reason == (
        "Your last 5 reflections on it stayed inside your comfort zone (comfort 1.0 of 5 on average)"
    )


def test_feedback_request_counts_as_asking(db, known) -> None:
    with db.session() as s:
        req = FeedbackRequest(requested_on=dt.date(2026, 11, 1), mentor="Ms Okafor")
        s.add(req)
        s.flush()
        s.add(FeedbackRequestSkill(request_id=req.id, skill_id=known["NEVER"]))
        s.flush()
        by = {x.code: x for x in avoidance_scores(s, AS_OF)}
    assert by["NEVER"].signal("feedback").points == 0


def test_blind_spot_agrees_with_the_skills_matrix(demo_db) -> None:
    from plnjournal.core.skills.matrix import skill_matrix
    from tests.conftest import TODAY

    with demo_db.session() as s:
        scores = {x.code: x for x in avoidance_scores(s, TODAY)}
        matrix = skill_matrix(s, as_of=TODAY)
    for row in matrix.rows:
        if row.code in scores:
            assert scores[row.code].blind_spot == matrix.is_blind_spot(row), row.code


def test_private_entries_count_and_archived_skills_are_left_out(db, known) -> None:
    with db.session() as s:
        add_entry(
            s,
            entry_date=AS_OF,
            title="Private",
            body=DEEP,
            private=True,
            skills={known["NEVER"]: 4, known["OLD"]: None},
        )
        scores = avoidance_scores(s, AS_OF)
        public = avoidance_scores(s, AS_OF, include_private=False)  # the report's view
    assert "OLD" not in {x.code for x in scores}
    never = next(x for x in scores if x.code == "NEVER")
    assert never.last_reflected == AS_OF and never.self_rating.level == 4
    never = next(x for x in public if x.code == "NEVER")
    assert never.last_reflected is None and never.self_rating is None


def test_a_framework_but_no_entries(tmp_path) -> None:
    from plnjournal.core.frameworks.spec import load_builtin
    from plnjournal.storage.db import open_database

    database = open_database(tmp_path / "new.sqlite3")
    with database.session() as s:
        install_framework(s, load_builtin("teaching"))
        scores = avoidance_scores(s, AS_OF)
    database.close()
    assert len(scores) == 27
    assert all(x.signal("overdue").points == 0 for x in scores)
    assert all(x.signal("cadence").points == 0 for x in scores)
    assert all(x.score == 0 and x.band == "fine" for x in scores)


def test_no_framework(tmp_path) -> None:
    from plnjournal.storage.db import open_database

    database = open_database(tmp_path / "empty.sqlite3")
    with database.session() as s:
        assert avoidance_scores(s, AS_OF) == []
        assert todays_hard_conversation(s, AS_OF) is None
    database.close()


def test_hard_conversation_uses_the_model(db, known) -> None:
    with db.session() as s:
        talk = todays_hard_conversation(s, AS_OF)
        assert talk is not None and talk.code == "LOW"
        assert talk.reason == "No reflection for 61 days (you aimed for every 14)"
        assert talk.mentor_comment is not None
        assert talk.mentor_comment.mentor == "Ms Okafor"
        assert talk.mentor_comment.comment == "You still avoid phoning home."
        # Snoozed past today: the next most-avoided skill is asked about instead.
        s.add(
            Nudge(
                skill_id=known["LOW"],
                shown_on=AS_OF - dt.timedelta(days=1),
                action=NudgeAction.SNOOZED,
                snooze_until=AS_OF + dt.timedelta(days=3),
            )
        )
        s.flush()
        talk = todays_hard_conversation(s, AS_OF)
        assert talk is not None and talk.code == "NEVER"
        assert talk.reason.startswith("Never reflected on in 180 days of journaling")


def test_self_assessment_ratings_count(db, known) -> None:
    with db.session() as s:
        s.add(
            Rating(
                skill_id=known["NEVER"],
                level=1,
                rated_on=dt.date(2026, 11, 1),
                source=RatingSource.SELF,
                origin=RatingOrigin.SELF_ASSESSMENT,
            )
        )
        s.flush()
        never = next(x for x in avoidance_scores(s, AS_OF) if x.code == "NEVER")
    assert never.signal("gap").reason == (
        "Your latest rating (1 Nov) is 1 (Novice), 2 below your target of 3 (Competent)"
    )


def test_demo_journal_finds_what_the_demo_hides(demo_db) -> None:
    from tests.conftest import TODAY

    with demo_db.session() as s:
        scores = avoidance_scores(s, TODAY)
    codes = [x.code for x in scores]
    assert codes[0] == "PA1"  # low mentor ratings, never reflected on, put off
    assert set(codes[:8]) >= {"PA2", "PA5", "CL3"}  # the neglected ones
    assert next(x for x in scores if x.code == "AS1").blind_spot
    with demo_db.session() as s:
        talk = todays_hard_conversation(s, TODAY)
    assert talk is not None and talk.code == "PA1" and talk.reason == scores[0].reasons[0]
    assert scores[0].band == "act now"
    assert all(x.band == "act now" for x in scores if x.code in ("PA1", "PA2", "PA5", "CL3"))
    # The skills practised every week sit in the lower half, none in the act-now band (one may
    # carry an unanswered low rating: the demo trainee answers most feedback, not all).
    practised = ("CL1", "IN1", "IN2", "IN4")
    assert all(codes.index(c) >= len(codes) // 2 for c in practised)
    assert all(x.band != "act now" for x in scores if x.code in practised)
