"""Leaving mentor names out of a progress report: each mentor becomes "Mentor A", "Mentor B", …

The same mentor gets the same letter everywhere in one report (feedback digest, comments,
avoidance reasons, reflections, the JSON attachment), in the order they first gave feedback,
so a reader can still follow who said what without learning who they are.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

# Honorifics are dropped to find the name a user is likely to write on its own ("Okafor").
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"}


def _letters(n: int) -> str:
    """A, B, …, Z, AA, AB, … (spreadsheet-style), so any number of mentors gets a label."""
    letters = string.ascii_uppercase
    label = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        label = letters[rem] + label
    return label


def _pattern(tokens: list[str]) -> str:
    # "Ms Okafor" also matches "Ms. Okafor" and "Ms  Okafor".
    return r"[\s.]*".join(re.escape(t) for t in tokens)


class MentorNames:
    """Replaces mentor names consistently; a no-op when ``anonymize`` is False."""

    def __init__(self, mentors: Iterable[str], *, anonymize: bool) -> None:
        self.anonymize = anonymize
        self._labels: dict[str, str] = {}
        self._spelling: dict[str, str] = {}  # as first written, for case-sensitive surnames
        for name in mentors:
            key = self._key(name)
            if key and key not in self._labels:
                self._labels[key] = f"Mentor {_letters(len(self._labels))}"
                self._spelling[key] = " ".join(name.split())
        self._regex: re.Pattern[str] | None = None
        self._by_group: dict[str, str] = {}
        if anonymize and self._labels:
            self._regex = self._build()

    @staticmethod
    def _key(name: str) -> str:
        return " ".join((name or "").split()).casefold()

    def _build(self) -> re.Pattern[str]:
        variants: list[tuple[str, str, bool]] = []  # (pattern, label, ignore case)
        for key, label in self._labels.items():
            tokens = [t.strip(".") for t in self._spelling[key].split() if t.strip(".")]
            variants.append((_pattern(tokens), label, True))
            if "@" in key:
                continue
            bare = [t for t in tokens if t.casefold() not in _HONORIFICS]
            if len(bare) >= 2 and bare != tokens:
                variants.append((_pattern(bare), label, True))
            # A name on its own ("Okafor") is replaced only as written, capitalised: as a
            # lower-case word it is too likely to be an ordinary one.
            if bare and len(bare[-1]) >= 3 and (len(bare) >= 2 or bare != tokens):
                surname = bare[-1][:1].upper() + bare[-1][1:]
                variants.append((re.escape(surname), label, False))
        variants.sort(key=lambda v: len(v[0]), reverse=True)  # longest first
        parts = []
        for i, (pattern, label, ignore_case) in enumerate(variants):
            group = f"m{i}"
            self._by_group[group] = label
            inner = f"(?i:{pattern})" if ignore_case else pattern
            parts.append(rf"(?P<{group}>(?<!\w){inner}(?!\w))")
        return re.compile("|".join(parts))

    def name(self, mentor: str) -> str:
        """The name to print for a mentor."""
        if not self.anonymize:
            return mentor
        return self._labels.get(self._key(mentor), "a mentor" if mentor.strip() else "")

    def text(self, text: str) -> str:
        """``text`` with every mentor name replaced by its label."""
        if self._regex is None or not text:
            return text
        return self._regex.sub(lambda m: self._by_group[m.lastgroup or ""], text)
