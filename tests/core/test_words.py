"""Counts read as sentences everywhere: never "1 days" or "1 reflections" (issue 20,
finding 12)."""

from __future__ import annotations

from plnjournal.core.words import days_text, plural, times


def test_counts_in_words() -> None:
    assert plural(1, "day") == "1 day" and plural(2, "day") == "2 days"
    assert plural(1, "reflection") == "1 reflection"
    assert plural(3, "family", "families") == "3 families"
    assert [times(n) for n in (1, 2, 3, 10, 11)] == [
        "once",
        "twice",
        "three times",
        "ten times",
        "11 times",
    ]
    assert days_text(1) == "1 day" and days_text(1510) == "1510 days (about 4 years)"


def test_shorten_cuts_with_an_ellipsis_at_a_word_when_asked() -> None:
    from plnjournal.core.words import shorten

    assert shorten("short  text\nhere", 40) == "short text here"
    assert shorten("You keep rushing the handover, and the checks", 30) == (
        "You keep rushing the handover…"
    )
    assert shorten("You keep rushing the handover, and the checks", 30, at_word=True) == (
        "You keep rushing the handover…"
    )
    assert shorten("abcdefghij", 5) == "abcd…"
    assert shorten("You keep rushing the handovers and the checks", 30, at_word=True) == (
        "You keep rushing the…"
    )


def test_ago_says_today_and_yesterday() -> None:
    from plnjournal.core.words import ago

    assert [ago(0), ago(1), ago(2), ago(40)] == ["today", "yesterday", "2 days ago", "40 days ago"]
