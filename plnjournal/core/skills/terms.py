"""Whether a reflection's text discusses a skill: its code, the user's keywords, its name, its words.

A link between a reflection and a skill is the user's claim; this module checks the text
backs it. The rules (docs/skill-terms.md, every example there comes from
tests/core/skills/test_terms.py): a text touches a skill when it holds

1. the skill's code as a word ("PL1");
2. one of the user's keywords for it, as a phrase of word stems ("parents' evening");
3. the skill's name as a phrase of word stems, common words skipped;
4. enough of the skill's own words: points for each distinct word stem of the name or of the
   description and level descriptors that the text holds, weighted by how rare the stem is
   among the framework's skills, so a word most skills share ("students") never counts.

Words are compared by Snowball stems (English, French, German, Spanish) with accents
dropped, so "parents" finds "parent" and "families" finds "family". Pure: no database.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from plnjournal.core.skills.stop_words import STOP_WORDS

LANGUAGES = ("en", "fr", "de", "es")
_SNOWBALL = {"en": "english", "fr": "french", "de": "german", "es": "spanish"}

# A word is a run of letters or digits: apostrophes and hyphens split ("parent's" → parent, s;
# "mini-whiteboards" → mini, whiteboards), as they do in the stop-word lists.
_WORD = re.compile(r"[^\W_]+")
# The fast way to the same words: every ASCII character that is not a letter or digit (and
# the usual typographic marks) to a blank, then split; a non-ASCII text with any other
# non-word character left in a piece falls back to _WORD.
_BLANKS = [c for c in range(128) if not chr(c).isalnum()] + [ord(c) for c in "‘’“”–—…«»¿¡"]
_PUNCTUATION = str.maketrans(dict.fromkeys(_BLANKS, " "))
_KEYWORD_SEPARATORS = re.compile(r"[,;\n\r]+")

# The weighing of rule 4. A stem is *rare* when at most one skill in RARE_PER uses it (and at
# least its own skill may), *generic* when at least one skill in GENERIC_PER does (and at least
# GENERIC_MIN skills): a generic stem never counts.
RARE_PER = 20
GENERIC_PER = 4
GENERIC_MIN = 3
RARE_NAME_POINTS = 3  # a rare word of the name is enough on its own
NAME_POINTS = 2  # another word of the name needs one more: a name word or a rare word
RARE_DETAIL_POINTS = 1  # three rare words of the description and descriptors are enough
THRESHOLD = 3


@dataclass(frozen=True)
class SkillTerms:
    """What a skill is called and described by: the words a text may show it by.
    ``descriptors`` holds the skill's description and its level descriptors."""

    skill_id: int
    code: str
    name: str
    descriptors: tuple[str, ...]
    keywords: tuple[str, ...]


def parse_keywords(text: str) -> tuple[str, ...]:
    """The user's keywords from what they typed: one per line, or separated by commas or
    semicolons; blanks inside a keyword collapse to one space, repeats (case ignored) go."""
    out: list[str] = []
    seen: set[str] = set()
    for part in _KEYWORD_SEPARATORS.split(text):
        word = " ".join(part.split())
        if word and word.casefold() not in seen:
            seen.add(word.casefold())
            out.append(word)
    return tuple(out)


# --- words and stems -------------------------------------------------------------------------

_stemmers = {lang: snowballstemmer.stemmer(name) for lang, name in _SNOWBALL.items()}
# A Snowball stemmer keeps its word in itself while it works: two threads stemming at once
# (two scorings in flight, e.g. Insights' date changed while it was scoring) corrupt each
# other's word (IndexError in the stemmer). One lock per stemmer; a cached stem needs none.
_stem_locks = {lang: threading.Lock() for lang in _SNOWBALL}
# word → stem ("" for a stop word), per language: a journal's vocabulary is small, so each
# word is stemmed once per process. Emptied (between two texts) when it grows past _CACHE_LIMIT.
_stems: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
_CACHE_LIMIT = 200_000


