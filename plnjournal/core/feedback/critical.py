"""Whether a mentor's comment asks for change, read sentence by sentence with negation and
praise: the one reading the feedback inbox and the avoidance model share.

A comment is critical when one of its sentences names a problem ("rushed the handover",
"unsafe", "late again") or says a change is required ("needs to", "must", "not yet"). A
negation in front of a problem word is praise ("not a single error", "never late", "didn't
hesitate"), in front of anything else it is a problem ("not confident", "didn't check"). Each
sentence is read on its own, so praise in one never cancels a problem in another. The words
and the rules are in docs/critical-comments.md; the word lists in ``critical_vocab``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from plnjournal.core.feedback.critical_vocab import VOCAB
from plnjournal.core.language import LANGUAGES, language_or_detect
from plnjournal.core.language import fold as _fold

# How far a negation reaches: content words, and words of any kind, before it gives up.
NEGATION_REACH = 4
NEGATION_TOKENS = 8
# How many cues the reason quotes, and how long each may be.
REASON_CUES = 3
CUE_CHARS = 40

# Which kind wins when phrases of the same length match at one place.
_PRIORITY = (
    "ignore",
    "praise",
    "always",
    "negator",
    "det_negator",
    "demand",
    "problem",
    "too",
    "positive",
    "cancel",
    "only",
    "restrict",
    "post_negator",
    "pride",
    "imperative_ok",
    "before",
    "after",
    "boundary",
    "determiner",
    "skip",
)
_RANK = {kind: n for n, kind in enumerate(_PRIORITY)}
# Words a negation or an object reaches across without counting them as content.
_PASSING = frozenset({"skip", "determiner", "before", "after", "too", "pride", "only", "restrict"})
_NEGATORS = frozenset({"negator", "det_negator"})
# A stem that ends like this names the problem's absence: "flawless", "fehlerfrei".
_PRIVATIVE = ("less", "free", "frei", "los", "lose", "losen")
# French elided words ("n'a", "l'élève") are two words.
_ELISIONS = frozenset(
    ("l", "d", "n", "j", "m", "t", "s", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu")
)
# A clause ends at these marks between two words.
_CLAUSE_MARKS = re.compile(r"[,;:()\[\]\u2014\u2013\"\u201c\u201d\u00ab\u00bb/]|\s-\s|--")
_SENTENCE = re.compile(r"[^.!?\u2026\n]+")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


@dataclass(frozen=True)
class CommentReading:
    """What a comment asks: ``cues`` are the phrases that asked for change, ``praise`` the
    praise or negated phrases that were not counted, both as written in the comment."""

    critical: bool
    cues: tuple[str, ...]
    praise: tuple[str, ...]


@dataclass(frozen=True)
class _Entry:
    words: tuple[tuple[str, bool], ...]  # each word, and whether it is a stem
    kind: str
    takes_object: bool


@dataclass(frozen=True)
class _Token:
    norm: str
    start: int
    end: int
    clause_start: bool  # a clause mark or the sentence's start comes before it
    capital: bool


class _Lexicon:
    """One language's word lists, indexed by a phrase's first word."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.exact: dict[str, list[_Entry]] = {}
        self.stems: dict[str, list[_Entry]] = {}
        self._seen: dict[str, tuple[_Entry, ...]] = {}
        for kind, text in VOCAB[lang].items():
            for raw in text.replace("\n", ",").split(","):
                phrase = _fold(raw.strip())
                if not phrase:
                    continue
                takes_object = phrase.endswith("+")
                words = tuple(
                    (w.rstrip("*"), w.endswith("*")) for w in _split_words(phrase.rstrip("+"), lang)
                )
                entry = _Entry(words, kind, takes_object)
                first, stem = words[0]
                if stem:
                    self.stems.setdefault(first[:3], []).append(entry)
                else:
                    self.exact.setdefault(first, []).append(entry)

    def candidates(self, norm: str) -> tuple[_Entry, ...]:
        """The phrases that can start with this word (remembered: words repeat)."""
        known = self._seen.get(norm)
        if known is not None:
            return known
        found = list(self.exact.get(norm, ()))
        found += [e for e in self.stems.get(norm[:3], ()) if norm.startswith(e.words[0][0])]
        if self.lang == "en" and (norm.endswith("n't") or norm == "cannot"):
            found.append(_Entry(((norm, False),), "negator", False))
        if len(self._seen) < 50_000:
            self._seen[norm] = tuple(found)
        return tuple(found)


