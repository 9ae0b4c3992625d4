"""One language detector for the depth grade and the critical-comment reading: short mentor
comments and long reflections in the four languages are placed, and unsure means English."""

from __future__ import annotations

import pytest

from plnjournal.core.language import COMMON_WORDS, LANGUAGES, detect_language, language_or_detect


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Il n'a pas vérifié les consignes.", "fr"),
        ("Sie ist noch nicht sicher im Umgang mit Eltern.", "de"),
        ("No comprobó la seguridad de los alumnos.", "es"),
        ("Kein einziger Fehler.", "de"),
        ("Pas une seule erreur.", "fr"),
        ("The plenary was rushed.", "en"),
        ("Transitions OK.", "en"),  # nothing tells: English
        ("", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_the_given_language_wins_when_it_is_one_of_ours() -> None:
    assert language_or_detect("fr-CA", "The plenary was rushed.") == "fr"
    assert language_or_detect("it", "Il n'a pas vérifié les consignes.") == "fr"
    assert language_or_detect(None, "Sie ist noch nicht sicher.") == "de"


def test_every_language_has_its_common_words() -> None:
    assert set(COMMON_WORDS) == set(LANGUAGES)
    assert all(len(words) >= 30 for words in COMMON_WORDS.values())