def _plain(text: str) -> str:
    """``text`` without accents, so "eleve" typed without them finds "élève"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str, language: str = "en") -> str:
    """The stem of a casefolded ``word`` ("" for a stop word of ``language``)."""
    cache = _stems[language]
    found = cache.get(word)
    if found is None:
        if word in STOP_WORDS[language]:
            found = ""
        else:
            with _stem_locks[language]:
                found = _plain(_stemmers[language].stemWord(word))
        cache[word] = found
    return found


def guess_language(words: frozenset[str]) -> str:
    """The language whose stop words the (casefolded) ``words`` hold most; English on a tie."""
    return max(LANGUAGES, key=lambda lang: (len(words & STOP_WORDS[lang]), lang == "en"))


def words_of(text: str) -> list[str]:
    """The casefolded words of ``text``: runs of letters or digits."""
    folded = text.casefold()
    words = folded.translate(_PUNCTUATION).split()
    if folded.isascii() or all(map(str.isalnum, words)):
        return words
    return _WORD.findall(folded)


class _Text:
    """A text read once: the stems of its words ("" for a stop word) as a set; its words and
    stems in order only when a phrase needs them."""

    __slots__ = ("_stems", "_word_set", "language", "stem_set", "words")

    def __init__(self, words: list[str], language: str | None) -> None:
        self.words = words
        self._word_set: frozenset[str] | None = None
        self.language = language if language in _SNOWBALL else guess_language(self.word_set)
        known = _stems[self.language]
        if len(known) > _CACHE_LIMIT:
            known.clear()
        try:
            self.stem_set = frozenset(map(known.__getitem__, words))
        except KeyError:  # words not seen before: each stemmed once per process
            self.stem_set = frozenset(stem(w, self.language) for w in words)
        self._stems: tuple[str, ...] | None = None

    @property
    def word_set(self) -> frozenset[str]:
        """Every word (stop words too)."""
        if self._word_set is None:
            self._word_set = frozenset(self.words)
        return self._word_set

    @property
    def stems(self) -> tuple[str, ...]:
        """The content words' stems, in order."""
        if self._stems is None:
            self._stems = tuple(filter(None, map(_stems[self.language].__getitem__, self.words)))
        return self._stems


@lru_cache(maxsize=4096)
def _read(text: str, language: str | None) -> _Text:
    return _Text(words_of(text), language)


def _phrase(text: str, language: str) -> tuple[str, ...]:
    """The content stems of a name or keyword, in order."""
    return tuple(s for s in (stem(w, language) for w in words_of(text)) if s)


def _find(seq: Sequence[str], phrase: tuple[str, ...]) -> int:
    """Where ``phrase`` starts in ``seq`` (-1 when it is not there)."""
    n, first = len(phrase), phrase[0]
    start = 0
    while True:
        try:
            i = seq.index(first, start)
        except ValueError:
            return -1
        if tuple(seq[i : i + n]) == phrase:
            return i
        start = i + 1


# --- the index of one language ---------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    skill_id: int
    parts: tuple[str, ...]
    raw: bool  # matched on the words themselves: a code with punctuation, a stop-word keyword