def _split_words(phrase: str, lang: str) -> list[str]:
    out = []
    for w in phrase.replace("-", " ").split():
        head, apostrophe, tail = w.partition("'")
        if lang == "fr" and apostrophe and head in _ELISIONS:
            out.append(head + "'")
            if tail:
                out.append(tail)
        else:
            out.append(w)
    return out


_LEXICONS = {lang: _Lexicon(lang) for lang in LANGUAGES}


def _language(comment: str, language: str | None) -> str:
    return language_or_detect(language, comment)


def _tokens(text: str, start: int, end: int, lang: str) -> list[_Token]:
    out: list[_Token] = []
    last = start
    for m in _WORD.finditer(text, start, end):
        clause_start = not out or bool(_CLAUSE_MARKS.search(text, last, m.start()))
        norm = _fold(m.group())
        head, apostrophe, tail = norm.partition("'")
        capital = m.group()[:1].isupper()
        if lang == "fr" and apostrophe and head in _ELISIONS and tail:
            cut = m.start() + len(head) + 1
            out.append(_Token(head + "'", m.start(), cut, clause_start, capital))
            out.append(_Token(tail, cut, m.end(), False, False))
        else:
            out.append(_Token(norm, m.start(), m.end(), clause_start, capital))
        last = m.end()
    return out


