"""Critical comments, not critical words: negation and praise, sentence by sentence, in English,
French, German and Spanish; the cues are the comment's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnjournal.core.feedback.critical import demand_reason, read_comment
from plnjournal.core.feedback.critical_vocab import VOCAB
from plnjournal.core.language import detect_language

# (language, comment, the cues it must give: () means not critical)
TABLE = [
    # Praise written with negations: never critical.
    ("en", "Not a single error\u2026 excellent", ()),
    ("en", "You never miss a step.", ()),
    ("en", "No concerns.", ()),
    ("en", "I couldn\u2019t fault it.", ()),
    ("en", "Nothing to improve.", ()),
    ("en", "Never late, always prepared.", ()),
    ("en", "She didn't hesitate to step in.", ()),
    ("en", "Couldn't be happier with this term.", ()),
    ("en", "Hardly any errors this time; no more mistakes in the register.", ()),
    ("en", "Error-free and flawless planning.", ()),
    ("en", "You should be proud of this. Keep it up!", ()),
    ("en", "Don't worry about the marking.", ()),
    ("en", "Not only punctual but well prepared.", ()),
    ("en", "I have no doubt she will be excellent.", ()),
    ("en", "Miss Jones said the lesson was calm.", ()),
    ("en", "She met the needs of every learner. Good work on transitions.", ()),
    # Critical without the old word list.
    (
        "en",
        "Rushed the handover and omitted the checks.",
        ("Rushed the handover", "omitted the checks"),
    ),
    ("en", "The set-up was unsafe.", ("unsafe",)),
    ("en", "Late again.", ("Late again",)),
    ("en", "Incomplete notes.", ("Incomplete",)),
    ("en", "You forgot the register.", ("forgot the register",)),
    ("en", "Still avoids eye contact with parents.", ("Still avoids eye contact",)),
    ("en", "He needs to plan the plenary.", ("needs to",)),
    ("en", "You must call home.", ("must",)),
    ("en", "Not yet secure.", ("Not yet",)),
    ("EN", "NOT CONFIDENT with the data.", ("NOT CONFIDENT",)),
    ("en", "Don\u2019t rush the plenary.", ("Don\u2019t rush",)),
    ("en", "The pace was a bit too fast.", ("a bit too fast",)),
    ("en", "No progress since October.", ("No progress",)),
    ("en", "The policy was not applied consistently.", ("not applied consistently",)),
    # Mixed: praise in one sentence does not cancel a problem in another.
    ("en", "Great lesson! But you still haven\u2019t called home.", ("still haven\u2019t called",)),
    ("en", "Not a single error. Still needs to tighten the timings.", ("Still needs to",)),
    # French.
    ("fr", "Pas une seule erreur, excellent travail.", ()),
    ("fr", "Il n\u2019oublie jamais les consignes de sécurité.", ()),
    ("fr", "Jamais en retard, rien à redire.", ()),
    ("fr", "Rien à améliorer, bravo !", ()),
    (
        "fr",
        "Il a bâclé la passation et a omis les vérifications.",
        ("bâclé la passation", "omis les vérifications"),
    ),
    ("fr", "Elle n'est pas encore à l'aise avec les parents.", ("n'est pas encore",)),
    ("fr", "Il n'a pas vérifié les consignes.", ("n'a pas vérifié",)),
    (
        "fr",
        "Pas mal du tout. Toujours en retard, il faut être ponctuel.",
        ("Toujours en retard", "il faut"),
    ),
    # German.
    ("de", "Kein einziger Fehler \u2013 hervorragend.", ()),
    ("de", "Du verpasst nie einen Schritt.", ()),
    ("de", "Fehlerfrei und ohne zu zögern.", ()),
    ("de", "Sie zögert nicht, einzugreifen. Keine Bedenken.", ()),
    ("de", "Die Übergabe war überhastet und die Kontrollen fehlten.", ("überhastet", "fehlten")),
    ("de", "Sie ist noch nicht sicher im Umgang mit Eltern.", ("noch nicht",)),
    ("de", "Er ist immer noch zu spät.", ("immer noch zu spät",)),
    ("de", "Sie prüft die Sicherheit nicht.", ("Sicherheit nicht",)),
    # Spanish.
    ("es", "Ni un solo error, excelente.", ()),
    ("es", "Nunca llega tarde. Esta tarde la clase fue excelente.", ()),
    ("es", "Sin dudar, intervino a tiempo. Ningún problema.", ()),
    (
        "es",
        "Se precipitó en el traspaso y omitió las comprobaciones.",
        ("precipitó en el traspaso", "omitió las comprobaciones"),
    ),
    ("es", "Todavía no está segura con los padres.", ("Todavía no",)),
    ("es", "No comprobó la seguridad.", ("No comprobó la seguridad",)),
    ("es", "No está mal, pero debe mejorar la planificación.", ("debe mejorar",)),
]


@pytest.mark.parametrize(("language", "comment", "cues"), TABLE)
def test_comments_in_four_languages(language: str, comment: str, cues: tuple[str, ...]) -> None:
    reading = read_comment(comment, language)
    assert reading.cues == cues
    assert reading.critical is bool(cues)
    for phrase in reading.cues + reading.praise:
        assert phrase in comment  # the comment's own words, as written


def test_praise_that_was_not_counted_is_kept() -> None:
    reading = read_comment("Not a single error\u2026 excellent. You never miss a step.")
    assert reading.praise == ("Not a single error", "never miss")
    mixed = read_comment("No concerns about behaviour, but the plenary was rushed.")
    assert (mixed.cues, mixed.praise) == (("rushed",), ("No concerns",))


def test_language_is_detected_when_the_caller_does_not_say() -> None:
    assert detect_language("Il n'a pas vérifié les consignes.") == "fr"
    assert detect_language("Sie ist noch nicht sicher im Umgang mit Eltern.") == "de"
    assert detect_language("No comprobó la seguridad de los alumnos.") == "es"
    assert detect_language("The plenary was rushed.") == "en"
    assert detect_language("") == "en"
    assert read_comment("Il n'a pas vérifié les consignes.").cues == ("n'a pas vérifié",)
    assert read_comment("Kein einziger Fehler.", "de-AT").critical is False


def test_demand_reason_names_what_made_the_comment_count() -> None:
    comment = "Rushed the handover and omitted the checks."
    assert demand_reason(3, 3, comment) == (
        "the comment asks for change: \u201cRushed the handover\u201d, \u201comitted the checks\u201d"
    )
    assert demand_reason(3, 3, "Not a single error\u2026 excellent") == ""
    assert demand_reason(3, 3, comment, praise_marked=True) == ""
    assert demand_reason(None, 3, "") == ""


def test_a_low_rating_is_the_stronger_signal() -> None:
    assert demand_reason(1, 3, "Lovely.", "Novice") == "rated 1 (Novice), below your target 3"
    assert demand_reason(2, 3, "Unsafe.", praise_marked=True) == "rated 2, below your target 3"
    assert demand_reason(2, 3, "Unsafe.") == (
        "rated 2, below your target 3; the comment asks for change: \u201cUnsafe\u201d"
    )


def test_a_long_list_of_cues_is_shortened_in_the_reason() -> None:
    comment = "Late. Unsafe. Incomplete. Rushed. " + "Forgot " + "x" * 60 + "."
    reason = demand_reason(3, 3, comment)
    assert reason.endswith("\u201cIncomplete\u201d and 2 more")
    assert len(read_comment(comment).cues) == 5


def test_every_listed_word_is_in_the_docs() -> None:
    doc = " ".join(
        (Path(__file__).parents[3] / "docs" / "critical-comments.md").read_text().split()
    )
    for lang, kinds in VOCAB.items():
        for kind, text in kinds.items():
            for entry in (w.strip() for w in text.replace("\n", ",").split(",")):
                if entry:
                    assert entry in doc, f"{lang} {kind}: {entry!r} is not in the docs"


@pytest.mark.parametrize(
    ("language", "comment", "cues", "praise"),
    [  # the examples docs/critical-comments.md gives, as it gives them
        ("fr", "Tu dois être fière de ce travail.", (), ("dois être fière",)),
        ("de", "Weiter so!", (), ("Weiter so",)),
        ("es", "Sigue así.", (), ("Sigue así",)),
        ("en", "Don't hesitate to ask for help.", (), ("Don't hesitate",)),
        ("en", "Don't change a thing.", (), ("Don't change",)),
        ("en", "You missed nothing.", (), ("missed nothing",)),
        ("en", "I can't praise her enough.", (), ("can't praise",)),
        ("en", "There were no further comments.", (), ()),
        ("en", "Never follows up with parents.", ("Never follows up",), ()),
        ("en", "Next step: plan for early finishers. I'd like to see more wait time.", (), ()),
        ("fr", "Il n'est pas à l'aise avec les parents.", ("n'est pas à l'aise",), ()),
        ("fr", "Un peu précipité à la fin.", ("Un peu précipité",), ()),
        ("de", "Ein bisschen zu schnell.", ("Ein bisschen zu schnell",), ()),
        ("en", "Lovely rapport. Still needs to improve.", ("Still needs to improve",), ()),
    ],
)
def test_the_documented_examples(
    language: str, comment: str, cues: tuple[str, ...], praise: tuple[str, ...]
) -> None:
    reading = read_comment(comment, language)
    assert (reading.cues, reading.praise) == (cues, praise)
