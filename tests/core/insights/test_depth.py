"""Reflection depth on Hatton & Smith's scale (docs/depth.md), and the critical-comment words."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from plnjournal.core.feedback.critical import read_comment
from plnjournal.core.insights.depth import (
    DepthGrade,
    fold,
    grade_reflection,
)
from plnjournal.core.insights.depth_markers import MARKERS
from plnjournal.core.journal.reflection_models import builtin_models, template_text
from plnjournal.core.journal.settings import journal_language, set_journal_language
from plnjournal.core.language import detect_language
from plnjournal.errors import InputError
from plnjournal.values import DepthLevel

DOC = Path(__file__).parents[3] / "docs" / "depth.md"

# The old check's phrases: the careful prose below reaches dialogic without any of them.
OLD_PHRASES = (
    "i will", "i'll", "i am going to", "i'm going to", "i plan to", "i intend to", "next time",
    "from now on", "my next step", "looking back", "on reflection", "i realise", "i realize",
    "i realised", "i realized", "i learned", "i learnt", "the real issue", "the problem was",
    "i can see a pattern", "when i compare",
)  # fmt: skip

ENGLISH_PROSE = (
    "The Year 9 lesson on fractions fell apart after twenty minutes. I think the trouble "
    "started with my instructions: I gave them all at once, and because half the class had "
    "not finished the starter, they never heard the second part. Perhaps I was rushing since "
    "the observer was in the room. I was anxious and spoke faster than usual. Dani's question "
    "about equivalent fractions could have been a good moment to stop and model an example, "
    "but I brushed it aside. My mentor said last week that I fill silences; she is right. On "
    "Thursday my plan is to split the instructions into three steps, write them on the board, "
    "and check with two students before they start."
)
FRENCH_PROSE = (
    "La séance de français avec les quatrièmes s’est mal passée. Je pense que le problème "
    "venait de mes consignes : je les ai données toutes en même temps, et parce que la moitié "
    "de la classe n’avait pas fini l’exercice, ils n’ont pas entendu la suite. J’étais stressée "
    "car l’inspectrice était là, et je me suis sentie débordée. Peut-être que j’aurais dû "
    "m’arrêter quand Inès a posé sa question, au lieu de continuer. Ma tutrice m’a dit la "
    "semaine dernière que je parle trop vite. Jeudi, je découperai les consignes en trois "
    "étapes et je les écrirai au tableau avant de commencer."
)
GERMAN_PROSE = (
    "Die Stunde in der 8b ist heute ziemlich schiefgegangen. Ich glaube, das lag daran, dass "
    "ich alle Arbeitsaufträge auf einmal gegeben habe, und weil die Hälfte der Klasse noch "
    "nicht fertig war, hat niemand den zweiten Teil gehört. Ich war nervös, weil meine "
    "Mentorin hinten saß, und habe viel zu schnell gesprochen. Vielleicht hätte ich bei Jonas’ "
    "Frage anhalten und ein Beispiel zeigen sollen, statt weiterzumachen. Meine Mentorin hat "
    "mir gesagt, dass ich Pausen zu schnell fülle. Am Donnerstag werde ich die Aufträge in drei "
    "Schritte teilen und an die Tafel schreiben."
)
SPANISH_PROSE = (
    "La clase de matemáticas con el grupo de segundo salió mal. Creo que el problema fue cómo "
    "di las instrucciones: las di todas a la vez y, como la mitad de la clase no había "
    "terminado el ejercicio, no escucharon la segunda parte. Me sentí nerviosa porque mi "
    "tutora estaba observando, y hablé demasiado rápido. Quizás debería haber parado cuando "
    "Lucía hizo su pregunta, en lugar de seguir. Mi tutora me dijo la semana pasada que lleno "
    "los silencios. El jueves voy a dividir las instrucciones en tres pasos y escribirlas en "
    "la pizarra."
)
# A school day told in order: long, and nothing in it steps back from the events.
NARRATIVE = " ".join(
    [
        "I arrived at school at 7.45 and set up the room. The first lesson was Year 7 science;",
        "we did the density practical with the blocks and the scales. Then I had a free period",
        "and marked books. At break I was on duty by the canteen. After break Year 10 came in",
        "and we went through the test papers question by question. Lunch was short because of",
        "a meeting about the trip. In the afternoon I taught two lessons of Year 8 and one of",
        "them went to the library. After school there was a department meeting where we talked",
        "about the new timetable and the exam entries. I stayed until 5 to print the worksheets",
        "for tomorrow.",
    ]
    * 8
)
CRITICAL_PROSE = ENGLISH_PROSE + (
    " Looking at it more widely, I had assumed the quiet pupils at the back were disengaged, "
    "but talking to them afterwards showed that several were translating the instructions for "
    "each other. That assumption says more about my own schooling than about them. It also "
    "raises a question of fairness: the school's policy of setting by reading age puts most "
    "pupils who speak English as an additional language in the same group, so the pace I set "
    "decides who gets the explanation first."
)


def level(title: str, body: str, **kw: object) -> DepthLevel:
    return grade_reflection(title, body, **kw).level  # type: ignore[arg-type]


def test_careful_english_prose_is_dialogic_without_headings_or_old_phrases() -> None:
    assert not any(re.search(rf"\b{p}\b", fold(ENGLISH_PROSE)) for p in OLD_PHRASES)
    grade = grade_reflection("", ENGLISH_PROSE)
    assert grade == DepthGrade(
        DepthLevel.DIALOGIC,
        "en",
        (
            "analyses in the first person",
            "considers causes",
            "weighs alternatives",
            "names feelings",
            "a concrete next step",
            "refers to feedback or evidence",
        ),
        119,
        grade.missing,
    )
    assert "150 words" in grade.missing


@pytest.mark.parametrize(
    ("text", "language"),
    [(FRENCH_PROSE, "fr"), (GERMAN_PROSE, "de"), (SPANISH_PROSE, "es")],
)
def test_careful_prose_in_french_german_and_spanish_is_dialogic(text: str, language: str) -> None:
    grade = grade_reflection("", text)
    assert grade.language == language
    assert grade.level == DepthLevel.DIALOGIC
    assert {"considers causes", "weighs alternatives", "names feelings"} <= set(grade.markers)
    assert "a concrete next step" in grade.markers


def test_the_journal_language_decides_which_lists_are_read() -> None:
    # Read with the English lists, the French reflection finds almost nothing.
    assert grade_reflection("", FRENCH_PROSE, language="fr").level == DepthLevel.DIALOGIC
    as_english = grade_reflection("", FRENCH_PROSE, language="en")
    assert as_english.language == "en"
    assert as_english.level < DepthLevel.DIALOGIC
    assert grade_reflection("", FRENCH_PROSE, language="it").language == "fr"  # unknown: detect


@pytest.mark.parametrize(
    "text",
    [
        "I will do better.",
        "Next lesson I will write the steps on the board.",
        "I’ll ring the family tomorrow.",
        "What I will do next time",
    ],
)
def test_a_one_liner_with_i_will_is_descriptive_writing(text: str) -> None:
    assert level("", text) == DepthLevel.DESCRIPTIVE_WRITING
    assert grade_reflection("", text).level == DepthLevel.DESCRIPTIVE_WRITING


def test_a_concrete_step_needs_a_when_or_a_what() -> None:
    assert grade_reflection("", "Next lesson I will write the steps on the board.").markers == (
        "a concrete next step",
    )
    assert grade_reflection("", "I will try harder next time.").markers == ()
    assert grade_reflection("", "I’ll ring the family tomorrow.").markers == (
        "a concrete next step",
    )
    assert grade_reflection("", "I should have asked her what she meant.").markers == (
        "weighs alternatives",
    )
    # "I will" only as whole words
    assert grade_reflection("", "I was told that I willingly volunteer too much.").markers == ()


def test_a_long_narrative_stays_descriptive() -> None:
    grade = grade_reflection("A long day", NARRATIVE)
    assert grade.words > 900
    assert grade.level <= DepthLevel.DESCRIPTIVE_REFLECTION
    assert "reflection throughout" in grade.missing


def test_critical_needs_a_wider_view() -> None:
    grade = grade_reflection("", CRITICAL_PROSE)
    assert grade.level == DepthLevel.CRITICAL
    assert {"sets it in a wider context", "questions values or ethics"} <= set(grade.markers)
    assert grade.missing == ""


def test_empty_model_headings_never_count() -> None:
    gibbs = next(m for m in builtin_models() if m.id == "gibbs")
    template = template_text(gibbs)
    assert "> " in template  # the model's questions are in it, and are not the writer's words
    grade = grade_reflection("", template)
    assert grade.level == DepthLevel.DESCRIPTIVE_WRITING
    assert grade.markers == () and grade.words == 0
    driscoll = "## What?\nThe lesson ran late.\n\n## So what?\n\n## Now what?\n"
    assert grade_reflection("", driscoll).markers == ()
    # A model's tick boxes (the NMC account's themes of the Code), ticked or not, are a
    # choice from a list, not the writer's words.
    nmc = next(m for m in builtin_models() if m.id == "nmc_reflective_account")
    ticked = template_text(nmc).replace("- [ ] Preserve safety", "- [x] Preserve safety")
    grade = grade_reflection("", ticked)
    assert grade.markers == () and grade.words == 0


def test_filled_model_headings_count_as_structure() -> None:
    body = (
        "## What?\nThe lesson ran late and the plenary was lost.\n\n"
        "## So what?\nThe starter took too long because I explained it twice.\n\n"
        "## Now what?\n"
    )
    grade = grade_reflection("", body)
    assert grade.markers == ("2 of 3 model headings filled", "considers causes")
    assert grade.level == DepthLevel.DESCRIPTIVE_REFLECTION
    # the same headings in French
    french = "## Quoi ?\nLa leçon a débordé.\n\n## Et alors ?\nLe démarrage a pris trop de temps."
    assert grade_reflection("", french, language="fr").markers[0] == (
        "2 of 3 model headings filled"
    )


def test_a_commitment_is_a_concrete_step() -> None:
    assert grade_reflection("", "It went badly.", has_commitment=True).markers == (
        "a commitment made from it",
    )
    grade = grade_reflection("", "It went badly.", has_commitment=True)
    assert grade.level == DepthLevel.DESCRIPTIVE_WRITING  # one point, three words
    text = "It went badly. I felt flustered and I think the class noticed."
    assert level("", text, has_commitment=True) == DepthLevel.DESCRIPTIVE_REFLECTION


def test_accents_and_apostrophes_are_folded() -> None:
    assert fold("Peut-être j’aurais dû") == "peut-etre j'aurais du"
    assert fold("Straße, cœur") == "strasse, coeur"
    plain = grade_reflection("", "Peut-etre que j'aurais du demander.", language="fr")
    accented = grade_reflection("", "Peut-être que j’aurais dû demander.", language="fr")
    assert plain.markers == accented.markers == ("weighs alternatives",)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ENGLISH_PROSE, "en"),
        (FRENCH_PROSE, "fr"),
        (GERMAN_PROSE, "de"),
        (SPANISH_PROSE, "es"),
        ("", "en"),  # unsure: English
        ("Fractions.", "en"),
        ("Le cours de demain est avec les quatrièmes et je suis prête.", "fr"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_the_journal_language_setting(db) -> None:
    with db.session() as s:
        assert journal_language(s) is None
        set_journal_language(s, "fr")
    with db.session() as s:
        assert journal_language(s) == "fr"
        set_journal_language(s, " DE ")
        assert journal_language(s) == "de"
        with pytest.raises(InputError, match="'it' is not one the journal reads"):
            set_journal_language(s, "it")
        set_journal_language(s, "auto")
        assert journal_language(s) is None


def _doc_examples() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    return re.findall(r"```text\n(.*?)\n```\n\nGraded: ([^\n]+)\n", text, flags=re.S)


def test_every_example_in_the_doc_is_graded_as_it_says() -> None:
    examples = _doc_examples()
    assert len(examples) >= 6
    for body, said in examples:
        assert grade_reflection("", body).summary() == said, body[:60]


def test_every_marker_list_is_in_the_doc() -> None:
    text = DOC.read_text(encoding="utf-8")
    for lists in MARKERS.values():
        for field in dataclasses.fields(lists):
            value = getattr(lists, field.name)
            entries = [value] if isinstance(value, str) else value
            for entry in entries:
                for phrase in [entry] if isinstance(entry, str) else entry:
                    assert phrase in text, (field.name, phrase)


@pytest.mark.parametrize(
    ("comment", "critical"),
    [
        ("We agreed you would call; I have not seen that happen.", True),
        ("You are still reluctant to give difficult news directly.", True),
        ("You tend to hand difficult conversations to the head of year.", True),
        ("You didn’t follow up.", True),
        ("Good progress: the routine at the door is now consistent.", False),
        ("Secure at this level now; push yourself on the harder cases.", False),
        ("Nothing noted.", False),  # "not" only as a whole word
        ("", False),
    ],
)
def test_critical_comments(comment: str, critical: bool) -> None:
    # The avoidance model reads comments as the inbox does (core/feedback/critical.py).
    assert read_comment(comment).critical is critical
