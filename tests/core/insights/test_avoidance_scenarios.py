"""Scenario journals, each built from what a mentor would expect of the ranking.

Every test's docstring is the mentor's expectation, written before the code; the journal is
built through the same core functions the window and the command line use, and the test
checks the expectation through ``avoidance_scores`` (and, where it says so, the skills matrix).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plnjournal.core.feedback.inbox import mark_praise, unanswered_feedback
from plnjournal.core.insights.avoidance import SkillScore, avoidance_scores, describe_score
from plnjournal.core.skills.matrix import skill_matrix
from plnjournal.values import Band
from tests.core.insights.scenario_kit import AS_OF, Journal, ago, days, framework

# Reflections that discuss their skill in plain prose, with some analysis and a next step.
DEBRIEF = (
    "In today's debrief with my mentor I got defensive again when she raised the "
    "noise in the transition. Looking at it calmly, I think I defend myself because I "
    "feel judged, and that stops me hearing the point. Perhaps the real problem is "
    "that I treat every comment as a verdict rather than as information. I could have "
    "asked her what she saw first. Next week I will write her points down before I "
    "answer, and check with her on Friday whether it helped."
)
HANDOVER = (
    "The handover at the end of the shift went better. I used the SBAR structure for "
    "each patient and the night nurse asked fewer questions, probably because the "
    "situation came first and the recommendation last. I felt calmer than last week. "
    "On the other hand I still rushed the last two patients, which suggests I leave "
    "too little time. Tomorrow I will start the handover notes at six and keep the "
    "written prompt on my badge until it is automatic."
)
WOUNDS = (
    "Wound care on bay 3 took longer than planned: the dressing packs were in the "
    "wrong room. I stayed calm, but I think I should have checked the trolley at the "
    "start of the shift, because the same thing happened on Monday. I was frustrated "
    "with myself. An alternative would be to ask the healthcare assistant to stock it "
    "the night before. On Thursday I will check the trolley before handover and note "
    "what is missing."
)


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty journal, built once: each scenario copies it."""
    from plnjournal.storage.db import open_database

    path = tmp_path_factory.mktemp("scenarios") / "empty.sqlite3"
    open_database(path).close()
    return path


@pytest.fixture
def journal(empty_template: Path, tmp_path: Path):
    from plnjournal.storage.backup import copy_database
    from plnjournal.storage.db import open_database

    database = open_database(copy_database(empty_template, tmp_path / "j.sqlite3"))
    with database.session() as s:
        yield s
    database.close()


def _by_code(scores: list[SkillScore]) -> dict[str, SkillScore]:
    return {s.code: s for s in scores}


def build_ignored_feedback(journal) -> Journal:
    """Feedback on a skill written about daily, three 1/5 ratings never answered."""
    j = framework(
        journal,
        [
            ("FB", "Receiving feedback from your mentor", 7),
            ("HO", "Shift handover", 14),
            ("WC", "Wound care", 14),
        ],
    )
    j.write(days(ago(120), AS_OF), "FB", DEBRIEF, title="Debrief")
    j.write(days(ago(120), AS_OF, 10), "HO", HANDOVER, title="Handover")
    j.write(days(ago(120), ago(40), 10), "WC", WOUNDS, title="Wounds")
    j.feedback("FB", ago(87), 1, "Defensive in the debrief again; you argue before you listen.")
    j.feedback("FB", ago(50), 1, "Still arguing with every point I raise.")
    j.feedback("FB", ago(20), 1, "You need to let me finish before you answer.")
    return j


