"""Which of the four supported languages a text is in, for the reads that depend on it.

One detector for the depth grade, critical comments and anything else that needs a language
when the journal's setting (core/journal/settings.py, ``journal_language``) is not set. It
counts each language's commonest small words and the letters only one of the languages uses,
so even a one-sentence mentor comment ("No comprobó la seguridad…") is placed; "en" when
nothing tells (no hint at all, or a tie). The lists are in docs/depth.md, "The language".
"""

from __future__ import annotations

import functools
import re
import unicodedata

LANGUAGES = ("en", "fr", "de", "es")
# The journal setting that names its language (core/journal/settings.py).
LANGUAGE_SETTING = "language"
LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish"}

# Each language's commonest small words. A word two languages share (French and Spanish "la",
# "de") is left out of both when counting: it tells nothing.
COMMON_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "the", "and", "of", "to", "i", "it", "that", "is", "was", "with", "my", "for", "they",
        "this", "had", "have", "not", "were", "on", "at", "be", "he", "she", "we", "you", "your",
        "what", "would", "about", "because", "me", "them", "their", "but", "her", "his", "from",
        "did", "very", "never",
    ),
    "fr": (
        "le", "les", "et", "des", "est", "une", "un", "du", "je", "j", "il", "elle", "nous",
        "vous", "ils", "pas", "dans", "pour", "avec", "sur", "au", "aux", "mais", "ce", "cette",
        "qui", "ai", "était", "très", "mes", "mon", "ma", "c", "qu", "sont", "ne", "leur",
        "jamais", "rien",
    ),
    "de": (
        "und", "der", "die", "das", "ich", "nicht", "ist", "ein", "eine", "einen", "zu", "mit",
        "den", "dem", "auf", "sie", "wir", "auch", "sich", "für", "dass", "wie", "aber", "mich",
        "mir", "hat", "habe", "bei", "nach", "noch", "wenn", "weil", "sehr", "im", "du", "nie",
        "kein", "keine",
    ),
    "es": (
        "el", "los", "las", "y", "del", "por", "con", "una", "pero", "muy", "yo", "mi", "lo",
        "fue", "como", "para", "porque", "estaba", "sus", "al", "eso", "esta", "este", "hay",
        "más", "también", "cuando", "sobre", "nos", "está", "se", "sin", "nada", "nunca",
        "ningún", "tu",
    ),
}  # fmt: skip
# Letters that only one of the four languages uses, each counted as one more hint.
LANGUAGE_LETTERS = {"fr": "çœèêëàùâîôû", "de": "ßäöü", "es": "ñ¿¡áíóú"}

_WORD = re.compile(r"[^\W\d_]+")


def fold(text: str) -> str:
    """Lower case, straight apostrophes, no accents: how words are compared."""
    text = text.replace("\u2019", "'").casefold()
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _hints() -> dict[str, frozenset[str]]:
    folded = {lang: {fold(w) for w in words} for lang, words in COMMON_WORDS.items()}
    shared = {w for a in LANGUAGES for b in LANGUAGES if a < b for w in folded[a] & folded[b]}
    return {lang: frozenset(words - shared) for lang, words in folded.items()}


_HINTS = _hints()


# Cached: the avoidance model asks again about the same reflections after every change (the
# depth grade and the comment reading are cached by text too; docs/performance.md).
@functools.lru_cache(maxsize=4096)
def detect_language(text: str) -> str:
    """The text's language by its commonest small words and telltale letters; "en" when
    unsure (no hint, or a tie)."""
    words = _WORD.findall(fold(text))
    lowered = text.casefold()
    scores = {}
    for lang in LANGUAGES:
        scores[lang] = sum(1 for w in words if w in _HINTS[lang])
        scores[lang] += sum(lowered.count(c) for c in LANGUAGE_LETTERS.get(lang, ""))
    best = max(LANGUAGES, key=lambda lang: scores[lang])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return "en"
    return best


def language_or_detect(language: str | None, text: str) -> str:
    """The given language when it is one of ours ("fr", "fr_FR"), else the text's own."""
    code = (language or "").strip()[:2].casefold()
    return code if code in LANGUAGES else detect_language(text)
