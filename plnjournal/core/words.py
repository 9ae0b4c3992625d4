"""Counts in words, the same everywhere the app speaks: "1 day", "2 days", "once", "twice"."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` with the word in the right number (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def times(n: int) -> str:
    """ "once", "twice", "three times" … "ten times", then "11 times"."""
    words = ("once", "twice", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    if n <= 2:
        return words[max(n, 1) - 1]
    return f"{words[n - 1] if n <= 10 else n} times"


def ago(days: int) -> str:
    """ "today", "yesterday", "3 days ago": how long ago a day was, as a person says it."""
    return {0: "today", 1: "yesterday"}.get(days, f"{plural(days, 'day')} ago")


def days_text(days: int) -> str:
    """ "47 days"; long spans also in years, "1510 days (about 4 years)"."""
    text = plural(days, "day")
    return text if days < 730 else f"{text} (about {round(days / 365)} years)"


def shorten(text: str, limit: int, *, at_word: bool = False) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…" when something was left
    out (at a word's end with ``at_word``), never ending in a space or a comma before it."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if at_word and " " in cut and text[len(cut)].isalnum():
        cut = cut.rsplit(" ", 1)[0]  # the cut fell inside a word: leave that word out
    return cut.rstrip(" ,;:.") + "…"