def test_ignored_feedback_on_a_skill_written_about_daily(journal) -> None:
    """A trainee writes about taking feedback every day, while Ms Okafor rates it 1/5 three
    times with critical comments the trainee never takes up. Writing about the skill is not
    answering the feedback: it must be at the top, in the act-now band, and the reason must
    quote Ms Okafor and say none of the three was answered. Once the trainee answers all
    three, it leaves the act-now band."""
    j = build_ignored_feedback(journal)
    scores = avoidance_scores(journal, AS_OF)
    fb = _by_code(scores)["FB"]
    assert scores[0].code == "FB"
    assert fb.band == Band.ACT_NOW
    assert fb.reasons[0] == (
        "Ms Okafor rated this 1/5 three times since 2 Sep (“You need to let me finish before "
        "you answer.”); you have not answered any of the 3"
    )
    for item in j.items:
        j.answer(item, AS_OF, "I listened back to the debrief notes and I can see I cut her off.")
    fb = _by_code(avoidance_scores(journal, AS_OF))["FB"]
    assert fb.band != Band.ACT_NOW
    assert not fb.unanswered


def build_blind_spots(journal) -> Journal:
    """Self-ratings of 5 against an old mentor rating (OLD) and fresh ones (NEW); a self
    rating of 2 against two recent 4s (LOW)."""
    j = framework(
        journal,
        [("OLD", "Medicines round", 14), ("NEW", "Shift handover", 14), ("LOW", "Wound care", 14)],
    )
    j.write(
        days(ago(200), AS_OF, 7),
        ["OLD", "NEW", "LOW"],
        f"{HANDOVER} {WOUNDS} Medicines round went fine.",
    )
    for code in ("OLD", "NEW"):
        j.rate_self(code, 5, ago(10))
    j.rate_self("LOW", 2, ago(10))
    j.feedback("OLD", ago(330), 2)
    for n, mentor in ((60, "Ms Okafor"), (35, "Mr Lee"), (12, "Ms Okafor")):
        j.feedback("NEW", ago(n), 2, mentor=mentor)
    j.feedback("LOW", ago(40), 4, mentor="Ms Okafor")
    j.feedback("LOW", ago(25), 4, mentor="Mr Lee")
    return j


def test_fresh_blind_spot_outranks_a_stale_one(journal) -> None:
    """Two skills the trainee rates 5/5. On one, a single mentor rating of 2 is 330 days
    old: that is not a blind spot any more, it is a reason to ask for fresh feedback. On the
    other, three recent mentor ratings of 2: a real blind spot, which must rank higher. A
    third skill the trainee rates 2 while two mentors recently said 4 is a hidden strength:
    good news, not points."""
    build_blind_spots(journal)
    by = _by_code(avoidance_scores(journal, AS_OF))
    assert by["NEW"].blind_spot and not by["OLD"].blind_spot
    assert by["NEW"].score > by["OLD"].score
    assert by["NEW"].signal("blind_spot").reason == (
        "Blind spot: you rated yourself 5 (Expert) on 18 Nov; Ms Okafor and Mr Lee rated you "
        "2 on average in the last 180 days (3 ratings, the latest on 16 Nov)"
    )
    assert by["OLD"].signal("feedback").reason == (
        "You rate yourself 5, and the only mentor view is old: Ms Okafor rated you 2 on "
        "2 Jan; ask for fresh feedback on it"
    )
    assert by["LOW"].good_news == [
        "Hidden strength: you rate yourself 2 (Advanced beginner); Mr Lee and Ms Okafor rated "
        "you 4 in the last 180 days. Your mentors see more than you do here."
    ]
    assert by["LOW"].signal("blind_spot").points == 0
    matrix = skill_matrix(journal, as_of=AS_OF)
    rows = {r.code: r for r in matrix.rows}
    assert matrix.is_blind_spot(rows["NEW"]) and not matrix.is_blind_spot(rows["OLD"])
    assert matrix.is_hidden_strength(rows["LOW"])


def build_tag_stuffing(journal) -> Journal:
    """ES linked to every reflection, whose text is about HO or WC."""
    j = framework(
        journal,
        [
            ("HO", "Shift handover", 14),
            ("WC", "Wound care", 14),
            ("ES", "Escalating concerns", 14),
            ("IC", "Infection control", 14),
        ],
    )
    j.write(days(ago(150), AS_OF, 3), ["HO", "ES"], HANDOVER, title="Handover")
    j.write(days(ago(150), AS_OF, 3), ["WC", "ES"], WOUNDS, title="Dressings")
    # IC is discussed once, 20 days ago, and only linked since.
    j.write(ago(20), "IC", "Infection control audit: I missed two hand hygiene moments.")
    j.write(days(ago(19), AS_OF, 3), ["WC", "IC"], WOUNDS, title="Dressings again")
    return j