class _Sentence:
    """One sentence's words, read left to right into cue and praise spans (word indexes)."""

    def __init__(self, tokens: list[_Token], lex: _Lexicon) -> None:
        self.t = tokens
        self.lex = lex
        self.cues: list[tuple[int, int]] = []
        self.praise: list[tuple[int, int]] = []

    def matches(self, i: int) -> list[tuple[str, int, _Entry]]:
        """Every phrase starting at word ``i``: (kind, end, entry), the best first."""
        t = self.t
        if i >= len(t):
            return []
        title = self.lex.lang == "en" and t[i].norm == "miss" and t[i].capital
        if title and i + 1 < len(t) and t[i + 1].capital:
            return [("ignore", i + 2, _Entry((), "ignore", False))]  # Miss Okafor
        found = []
        for e in self.lex.candidates(t[i].norm):
            k = i + 1
            for word, stem in e.words[1:]:
                if k >= len(t) or t[k].clause_start:
                    break
                if not (t[k].norm == word or (stem and t[k].norm.startswith(word))):
                    break
                k += 1
            else:
                found.append((e.kind, k, e))
        found.sort(key=lambda m: (-(m[1] - i), _RANK[m[0]]))
        return found

    def kinds(self, i: int) -> dict[str, tuple[int, _Entry]]:
        """The longest phrase of each kind starting at word ``i``."""
        out: dict[str, tuple[int, _Entry]] = {}
        for kind, end, entry in self.matches(i):
            out.setdefault(kind, (end, entry))
        return out

    def is_content(self, i: int) -> bool:
        """A word that is none of the listed kinds: a verb, a noun, an adjective."""
        return not self.matches(i)

    def open(self, k: int) -> bool:
        """Word ``k`` exists and continues the current clause ("but", a comma end it)."""
        return k < len(self.t) and not self.t[k].clause_start and "boundary" not in self.kinds(k)

    def read(self) -> None:
        """Find every cue and praise phrase in the sentence."""
        i = 0
        while i < len(self.t):
            found = self.matches(i)
            if not found:
                i += 1
                continue
            kind, end, entry = found[0]
            if kind in _NEGATORS:
                i = self.negation(i, end, kind)
            elif kind == "always":
                i = self.cue(i, end, entry)
            elif kind in ("problem", "demand"):
                i = self.problem(i, end, kind, entry)
            elif kind == "praise":
                self.praise.append((i, end))
                i = end
            elif kind == "too":
                i = self.too(i, end)
            else:
                i = end

    def problem(self, i: int, end: int, kind: str, entry: _Entry) -> int:
        t = self.t
        if kind == "problem":
            word, stem = entry.words[0]
            if len(entry.words) == 1 and stem and t[i].norm[len(word) :].endswith(_PRIVATIVE):
                self.praise.append((i, end))  # "flawless", "fehlerfrei"
                return end
            if self.open(end) and "post_negator" in self.kinds(end):
                self.praise.append((i, end + 1))  # "error-free"
                return end + 1
            k, content = end, 0
            while self.open(k) and k < end + NEGATION_REACH and content <= 1:
                kinds = self.kinds(k)
                if _NEGATORS & kinds.keys():
                    after = max(kinds[n][0] for n in _NEGATORS & kinds.keys())
                    self.praise.append((i, after))  # "vergisst nie", "missed nothing"
                    return after
                content += self.is_content(k)
                k += 1
        if kind == "demand":
            k = end
            while self.open(k) and k < end + 3:
                kinds = self.kinds(k)
                if "pride" in kinds:
                    self.praise.append((i, k + 1))  # "you should be proud"
                    return k + 1
                if not _PASSING & kinds.keys():
                    break
                k += 1
        return self.cue(i, end, entry)

    def negation(self, i: int, j: int, kind: str) -> int:
        """Read what a negation at words ``i``..``j`` negates; returns where reading goes on."""
        t, lex = self.t, self.lex
        imperative = lex.lang == "en" and (  # "Don't rush the plenary.", "Do not …"
            (t[i].norm == "don't" and t[i].clause_start)
            or (i > 0 and t[i].norm == "not" and t[i - 1].norm == "do" and t[i - 1].clause_start)
        )
        k, content, first_content, other_negation = j, 0, None, False
        while self.open(k) and content < NEGATION_REACH and k < j + NEGATION_TOKENS:
            kinds = self.kinds(k)
            if "only" in kinds and k == j:
                return k + 1  # "not only … but also"
            if "restrict" in kinds and not other_negation and t[i].norm in ("ne", "n'"):
                return k + 1  # "il n'a fait que …"
            if "cancel" in kinds and not (self.open(k + 1) and "problem" in self.kinds(k + 1)):
                end = kinds["cancel"][0]
                self.praise.append((i, end))  # "couldn't be better"
                return end
            for decisive in ("always", "problem", "demand", "positive"):
                if decisive not in kinds:
                    continue
                end = kinds[decisive][0]
                while self.open(end) and "negator" in self.kinds(end):
                    end = self.kinds(end)["negator"][0]  # "n'oublie jamais", "ne … pas"
                if decisive == "positive" or decisive == "always":
                    return self.cue(i, end, None)  # "not confident"
                if imperative and "imperative_ok" not in kinds:
                    return self.cue(i, end, None)  # "Don't rush"
                self.praise.append((i, end))  # "not a single error", "never late"
                return end
            if _NEGATORS & kinds.keys():
                other_negation = True
                k = max(kinds[n][0] for n in _NEGATORS & kinds.keys())
                continue
            if _PASSING & kinds.keys():
                k += 1
                continue
            if first_content is None:
                first_content = k
            content += 1
            k += 1
        if kind == "det_negator":
            return j  # "no comments": a negated noun alone asks for nothing
        if first_content is not None:
            end = first_content + 1
            if self.open(end) and "negator" in self.kinds(end):
                end = self.kinds(end)["negator"][0]  # "ne vérifie pas"
            return self.cue(i, end, None)  # "didn't check", "never follows up"
        if i > 0 and not t[i].clause_start and self.is_content(i - 1):
            self.cues.append((i - 1, j))  # verb-final: "prüft die Sicherheit nicht"
        return j

    def too(self, i: int, end: int) -> int:
        if not self.open(end):
            return end  # "Well done, you too."
        kinds = self.kinds(end)
        if "problem" in kinds or "demand" in kinds:
            return end  # the problem word is the cue; "too" joins it from the left
        if "boundary" in kinds or ("skip" in kinds and self.t[end].norm not in ("much", "many")):
            return end
        return self.cue(i, end + 1, None)  # "too fast"

    def cue(self, i: int, end: int, entry: _Entry | None) -> int:
        """Record a cue over words ``i``..``end``, widened by what belongs with it, and return
        where reading goes on."""
        start = i
        while start > 0 and not self.t[start].clause_start:
            reach = [
                k
                for k in (start - 2, start - 1)
                if k >= 0
                and any(self.kinds(k).get(kind, (0,))[0] == start for kind in ("before", "too"))
            ]
            if not reach:
                break
            start = reach[0]  # "still avoids", "a bit rushed"
        if entry is not None and entry.takes_object:
            k, passed = end, 0
            while self.open(k) and passed < 2 and "determiner" in self.kinds(k):
                k, passed = k + 1, passed + 1
            words = 0
            while self.open(k) and words < 2 and self.is_content(k):
                k, words = k + 1, words + 1
            if words:
                end = k  # "omitted the checks"
        while self.open(end) and "after" in self.kinds(end):
            end = self.kinds(end)["after"][0]  # "late again"
        if self.cues and start <= self.cues[-1][1] and not self.t[start].clause_start:
            start = min(start, self.cues[-1][0])
            self.cues.pop()  # "still needs to improve" is one cue
        self.cues.append((start, end))
        return end


