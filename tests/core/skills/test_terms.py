"""When a reflection's text discusses a skill (core/skills/terms.py). The examples in
docs/skill-terms.md are the cases below."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnjournal.core.frameworks.spec import load_builtin
from plnjournal.core.skills.stop_words import STOP_WORDS
from plnjournal.core.skills.terms import SkillMatcher, SkillTerms, parse_keywords, word_limits


def _framework(framework_id: str) -> list[SkillTerms]:
    skills = load_builtin(framework_id).all_skills()
    return [
        SkillTerms(i, s.code, s.name, (s.description, *s.levels), ())
        for i, s in enumerate(skills, 1)
    ]


TEACHING = _framework("teaching")
ID = {s.code: s.skill_id for s in TEACHING}


def _codes(matcher: SkillMatcher, text: str, skills: list[SkillTerms] = TEACHING) -> set[str]:
    by_id = {s.skill_id: s.code for s in skills}
    return {by_id[i] for i in matcher.discussed(text)}


def test_parse_keywords_commas_semicolons_lines_blanks_and_repeats() -> None:
    assert parse_keywords("parents' evening, phone  call\nMum;\n\n mum , carers") == (
        "parents' evening",
        "phone call",
        "Mum",
        "carers",
    )
    assert parse_keywords("  \n , ;") == ()


def test_the_name_as_a_phrase_in_another_form() -> None:
    matcher = SkillMatcher(TEACHING, "en")
    text = "Tomorrow I will set clear learning intentions before the starter."
    assert "PL2" in _codes(matcher, text)
    assert matcher.why(ID["PL2"], text) == ("set clear learning intentions",)


def test_the_code_as_a_word_in_any_case() -> None:
    matcher = SkillMatcher(TEACHING, "en")
    assert _codes(matcher, "Worked on pl1 today, see my notes.") == {"PL1"}
    assert matcher.why(ID["PL1"], "Worked on pl1 today.") == ("pl1",)
    assert _codes(matcher, "Worked on PL12 and APL1 today.") == set()


def test_a_code_of_letters_only_must_be_written_as_it_is() -> None:
    skills = [SkillTerms(1, "ME", "Medication errors", (), ())]
    matcher = SkillMatcher(skills, "en")
    assert matcher.discussed("Talked to me about it.") == frozenset()
    assert matcher.discussed("Logged under ME today.") == {1}


def test_a_code_with_punctuation_is_its_words_in_a_row() -> None:
    matcher = SkillMatcher([SkillTerms(1, "CL-2", "Routines", (), ())], "en")
    assert matcher.discussed("More on CL-2 and cl 2 tomorrow") == {1}
    assert matcher.discussed("Class 2 went well") == frozenset()


def test_keywords_are_phrases_of_stems() -> None:
    pa1 = TEACHING[ID["PA1"] - 1]
    with_keywords = [
        *(s for s in TEACHING if s.code != "PA1"),
        SkillTerms(pa1.skill_id, "PA1", pa1.name, pa1.descriptors, ("phone call", "on my own")),
    ]
    matcher = SkillMatcher(with_keywords, "en")
    text = "Two phone calls home after period 5; both went better than I feared."
    assert "PA1" in _codes(matcher, text, with_keywords)
    assert matcher.why(ID["PA1"], text) == ("phone calls",)
    assert "PA1" not in _codes(matcher, "The phone rang during the call for silence.")
    # A keyword of common words only is matched as written.
    assert "PA1" in _codes(matcher, "I handled it on my own.", with_keywords)
    assert "PA1" not in _codes(matcher, "My own view, on balance.", with_keywords)


def test_generic_words_of_the_framework_are_not_enough() -> None:
    """Words most of the framework's skills use ("students", "lesson", "colleagues") say
    nothing about which skill a text discusses."""
    matcher = SkillMatcher(TEACHING, "en")
    text = (
        "The students were in the lesson and my colleagues helped the class; "
        "the teacher worked with the school staff."
    )
    assert _codes(matcher, text) == set()


def test_one_word_of_the_name_is_enough_when_no_other_skill_uses_it() -> None:
    matcher = SkillMatcher(TEACHING, "en")
    assert _codes(matcher, "Our safeguarding training ran over.") == {"PA4"}
    # "Relationships" is shared by two skills' names: alone it is not enough.
    assert _codes(matcher, "Relationships matter.") == set()
    # With another word of CL5's name it is.
    assert "CL5" in _codes(matcher, "I tried to repair the relationship with Jonah.")


def test_three_rare_words_of_the_descriptors() -> None:
    """CL1's descriptors, not its name ("Managing transitions"): a consistent signal,
    rehearsed routines, almost invisible to an observer."""
    matcher = SkillMatcher(TEACHING, "en")
    text = "The signal worked: they have rehearsed it so often that it is nearly invisible now."
    assert "CL1" in _codes(matcher, text)
    assert matcher.why(ID["CL1"], text) == ("signal", "rehearsed", "invisible")
    assert "CL1" not in _codes(matcher, "The signal worked and they had rehearsed it.")


def test_why_is_empty_when_the_text_does_not_discuss_the_skill() -> None:
    matcher = SkillMatcher(TEACHING, "en")
    assert matcher.why(ID["AS2"], "Lovely walk in the park.") == ()


@pytest.mark.parametrize(
    ("language", "keyword", "text"),
    [
        ("en", "family", "I rang two families after school."),
        ("fr", "famille", "J'ai appelé deux familles après les cours."),
        ("de", "Familie", "Ich habe nach der Schule zwei Familien angerufen."),
        ("es", "familia", "Llamé a dos familias después de clase."),
    ],
)
def test_plurals_in_four_languages(language: str, keyword: str, text: str) -> None:
    skills = [SkillTerms(1, "PA2", "Communicating", (), (keyword,))]
    assert SkillMatcher(skills, language).discussed(text) == {1}
    assert SkillMatcher(skills).discussed(text) == {1}  # the language read from the text


def test_accents_may_be_left_out() -> None:
    skills = [SkillTerms(1, "E1", "Écouter les élèves", (), ())]
    assert SkillMatcher(skills, "fr").discussed("Il faut ecouter les eleves.") == {1}


def test_stop_words_are_skipped_in_the_name() -> None:
    matcher = SkillMatcher(TEACHING, "en")
    text = "A difficult conversation with the parents of Amir."
    assert "PA1" in _codes(matcher, text)


# Reflections about one skill, as a trainee might write them, and the skills a mentor would
# accept as discussed (beside the one it is about): nothing else may be touched.
SAMPLES = [
    (
        "teaching",
        "Phoned Callum's mum after school about his behaviour in period 5. I had put it off "
        "for two days. She was upset at first and said the school always blames him. I tried "
        "to stay calm, listened, and we agreed he would bring his planner home every night so "
        "she could see how the week was going. I was shaking when I put the phone down, but I "
        "think it went better than the last conversation with a parent.",
        {"PA1"},
        {"CL3", "PA2"},
    ),
    (
        "teaching",
        "Tried mini-whiteboards with 9B for the first time. Every student had to hold up an "
        "answer to the hinge question, and I could see at a glance that half of them thought "
        "the denominators get added. Normally I would have taken an answer from Isla and moved "
        "on. I cold-called three pupils to explain their reasoning and went back over the "
        "example.",
        {"IN2"},
        {"IN1", "IN3", "PL4"},
    ),
    (
        "teaching",
        "Bea told me at break that she does not want to go home because her stepdad shouts. I "
        "did not promise to keep it secret. I wrote down exactly what she said and took it to "
        "the safeguarding lead before the end of the day.",
        {"PA4"},
        set(),
    ),
    (
        "teaching",
        "My objectives for 8C were activities again ('complete the worksheet'). Rewrote "
        "tomorrow's learning intention as what they should be able to do by the end, and "
        "planned a two-question exit task to check it.",
        {"PL2"},
        {"PL4", "IN2"},
    ),
    (
        "teaching",
        "Restorative conversation with Jonah after yesterday's detention. I admitted I had "
        "raised my voice too quickly. He shrugged a lot but by the end he told me why he had "
        "walked out. We shook hands and I greeted him at the door today.",
        set(),
        {"CL5", "CL3", "CL4"},
    ),
    (
        "nursing",
        "Nearly gave the 10 o'clock insulin to the wrong patient: two patients with the same "
        "surname in bay 3. I checked the wristband at the last moment. I reported it as a near "
        "miss and suggested name alerts on the board.",
        {"SA3"},
        {"CD1", "AS4"},
    ),
    (
        "nursing",
        "Mrs K's daughter shouted at me at the nurses' station because nobody had told her that "
        "her mother had fallen overnight. I took her to the relatives' room, apologised that "
        "she had not been called, and explained what had happened and what we were doing.",
        {"CM2"},
        {"CM1", "CM5", "AS4", "SA3"},
    ),
    (
        "software",
        "The payments outage on Tuesday was caused by my migration. I wrote the postmortem "
        "today, focusing on why the staging check missed it rather than on who ran it.",
        {"OP2"},
        {"OP1", "GR4"},
    ),
    (
        "software",
        "Got 23 comments on my pull request from Priya. My first reaction was to defend every "
        "choice. I waited an hour, then went through them: she was right about the error "
        "handling and the naming. I pushed fixes and thanked her.",
        set(),
        {"RV3", "RV4", "CO5", "CO1"},
    ),
]


@pytest.mark.parametrize(("framework", "text", "about", "also"), SAMPLES)
def test_a_reflection_about_one_skill_touches_no_unrelated_skill(
    framework: str, text: str, about: set[str], also: set[str]
) -> None:
    skills = _framework(framework)
    found = _codes(SkillMatcher(skills, "en"), text, skills)
    assert about <= found
    assert found <= about | also


@pytest.mark.parametrize(
    ("n", "limits"), [(1, (3, 1)), (27, (7, 1)), (40, (10, 2)), (100, (25, 5))]
)
def test_generic_and_rare_limits_follow_the_framework_size(n: int, limits: tuple[int, int]) -> None:
    assert word_limits(n) == limits


def test_keywords_teach_the_matcher_what_the_framework_does_not_say() -> None:
    text = "Restorative conversation with Jonah after yesterday's detention."
    assert _codes(SkillMatcher(TEACHING, "en"), text) == set()
    cl5 = TEACHING[ID["CL5"] - 1]
    skills = [
        s
        if s.code != "CL5"
        else SkillTerms(s.skill_id, "CL5", s.name, s.descriptors, ("restorative", "detention"))
        for s in TEACHING
    ]
    assert _codes(SkillMatcher(skills, "en"), text, skills) == {"CL5"}
    assert SkillMatcher(skills, "en").why(cl5.skill_id, text) == ("Restorative", "detention")


def test_the_doc_lists_the_stop_words_as_they_are() -> None:
    doc = (Path(__file__).parents[3] / "docs" / "skill-terms.md").read_text(encoding="utf-8")
    for language, words in STOP_WORDS.items():
        line = next(x for x in doc.splitlines() if f"(`{language}`," in x)
        assert line.split("): ", 1)[1].split() == sorted(words)