def test_tag_stuffing_ranks_above_honest_skills(journal) -> None:
    """A skill linked to every reflection whose text never discusses it is not being
    practised: it must rank above the skills the reflections are really about, with a reason
    saying how many linked reflections do not discuss it. The honest skills lose nothing for
    being written about less often than the stuffed one."""
    build_tag_stuffing(journal)
    by = _by_code(avoidance_scores(journal, AS_OF))
    assert by["ES"].score > by["HO"].score and by["ES"].score > by["WC"].score
    assert by["ES"].signal("linked_only").reason == (
        "Linked to 60 reflections in the last 90 days that do not discuss it (not its name, "
        "code, descriptors or your keywords for it)"
    )
    assert by["ES"].signal("overdue").reason == (
        "No reflection that discusses it for at least 87 days (you aimed for every 14)"
    )
    assert by["IC"].signal("overdue").reason == (
        "No reflection that discusses it for 20 days (you aimed for every 14)"
    )
    assert by["HO"].signal("cadence").points == 0 and by["WC"].signal("cadence").points == 0
    assert by["HO"].band == Band.FINE


def build_silences(journal) -> Journal:
    """ST kept up weekly, DR dropped two months ago, YR untouched for a year."""
    j = framework(
        journal,
        [("ST", "Shift handover", 14), ("DR", "Wound care", 14), ("YR", "Medicines round", 14)],
    )
    j.write(days(ago(400), AS_OF, 7), "ST", HANDOVER, title="Handover")
    j.write(days(ago(400), ago(60), 7), "DR", WOUNDS, title="Dressings")
    j.write(days(ago(400), ago(365), 7), "YR", "Medicines round: checked every chart.")
    return j


def test_a_year_of_silence_ranks_above_two_months_and_steady_practice(journal) -> None:
    """Three skills on the same 14-day cadence: one kept up every week, one dropped two
    months ago, one untouched for a year. The year of silence ranks first, then the two
    months; the steady one is fine. With two unanswered low ratings on top, the year-old
    skill is at 80 or more."""
    j = build_silences(journal)
    scores = avoidance_scores(journal, AS_OF)
    assert [s.code for s in scores] == ["YR", "DR", "ST"]
    by = _by_code(scores)
    assert by["ST"].band == Band.FINE and by["ST"].signal("overdue").points == 0
    assert by["DR"].band == Band.WATCH
    assert (
        by["YR"].signal("overdue").reason == "No reflection for 365 days (you aimed for every 14)"
    )
    j.feedback("YR", ago(100), 2, "Rushed the checks and omitted the second signature.")
    j.feedback("YR", ago(30), 2, "Still rushing the round.")
    assert _by_code(avoidance_scores(journal, AS_OF))["YR"].score >= 80


def build_one_week(journal) -> Journal:
    """A journal started six days ago, writing only about HO."""
    j = framework(
        journal,
        [("HO", "Shift handover", 14), ("WC", "Wound care", 30), ("ES", "Escalating concerns", 14)],
    )
    j.write(days(ago(6), AS_OF), "HO", HANDOVER, title="Handover")
    return j


def test_a_one_week_journal_is_getting_started(journal) -> None:
    """A journal started a week ago cannot have reached skills it aims at every two weeks or
    every month: nothing is ranked as avoided, the journal says it is getting started, and no
    reason claims the user is "keeping up" with a skill never written about."""
    build_one_week(journal)
    scores = avoidance_scores(journal, AS_OF)
    assert all(s.getting_started for s in scores)
    assert all(s.band == Band.FINE and s.score == 0 for s in scores)
    never = _by_code(scores)["WC"]
    assert never.not_yet_due
    text = describe_score(never)
    assert "keeping up" not in text
    assert "Not reflected on yet, and not due" in text