@functools.lru_cache(maxsize=8192)
def read_comment(comment: str, language: str | None = None) -> CommentReading:
    """Whether the comment asks for change, with the phrases that say so and the praise that
    was not counted; the language is the caller's ("en", "fr", "de", "es"), else detected."""
    text = comment or ""
    lex = _LEXICONS[_language(text, language)]
    cues: list[str] = []
    praise: list[str] = []
    for sentence in _SENTENCE.finditer(text):
        tokens = _tokens(text, sentence.start(), sentence.end(), lex.lang)
        reader = _Sentence(tokens, lex)
        reader.read()
        for spans, out in ((reader.cues, cues), (reader.praise, praise)):
            for a, b in spans:
                phrase = " ".join(text[tokens[a].start : tokens[b - 1].end].split())
                if phrase.casefold() not in {p.casefold() for p in out}:
                    out.append(phrase)
    return CommentReading(bool(cues), tuple(cues), tuple(praise))


def _quoted(cues: tuple[str, ...]) -> str:
    shown = [c if len(c) <= CUE_CHARS else c[: CUE_CHARS - 1].rstrip() + "\u2026" for c in cues]
    text = ", ".join(f"\u201c{c}\u201d" for c in shown[:REASON_CUES])
    more = len(shown) - REASON_CUES
    return text + (f" and {more} more" if more > 0 else "")


def demand_reason(
    level: int | None,
    target: int,
    comment: str,
    label: str = "",
    *,
    praise_marked: bool = False,
    language: str | None = None,
) -> str:
    """Why a feedback item asks for a reflection, in plain words; "" when it does not. A
    rating below target counts even when the user marked the comment as praise."""
    parts = []
    if level is not None and level < target:
        named = f" ({label})" if label and label != str(level) else ""
        parts.append(f"rated {level}{named}, below your target {target}")
    if not praise_marked:
        reading = read_comment(comment or "", language)
        if reading.critical:
            parts.append(f"the comment asks for change: {_quoted(reading.cues)}")
    return "; ".join(parts)
