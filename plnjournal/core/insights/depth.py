"""How deep a reflection goes, on Hatton & Smith's (1995) scale, from markers a writer can see.

The rules, the word lists (``depth_markers.py``) and why are in docs/depth.md. In short: each
*kind* of reflective marker found gives one point (model headings filled, first-person
analysis, causes, alternatives, feelings, a concrete next step, feedback or evidence);

- **descriptive reflection** needs 2 points, or 1 in a text of at least 40 words;
- **dialogic** needs at least 60 words, 4 points of which 2 are analysis, causes or
  alternatives, and on average one marker every 100 words (a long story with a few
  reflective words in it stays a story);
- **critical** needs dialogic, at least 150 words and 2 kinds of critical marker (a wider
  context, values or ethics, assumptions questioned, another or a changed perspective);
- anything else is **descriptive writing**.

Pure and cached: the avoidance model grades the same latest reflections after every change,
and the editor grades the open one as the user types.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from plnjournal.core.insights.depth_markers import MARKERS, MarkerLists
from plnjournal.core.journal.reflection_models import builtin_models
from plnjournal.core.language import LANGUAGES, detect_language
from plnjournal.values import DepthLevel

# The thresholds (docs/depth.md, "The rules").
REFLECTION_WORDS = 40  # one kind of marker lifts a text this long to descriptive reflection
DIALOGIC_WORDS = 60
CRITICAL_WORDS = 150
DIALOGIC_POINTS = 4
DIALOGIC_WEIGHING = 2  # of analysis, causes, alternatives
MARKERS_PER_100_WORDS = 1.0
CRITICAL_KINDS = 2
SECTION_WORDS = 3  # words under a model heading for the section to count as filled
SECTIONS_FOR_POINT = 2
STEP_WORDS_AFTER = 6  # words after "I will" that make an action concrete without a "when"

# What each kind of marker says in the markers list, in the order shown.
PHRASES = {
    "analysis": "analyses in the first person",
    "causes": "considers causes",
    "alternatives": "weighs alternatives",
    "feelings": "names feelings",
    "step": "a concrete next step",
    "evidence": "refers to feedback or evidence",
    "context": "sets it in a wider context",
    "ethics": "questions values or ethics",
    "assumptions": "questions assumptions",
    "perspective": "takes another or a changed perspective",
}
WEIGHING = ("analysis", "causes", "alternatives")
POINT_KINDS = ("structure", *WEIGHING, "feelings", "step", "evidence")
CRITICAL = ("context", "ethics", "assumptions", "perspective")
_DENSITY_KINDS = (*WEIGHING, "feelings", "evidence", *CRITICAL)
_PHRASE_KINDS = (*WEIGHING, "feelings", "evidence", "intent", "when", "vague", *CRITICAL)


@dataclass(frozen=True)
class DepthGrade:
    """A reflection's level, the language its markers were read in, and what was found."""

    level: DepthLevel
    language: str
    markers: tuple[str, ...]
    words: int
    missing: str = ""  # what the next level up would need, in plain words ("" at the top)

    def summary(self) -> str:
        """One line: the level and what was found ("Dialogic — considers causes, …")."""
        found = ", ".join(self.markers) if self.markers else "nothing beyond what happened"
        return f"{self.level.label} — {found}"


# --- folding text --------------------------------------------------------------------------