def build_no_cadence(journal) -> Journal:
    """No cadence anywhere; HO silent for 200 days, WC written weekly."""
    j = framework(
        journal, [("HO", "Shift handover", None), ("WC", "Wound care", None)], default_cadence=None
    )
    j.write(days(ago(300), ago(200), 7), "HO", HANDOVER)
    j.write(days(ago(300), AS_OF, 7), "WC", WOUNDS)
    return j


def test_no_cadence_means_never_overdue(journal) -> None:
    """A framework without a cadence (docs/frameworks.md: null) sets no rhythm: a skill
    silent for 200 days is not overdue in the model or in the skills matrix, and no reason
    mentions a default cadence."""
    build_no_cadence(journal)
    by = _by_code(avoidance_scores(journal, AS_OF))
    assert by["HO"].signal("overdue").points == 0 and by["HO"].signal("cadence").points == 0
    assert not any("every" in r for r in by["HO"].reasons)
    assert "never overdue" in describe_score(by["HO"])
    row = next(r for r in skill_matrix(journal, as_of=AS_OF).rows if r.code == "HO")
    assert row.cadence_days is None and row.overdue_days is None


def build_escalation(journal) -> Journal:
    """HO written about deeply every day; three 2/5 ratings never answered."""
    j = framework(journal, [("HO", "Shift handover", 14)])
    j.write(days(ago(60), AS_OF), "HO", HANDOVER, title="Handover")
    for n in (40, 25, 5):
        j.feedback("HO", ago(n), 2)
    return j


def test_three_low_ratings_escalate_whatever_else_is_written(journal) -> None:
    """The third unanswered low rating on a skill puts it in the act-now band even when the
    trainee writes about it deeply every day and has reached nothing else against it."""
    build_escalation(journal)
    ho = avoidance_scores(journal, AS_OF)[0]
    assert ho.band == Band.ACT_NOW
    assert ho.score == 60  # lifted exactly to the act-now threshold, and it says why
    assert ho.signal("escalated").reason == (
        "3 low ratings on it unanswered: it stays in the act-now band until you answer them"
    )


TRANSMISSIONS = (
    "Les transmissions de fin de poste se sont mieux passées aujourd'hui. J'ai utilisé la "
    "structure SAED pour chaque patient et l'infirmière de nuit a posé moins de questions, "
    "sans doute parce que la situation venait en premier. Je me suis sentie plus calme que "
    "la semaine dernière. En revanche, j'ai encore bâclé les deux derniers patients, ce qui "
    "montre que je garde trop peu de temps. Demain, je commencerai mes notes à dix-huit "
    "heures et je garderai l'aide-mémoire sur mon badge."
)


def build_depth(journal) -> Journal:
    """HO in careful English prose, TR in careful French prose, WC and ES in one-liners that
    promise ("I will", "je ferai") without weighing anything."""
    j = framework(
        journal,
        [
            ("HO", "Shift handover", 14),
            ("TR", "Transmissions en fin de poste", 14),
            ("WC", "Wound care", 14),
            ("ES", "Transferts de patients", 14),
        ],
    )
    week = list(days(ago(34), AS_OF, 7))
    j.write(week, "HO", HANDOVER, title="Handover")
    j.write(week, "TR", TRANSMISSIONS, title="Transmissions")
    j.write(week, "WC", "Wound care was fine today. I will do better.", title="Wound care")
    j.write(week, "ES", "Transferts de patients corrects. Je ferai mieux.", title="Transferts")
    return j


