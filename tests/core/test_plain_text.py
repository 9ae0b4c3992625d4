"""Markdown read as plain text for one-line places: no "**" or "## " in a list row, a table
cell or a search snippet (issue 21, item 5)."""

from __future__ import annotations

import pytest

from plnjournal.core.plain_text import one_line, plain_text


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**What went well?** A calm start.", "What went well? A calm start."),
        ("## What?\nThe class was calm.", "What? The class was calm."),
        ("# Title #\n\n> quoted *softly*", "Title quoted softly"),
        ("- [x] done\n- __two__\n1. first\n2) second", "done two first second"),
        (
            "a [link](https://example.org) and ![a chart](data:image/png;base64,xx)",
            "a link and a chart",
        ),
        ("`code` and ~~struck~~ and <b>tag</b>", "code and struck and <b>tag</b>"),
        ("| Who | What |\n|---|:--:|\n| Ms A | calm |", "Who · What Ms A · calm"),
        ("Setext\n======\n\n***", "Setext"),
        (r"\*not emphasis\*", "*not emphasis*"),
        (
            "snake_case_name stays, 3*4*5 too, a < b > c",
            "snake_case_name stays, 3*4*5 too, a < b > c",
        ),
        ("…went well?** We did", "…went well? We did"),  # a snippet cut inside the markup
    ],
)
def test_markup_goes_and_every_word_stays(markdown: str, plain: str) -> None:
    assert one_line(markdown) == plain


def test_search_marks_survive_and_lines_are_kept() -> None:
    assert one_line("## \ue000What\ue001?\n**went** well") == "\ue000What\ue001? went well"
    assert plain_text("## What?\n\n- calm\n") == "What?\ncalm"


def test_one_line_is_cut_at_a_word_with_an_ellipsis() -> None:
    assert one_line("**What went well?** " + "calm " * 20, 30) == "What went well? calm calm…"


def test_mentor_quotes_in_reasons_and_nudges_are_plain_text() -> None:
    from plnjournal.core.insights.avoidance_signals import quote

    assert quote("**You rushed** the _handover_.\n\n## Next\nSlow down.") == (
        "\u201cYou rushed the handover. Next Slow down.\u201d"
    )