# What NFKD does not take apart; str.replace, as str.translate walks the text in Python.
_REPLACE = (
    ("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("`", "'"),
    ("œ", "oe"), ("æ", "ae"), ("ø", "o"), ("ł", "l"), ("đ", "d"),
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"[.!?\n]+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_TASK = re.compile(r"^[-*+]\s+\[[ xX]\]\s+(.*)$")
_CITATION = re.compile(r"\([^()]*\b(?:19|20)\d\d[a-z]?\)")  # "(Hattie, 2009)", "(2009)"


def fold(text: str) -> str:
    """Lower case, without accents, with straight apostrophes: how every list and text is
    compared ("Peut-être" → "peut-etre", "I’ll" → "i'll", "Straße" → "strasse")."""
    text = text.casefold()
    if text.isascii():
        return text.replace("`", "'")
    for old, new in _REPLACE:
        text = text.replace(old, new)
    text = unicodedata.normalize("NFKD", text)
    return text.encode("ascii", "ignore").decode("ascii")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


# --- the marker tables ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    singles: dict[str, tuple[str, ...]]  # one-word marker → its kinds
    longer: dict[tuple[str, str], tuple[tuple[tuple[str, ...], str], ...]]  # first two words
    starts_longer: frozenset[str]  # first words of the longer phrases
    stems: tuple[tuple[str, str], ...]  # (prefix, kind)
    intent: re.Pattern[str] | None


@functools.cache
def _table(language: str) -> _Table:
    lists: MarkerLists = MARKERS[language]
    singles: dict[str, list[str]] = {}
    longer: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
    stems: list[tuple[str, str]] = []
    for kind in _PHRASE_KINDS:
        for phrase in getattr(lists, kind):
            if phrase.endswith("*"):
                stems.append((fold(phrase[:-1]), kind))
                continue
            words = _words(phrase)
            if len(words) == 1:
                singles.setdefault(words[0], []).append(kind)
            else:
                longer.setdefault((words[0], words[1]), []).append((tuple(words[2:]), kind))
    pattern = re.compile(lists.intent_pattern) if lists.intent_pattern else None
    return _Table(
        {w: tuple(v) for w, v in singles.items()},
        {w: tuple(v) for w, v in longer.items()},
        frozenset(first for first, _ in longer),
        tuple(stems),
        pattern,
    )


_Entry = tuple[tuple[str, ...], bool]  # the word's own kinds; whether a longer phrase may start
_VOCABULARY_LIMIT = 200_000  # words remembered per language before starting afresh
_known: dict[str, dict[str, _Entry]] = {}


def _entry(language: str, word: str) -> _Entry:
    """What ``word`` is on its own (a one-word marker, a stem's word, a number: "when") and
    whether a longer phrase starts with it; remembered, so a long text costs a look-up a word."""
    known = _known.setdefault(language, {})
    found = known.get(word)
    if found is None:
        table = _table(language)
        kinds = list(table.singles.get(word, ()))
        kinds += [kind for prefix, kind in table.stems if word.startswith(prefix)]
        if word[0].isdigit():
            kinds.append("when")  # "at 8:30", "period 3", "by the 12th"
        if len(known) >= _VOCABULARY_LIMIT:
            known.clear()
        found = known[word] = (tuple(kinds), word in table.starts_longer)
    return found


@functools.cache
def _model_headings() -> dict[str, tuple[str, ...]]:
    """Every built-in model's headings (folded), by model id; the other languages' names of
    the same headings are read as the English ones (``MarkerLists.headings``)."""
    return {m.id: tuple(" ".join(_words(s.heading)) for s in m.sections) for m in builtin_models()}


@functools.cache
def _heading_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for lists in MARKERS.values():
        for local, english in lists.headings:
            aliases[" ".join(_words(local))] = " ".join(_words(english))
    return aliases


# --- reading the text ------------------------------------------------------------------------


@dataclass
class _Reading:
    prose: list[str]
    section_words: dict[str, int]  # model heading (folded) → words written under it


def _read_body(body: str) -> _Reading:
    """The prose (headings and a model's inserted questions left out) and the words under
    each heading; a heading's own words are never markers ("## Feelings" names none)."""
    prompts = _model_prompts()
    choices = _model_choices()
    aliases = _heading_aliases()
    prose: list[str] = []
    sections: dict[str, int] = {}
    current: str | None = None
    for line in body.splitlines():
        m = _HEADING.match(line)
        if m:
            heading = " ".join(_words(m.group(1)))
            current = aliases.get(heading, heading)
            sections.setdefault(current, 0)
            continue
        stripped = line.strip()
        if stripped.startswith(">") and " ".join(_words(stripped)) in prompts:
            continue  # the model's guiding questions, not the writer's words
        task = _TASK.match(stripped)
        if task and " ".join(_words(task.group(1))) in choices:
            continue  # a model's tick box (ticked or not): a choice, not the writer's words
        if stripped:
            prose.append(line)
            if current is not None:
                sections[current] += len(stripped.split())
    return _Reading(prose, sections)


@functools.cache
def _model_choices() -> frozenset[str]:
    return frozenset(
        " ".join(_words(c)) for m in builtin_models() for s in m.sections for c in s.choices
    )


@functools.cache
def _model_prompts() -> frozenset[str]:
    return frozenset(
        " ".join(_words(" ".join(s.prompts)))
        for m in builtin_models()
        for s in m.sections
        if s.prompts
    )


def _structure(sections: dict[str, int]) -> tuple[int, int]:
    """(sections filled, sections in the model) for the built-in model the headings match best."""
    best_filled, best_total, best_present = 0, 0, 0
    for headings in _model_headings().values():
        present = sum(1 for h in headings if h in sections)
        if present > best_present:
            filled = sum(1 for h in headings if sections.get(h, 0) >= SECTION_WORDS)
            best_filled, best_total, best_present = filled, len(headings), present
    return best_filled, best_total


def _scan(text: str, language: str) -> tuple[Counter[str], bool]:
    """How often each kind of marker occurs, and whether a sentence holds a concrete step."""
    table = _table(language)
    known = _known.setdefault(language, {})
    counts: Counter[str] = Counter()
    step = False
    for sentence in _SENTENCE_END.split(text):
        words = _WORD.findall(sentence)
        if not words:
            continue
        kinds: set[str] = set()
        intent_end = -1
        last = len(words) - 1
        for i, word in enumerate(words):
            entry = known.get(word) or _entry(language, word)
            for kind in entry[0]:
                counts[kind] += 1
                kinds.add(kind)
                if kind == "intent" and intent_end < 0:
                    intent_end = i + 1
            if not entry[1] or i == last:
                continue
            for rest, kind in table.longer.get((word, words[i + 1]), ()):
                end = i + 2 + len(rest)
                if rest and tuple(words[i + 2 : end]) != rest:
                    continue
                counts[kind] += 1
                kinds.add(kind)
                # "I should have", "I would have": hindsight, not a plan
                if kind == "intent" and intent_end < 0 and words[end : end + 1] != ["have"]:
                    intent_end = end
        if intent_end < 0 and table.intent is not None:
            m = table.intent.search(" ".join(words))
            if m:
                counts["intent"] += 1
                intent_end = len(" ".join(words)[: m.end()].split())
        if intent_end >= 0 and not step:
            after = len(words) - intent_end
            step = after >= STEP_WORDS_AFTER or (
                "when" in kinds and "vague" not in kinds and after >= 1
            )
    return counts, step


# --- the grade -------------------------------------------------------------------------------


def grade_reflection(
    title: str, body: str, *, language: str | None = None, has_commitment: bool = False
) -> DepthGrade:
    """The reflection's level on Hatton & Smith's scale, with the markers that put it there.

    ``language`` is the journal's setting ("en", "fr", "de", "es"); None (or another value)
    reads the language from the text. A commitment made from the reflection counts as a
    concrete next step."""
    if language not in LANGUAGES:
        language = detect_language(f"{title}\n{body}")
    return _grade(title, body, language, has_commitment)


@functools.lru_cache(maxsize=2048)
def _grade(title: str, body: str, language: str, has_commitment: bool) -> DepthGrade:
    reading = _read_body(body)
    prose = "\n".join([title, *reading.prose])
    words = len(prose.split())
    folded = fold(prose)
    counts, step = _scan(folded, language)
    counts["evidence"] += len(_CITATION.findall(folded))
    filled, total = _structure(reading.section_words)

    found: dict[str, str] = {}
    if filled >= SECTIONS_FOR_POINT:
        found["structure"] = f"{filled} of {total} model headings filled"
    for kind in (*WEIGHING, "feelings"):
        if counts[kind]:
            found[kind] = PHRASES[kind]
    if has_commitment:
        found["step"] = "a commitment made from it"
    elif step:
        found["step"] = PHRASES["step"]
    if counts["evidence"]:
        found["evidence"] = PHRASES["evidence"]
    critical = [k for k in CRITICAL if counts[k]]
    for kind in critical:
        found[kind] = PHRASES[kind]

    points = sum(1 for k in POINT_KINDS if k in found)
    weighing = sum(1 for k in WEIGHING if k in found)
    density = 100 * sum(counts[k] for k in _DENSITY_KINDS) / max(words, 1)
    dialogic_needs = _dialogic_needs(words, points, weighing, density)
    if not dialogic_needs:
        critical_needs = _critical_needs(words, len(critical))
        level = DepthLevel.DIALOGIC if critical_needs else DepthLevel.CRITICAL
        missing = critical_needs
    elif points >= 2 or (points == 1 and words >= REFLECTION_WORDS):
        level, missing = DepthLevel.DESCRIPTIVE_REFLECTION, dialogic_needs
    else:
        level = DepthLevel.DESCRIPTIVE_WRITING
        missing = (
            f"one more kind of marker, or {REFLECTION_WORDS} words"
            if points == 1
            else "reasons, feelings, a next step or another marker of reflection"
        )
    order = (*POINT_KINDS, *CRITICAL)
    markers = tuple(found[k] for k in order if k in found)
    return DepthGrade(level, language, markers, words, missing)


def _dialogic_needs(words: int, points: int, weighing: int, density: float) -> str:
    needs = []
    if words < DIALOGIC_WORDS:
        needs.append(f"at least {DIALOGIC_WORDS} words")
    if weighing < DIALOGIC_WEIGHING:
        needs.append("two of first-person analysis, causes and alternatives")
    if points < DIALOGIC_POINTS:
        needs.append(f"{DIALOGIC_POINTS} kinds of marker (has {points})")
    if density < MARKERS_PER_100_WORDS:
        needs.append("reflection throughout, not a remark in a long account")
    return "; ".join(needs)


def _critical_needs(words: int, kinds: int) -> str:
    needs = []
    if words < CRITICAL_WORDS:
        needs.append(f"at least {CRITICAL_WORDS} words")
    if kinds < CRITICAL_KINDS:
        needs.append(
            "two of a wider context, values or ethics, assumptions questioned, another perspective"
        )
    return "; ".join(needs)