class _Index:
    """Every skill's terms in one language, arranged so a text is looked at once.

    Rule 4's points are summed in one integer per text: each skill has a *lane* of ``lane``
    bits, a stem's value holds its points in the lanes of the skills it counts for, and the
    lanes at or over the threshold are read with one addition and one mask.
    """

    def __init__(self, skills: list[SkillTerms], language: str) -> None:
        self.codes: dict[str, list[int]] = {}  # the stem of a code with a digit → skills
        self.exact_codes: dict[str, list[int]] = {}  # a letters-only code, case kept
        self.phrases: dict[str, list[_Phrase]] = {}  # first part → phrases
        self.points: dict[str, dict[int, int]] = {}  # stem → {skill: points}
        names: dict[int, set[str]] = {}
        terms: dict[int, set[str]] = {}
        for s in skills:
            code = s.code.strip()
            if code.isalpha():  # "ME" must not be found in "me"
                self.exact_codes.setdefault(code, []).append(s.skill_id)
            elif code.isalnum():  # a word, so the text's stems hold it ("PL1s" too)
                self.codes.setdefault(stem(code.casefold(), language), []).append(s.skill_id)
            elif code:  # "CL-2", "1.2": its words in a row
                self._add(_Phrase(s.skill_id, tuple(words_of(code)), True))
            name = _phrase(s.name, language)
            if name:
                self._add(_Phrase(s.skill_id, name, False))
            for keyword in s.keywords:
                parts = _phrase(keyword, language)
                if parts:
                    self._add(_Phrase(s.skill_id, parts, False))
                elif words_of(keyword):  # only common words ("on my own"): as written
                    self._add(_Phrase(s.skill_id, tuple(words_of(keyword)), True))
            names[s.skill_id] = set(name)
            terms[s.skill_id] = set(name).union(*(_phrase(t, language) for t in s.descriptors))
        self.generic, self.rare = word_limits(len(skills))
        self.df: dict[str, int] = {}
        for stems in terms.values():
            for x in stems:
                self.df[x] = self.df.get(x, 0) + 1
        for sid, stems in terms.items():
            for x in stems:
                if points := self.weigh(x, x in names[sid]):
                    self.points.setdefault(x, {})[sid] = points
        self.phrase_keys = frozenset(self.phrases)
        self.raw_phrases = any(p.raw for ps in self.phrases.values() for p in ps)
        self.lane_of = {sid: i for i, sid in enumerate(terms)}
        most = max(
            (sum(self.points.get(x, {}).get(sid, 0) for x in t) for sid, t in terms.items()),
            default=0,
        )
        self.lane = (most + THRESHOLD).bit_length() + 1
        self.values = {
            x: sum(p << (self.lane * self.lane_of[sid]) for sid, p in by_skill.items())
            for x, by_skill in self.points.items()
        }
        self.value_keys = frozenset(self.values)
        top = 1 << (self.lane - 1)
        self.bias = sum((top - THRESHOLD) << (self.lane * i) for i in range(len(terms)))
        self.high = sum(top << (self.lane * i) for i in range(len(terms)))
        self.skill_ids = list(terms)

    def _add(self, phrase: _Phrase) -> None:
        self.phrases.setdefault(phrase.parts[0], []).append(phrase)

    def weigh(self, stem: str, in_name: bool) -> int:
        """Rule 4's points for a skill's stem."""
        n = self.df.get(stem, 0)
        if n >= self.generic:
            return 0
        if n <= self.rare:
            return RARE_NAME_POINTS if in_name else RARE_DETAIL_POINTS
        return NAME_POINTS if in_name else 0

    def by_points(self, stem_set: frozenset[str]) -> list[int]:
        """The skills whose rule-4 points in a text with these stems reach the threshold."""
        total = sum(map(self.values.__getitem__, stem_set & self.value_keys))
        over = (total + self.bias) & self.high
        out = []
        while over:
            low = over & -over
            out.append(self.skill_ids[(low.bit_length() - 1) // self.lane])
            over ^= low
        return out


def word_limits(n_skills: int) -> tuple[int, int]:
    """(generic, rare) for a framework of ``n_skills``: a stem used by ``generic`` skills or
    more never counts; one used by ``rare`` skills or fewer counts most."""
    generic = max(GENERIC_MIN, math.ceil(n_skills / GENERIC_PER))
    return generic, max(1, n_skills // RARE_PER)


@lru_cache(maxsize=8)
def _index_of(skills: tuple[SkillTerms, ...], language: str) -> _Index:
    """The index of ``skills``, kept while they do not change: a matcher built anew for
    every scoring of an unchanged framework costs nothing more."""
    return _Index(list(skills), language)


class SkillMatcher:
    """Which skills a text discusses, for one framework's skills. ``language`` is the
    journal's ("en", "fr", "de", "es"); None reads each text's language from its common words."""

    def __init__(self, skills: Iterable[SkillTerms], language: str | None = None) -> None:
        self.skills = tuple(skills)
        self.language = language if language in _SNOWBALL else None
        self._indexes: dict[str, _Index] = {}

    def _index(self, language: str) -> _Index:
        index = self._indexes.get(language)
        if index is None:
            index = self._indexes[language] = _index_of(self.skills, language)
        return index

    def discussed(self, text: str) -> frozenset[int]:
        """Ids of the skills ``text`` touches (rules in the module docstring)."""
        doc = _read(text, self.language)
        index = self._index(doc.language)
        found = set(index.by_points(doc.stem_set))
        for code in doc.stem_set.intersection(index.codes):
            found.update(index.codes[code])
        if index.exact_codes:
            for word in _WORD.findall(text):
                found.update(index.exact_codes.get(word, ()))
        keys = index.phrase_keys
        firsts = doc.stem_set & keys
        if index.raw_phrases:
            firsts |= doc.word_set & keys
        for first in firsts:
            for p in index.phrases[first]:
                if p.skill_id not in found and _has(doc, p):
                    found.add(p.skill_id)
        return frozenset(found)

    def why(self, skill_id: int, text: str) -> tuple[str, ...]:
        """The words of ``text`` that show it discusses the skill, as written there, in the
        order they come (empty when it does not discuss it)."""
        if skill_id not in self.discussed(text):
            return ()
        doc = _read(text, self.language)
        index = self._index(doc.language)
        found = list(_WORD.finditer(text))
        words = [m.group() for m in found]
        folded = [w.casefold() for w in words]
        stems = [stem(w, doc.language) for w in folded]
        content = [i for i, s in enumerate(stems) if s]  # where each of doc.stems is
        code = next(s.code.strip() for s in self.skills if s.skill_id == skill_id)
        hits = {
            i
            for i, w in enumerate(words)
            if w == code or (not code.isalpha() and folded[i] == code.casefold())
        }
        for p in (p for ps in index.phrases.values() for p in ps if p.skill_id == skill_id):
            at = _find(folded if p.raw else doc.stems, p.parts)
            if at >= 0:
                last = at + len(p.parts) - 1
                hits.update(range(at, last + 1) if p.raw else range(content[at], content[last] + 1))
        hits.update(i for i, s in enumerate(stems) if skill_id in index.points.get(s, {}))
        out: list[str] = []
        for i in sorted(hits):
            if out and i - 1 in hits:  # a phrase: the text between its words too
                out[-1] = text[found[_run_start(hits, i)].start() : found[i].end()]
            else:
                out.append(words[i])
        return tuple(dict.fromkeys(out))


def _run_start(hits: set[int], i: int) -> int:
    while i - 1 in hits:
        i -= 1
    return i


def _has(doc: _Text, p: _Phrase) -> bool:
    """Whether the text holds the phrase, its parts next to each other."""
    if p.raw:
        return doc.word_set.issuperset(p.parts) and _find(doc.words, p.parts) >= 0
    if len(p.parts) == 1:
        return p.parts[0] in doc.stem_set
    return doc.stem_set.issuperset(p.parts) and _find(doc.stems, p.parts) >= 0
