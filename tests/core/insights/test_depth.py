"""The depth check and the critical-comment words, as docs/avoidance.md states them."""

from __future__ import annotations

import pytest

from plnjournal.core.insights.avoidance_data import is_critical_comment
from plnjournal.core.insights.depth import is_descriptive


@pytest.mark.parametrize(
    "body",
    [
        "Period 3 started late. I felt flustered and I think the class noticed.",
        "## What?\nThe lesson ran late.\n\n## So what?\n\n## Now what?\n",  # empty sections
        "Dani asked a question and I said I would find out.",
        "I was told that I willingly volunteer too much.",  # "I will" only as whole words
        "",
    ],
)
def test_descriptive(body: str) -> None:
    assert is_descriptive("", body)


@pytest.mark.parametrize(
    "body",
    [
        "## What?\nThe lesson ran late.\n\n## So what?\nPace was the problem.",
        "# Action plan #\n- ring home",
        "### ANALYSIS:\nthe instructions were too long",
        "Next lesson I will write the steps on the board.",
        "I’ll ring the family tomorrow.",  # curly apostrophe
        "Looking back, the starter took too long.",
        "I realise I answer my own questions.",
        "From now on the plenary comes first.",
    ],
)
def test_deep(body: str) -> None:
    assert not is_descriptive("", body)


def test_title_and_commitment_count() -> None:
    assert not is_descriptive("What I will do next time", "It went badly.")
    assert not is_descriptive("", "It went badly.", has_commitment=True)


@pytest.mark.parametrize(
    ("comment", "critical"),
    [
        ("We agreed you would call; I have not seen that happen.", True),
        ("You are still reluctant to give difficult news directly.", True),
        ("You tend to hand difficult conversations to the head of year.", True),
        ("You didn’t follow up.", True),
        ("Good progress: the routine at the door is now consistent.", False),
        ("Secure at this level now; push yourself on the harder cases.", False),
        ("Nothing noted.", False),  # "not" only as a whole word
        ("", False),
    ],
)
def test_critical_comments(comment: str, critical: bool) -> None:
    assert is_critical_comment(comment) is critical
