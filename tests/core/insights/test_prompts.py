"""The writing prompt "Write about it now" starts with: the strongest reason, then the question
that answers it, reading as sentences for every signal the model has."""

from __future__ import annotations

import dataclasses

import pytest

from plnjournal.core.insights.avoidance import DEFAULT_WEIGHTS, Signal, avoidance_scores
from plnjournal.core.insights.prompts import (
    GENERAL_QUESTION,
    NOTHING_FOUND,
    QUESTIONS,
    strongest_signal,
    writing_prompt,
    writing_title,
)
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def demo_scores(demo_template):
    from plnjournal.storage.db import open_database

    database = open_database(demo_template)
    try:
        with database.session() as s:
            return avoidance_scores(s, TODAY)
    finally:
        database.close()


def _reads_well(prompt: str) -> None:
    assert not prompt[0].islower() and prompt.endswith("?")
    assert "  " not in prompt and ".." not in prompt and "\n" not in prompt


def _only(score, name: str, reason: str):
    """``score`` as if its one signal were ``name`` (other fields as the model made them)."""
    signals = [Signal(name, 10, 1.0, reason)] + [
        Signal(s.name, s.weight, 0.0) for s in score.signals if s.name != name
    ]
    return dataclasses.replace(score, reasons=[reason], signals=signals)


def test_the_prompt_is_the_reason_then_the_question_that_answers_it(demo_scores) -> None:
    reason = (
        "Ms Okafor rated this 1/5 three times since 2 Sep (\u201cDefensive in the debrief "
        "again\u2026\u201d); you have not answered any of the 3"
    )
    prompt = writing_prompt(_only(demo_scores[0], "unanswered", reason))
    assert prompt == (f"{reason}. What is your honest answer, and what will you do differently?")


@pytest.mark.parametrize("name", list(DEFAULT_WEIGHTS))
def test_every_signal_of_the_model_gets_a_prompt_that_reads(demo_scores, name: str) -> None:
    reason = "no reflection for 47 days (you aimed for every 14)"
    prompt = writing_prompt(_only(demo_scores[0], name, reason))
    _reads_well(prompt)
    assert prompt.startswith("No reflection for 47 days (you aimed for every 14). ")
    assert prompt.endswith(QUESTIONS.get(name, GENERAL_QUESTION))


def test_each_signal_s_question_answers_its_own_reason() -> None:
    # Not one question for everything: the reasons differ, so do the questions.
    assert set(DEFAULT_WEIGHTS) <= set(QUESTIONS)
    assert len(set(QUESTIONS.values())) == len(QUESTIONS)
    for question in QUESTIONS.values():
        _reads_well(question)


def test_a_signal_the_model_adds_later_gets_the_general_question(demo_scores) -> None:
    prompt = writing_prompt(_only(demo_scores[0], "something_new", "Linked but never discussed."))
    assert prompt == f"Linked but never discussed. {GENERAL_QUESTION}"


def test_every_demo_skill_gets_a_prompt_from_the_model_s_own_reasons(demo_scores) -> None:
    for score in demo_scores:
        prompt = writing_prompt(score)
        _reads_well(prompt)
        if score.reasons:
            signal = strongest_signal(score)
            assert signal is not None and signal.reason == score.reasons[0]
            assert prompt.startswith(score.reasons[0][0].upper() + score.reasons[0][1:])
            assert prompt.endswith(QUESTIONS.get(signal.name, GENERAL_QUESTION))
        assert writing_title(score) == f"Facing {score.skill}"


def test_a_skill_with_nothing_against_it_still_gets_a_question(demo_scores) -> None:
    quiet = dataclasses.replace(
        demo_scores[-1],
        reasons=[],
        signals=[Signal(s.name, s.weight, 0.0) for s in demo_scores[-1].signals],
    )
    assert strongest_signal(quiet) is None
    assert writing_prompt(quiet) == NOTHING_FOUND


def test_the_questions_are_the_ones_the_journaling_doc_lists() -> None:
    from pathlib import Path

    doc = (Path(__file__).parents[3] / "docs" / "journaling.md").read_text(encoding="utf-8")
    doc = " ".join(doc.split())  # the doc wraps its lines
    for name, question in QUESTIONS.items():
        assert f"(`{name}`) | {question} |" in doc
    assert GENERAL_QUESTION in doc and NOTHING_FOUND in doc