def test_deep_prose_in_two_languages_and_one_liners(journal) -> None:
    """Careful reflections in plain prose — no headings, in English or in French — weigh
    causes, alternatives, feelings and a next step: they are not shallow. One-liners that
    promise to do better, in either language, are: the skill written about only so is
    flagged as shallow, and no "I will" makes them deep."""
    build_depth(journal)
    by = _by_code(avoidance_scores(journal, AS_OF))
    assert by["HO"].signal("depth").points == 0 and by["TR"].signal("depth").points == 0
    for code in ("WC", "ES"):
        assert by[code].signal("depth").strength == 1
        assert by[code].signal("depth").reason == (
            "Your last 5 reflections on it only describe what happened (no causes, "
            "alternatives or next step weighed)"
        )
    assert by["WC"].score > by["HO"].score and by["ES"].score > by["TR"].score


def build_praise(journal) -> Journal:
    """HO gets praise phrased with negations; WC a comment that asks for change in words the
    old list missed; ES a 2/5 whose comment the trainee marks as praise."""
    j = framework(
        journal,
        [("HO", "Shift handover", 14), ("WC", "Wound care", 14), ("ES", "Escalating concerns", 14)],
    )
    j.write(days(ago(40), AS_OF, 7), "HO", HANDOVER, title="Handover")
    j.write(days(ago(40), AS_OF, 7), "WC", WOUNDS, title="Dressings")
    j.write(days(ago(40), AS_OF, 7), "ES", "Escalating concerns: I called the registrar early.")
    j.feedback("HO", ago(20), 4, "Not a single error in the handover. Excellent.")
    j.feedback("HO", ago(10), None, "You never miss a step.")
    j.feedback("WC", ago(15), None, "Rushed the dressing and omitted the wound checks.")
    j.feedback("ES", ago(5), 2, "You didn't hesitate to call for help.")
    return j


def test_praise_with_negations_is_not_feedback_to_answer(journal) -> None:
    """A mentor writing "not a single error" or "you never miss a step" is praising: nothing
    waits for an answer. "Rushed the dressing and omitted the checks" asks for change even
    without a rating, and the reason quotes it. Marking a comment as praise takes it off the
    list, but a rating below target still waits for an answer: it is the stronger signal.
    The feedback inbox agrees item for item."""
    j = build_praise(journal)
    by = _by_code(avoidance_scores(journal, AS_OF))
    assert by["HO"].signal("unanswered").points == 0
    assert by["WC"].signal("unanswered").reason == (
        "Ms Okafor asked for change on 13 Nov (“Rushed the dressing and omitted the wound "
        "checks.”); you have not answered it"
    )
    assert by["ES"].signal("unanswered").points > 0  # 2/5 is below the target of 3
    waiting = {row.id for row in unanswered_feedback(journal)}
    assert waiting == {n.item_id for x in by.values() for n in x.unanswered}
    wc_item, es_item = j.items[2], j.items[3]
    mark_praise(journal, wc_item.id)
    mark_praise(journal, es_item.id)
    by = _by_code(avoidance_scores(journal, AS_OF))
    assert by["WC"].signal("unanswered").points == 0
    assert [n.item_id for n in by["ES"].unanswered] == [es_item.id]
    assert {row.id for row in unanswered_feedback(journal)} == {es_item.id}
    mark_praise(journal, wc_item.id, praise=False)  # reversible
    assert _by_code(avoidance_scores(journal, AS_OF))["WC"].signal("unanswered").points > 0


# Every scenario journal, for the check that docs/avoidance.md's examples are produced.
BUILDERS = (
    build_ignored_feedback,
    build_blind_spots,
    build_tag_stuffing,
    build_silences,
    build_one_week,
    build_no_cadence,
    build_escalation,
    build_depth,
    build_praise,
)


def test_a_daily_cadence_reads_as_every_day(journal) -> None:
    """A skill aimed at every day says "every day", never "every 1 days"."""
    j = framework(journal, [("HO", "Shift handover", 1)])
    j.write(days(ago(30), ago(10)), "HO", HANDOVER, title="Handover")
    ho = avoidance_scores(journal, AS_OF)[0]
    text = " ".join(ho.reasons)
    assert "(you aimed for every day)" in text and "every 1" not in text
