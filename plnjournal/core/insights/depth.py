"""The depth check: does a reflection go beyond describing what happened?

Deliberately simple, so the user can predict it and ``docs/avoidance.md`` can state it in full.
A reflection is **deep** when any of these holds, and **descriptive** otherwise:

1. it has a Markdown heading naming an analysis or action section (``## So what?``,
   ``## Analysis``, ``## Action plan``, …: ``ANALYSIS_HEADINGS`` and ``ACTION_HEADINGS``);
2. a commitment was made from it;
3. its title or body uses an action phrase ("I will", "next time", …: ``ACTION_PHRASES``) or
   an analysis phrase ("looking back", "I realise", …: ``ANALYSIS_PHRASES``).

A heading only counts when the section under it has some text: the empty sections a
reflection model inserts do not make a reflection deep.
"""

from __future__ import annotations

import functools
import re

# Section headings of the built-in reflection models that analyse or plan (lower case, without
# trailing punctuation). "Description", "Feelings", "What?" describe, so they are not here.
ANALYSIS_HEADINGS = (
    "so what",
    "evaluation",
    "analysis",
    "conclusion",
    "abstract conceptualisation",
    "abstract conceptualization",
    "theory and research",
    "reflection-on-action",
    "what i learned",
)
ACTION_HEADINGS = (
    "now what",
    "action plan",
    "active experimentation",
    "what next",
    "next steps",
)
# Whole-word phrases, matched case-insensitively (curly apostrophes count as straight ones).
ACTION_PHRASES = (
    "i will",
    "i'll",
    "i am going to",
    "i'm going to",
    "i plan to",
    "i intend to",
    "next time",
    "from now on",
    "my next step",
)
ANALYSIS_PHRASES = (
    "looking back",
    "on reflection",
    "i realise",
    "i realize",
    "i realised",
    "i realized",
    "i learned",
    "i learnt",
    "the real issue",
    "the problem was",
    "i can see a pattern",
    "when i compare",
)

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def _norm(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").casefold()


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"(?<![\w']){'(?:' + alternatives + ')'}(?![\w'])")


_PHRASES = _phrase_pattern(ACTION_PHRASES + ANALYSIS_PHRASES)
_DEEP_HEADINGS = frozenset(ANALYSIS_HEADINGS + ACTION_HEADINGS)


def _deep_sections(body: str) -> bool:
    """True when a heading from the lists is followed by some text before the next heading."""
    in_deep = False
    for line in body.splitlines():
        m = _HEADING.match(line)
        if m:
            in_deep = m.group(1).rstrip("?:. ").strip() in _DEEP_HEADINGS
            continue
        if in_deep and line.strip():
            return True
    return False


def is_descriptive(title: str, body: str, *, has_commitment: bool = False) -> bool:
    """True when the reflection only describes: no analysis or action section with text, no
    commitment made from it, and no action or analysis phrase."""
    return not has_commitment and _only_describes(title, body)


@functools.lru_cache(maxsize=2048)
def _only_describes(title: str, body: str) -> bool:
    # A pure function of the text, and the avoidance model asks it again about the same
    # latest reflections each time it scores (after every change in the window).
    text = _norm(f"{title}\n{body}")
    return not (_deep_sections(text) or _PHRASES.search(text))
