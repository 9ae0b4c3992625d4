"""Mentor names are replaced consistently, in every form a user is likely to write them."""

from __future__ import annotations

from plnjournal.core.report.names import MentorNames


def test_labels_follow_the_order_mentors_first_gave_feedback() -> None:
    names = MentorNames(["Ms Okafor", "Mr Brennan", "ms  okafor"], anonymize=True)
    assert names.name("Ms Okafor") == "Mentor A"
    assert names.name("MS OKAFOR") == "Mentor A"
    assert names.name("Mr Brennan") == "Mentor B"


def test_names_in_text_are_replaced_whole_words_only() -> None:
    names = MentorNames(["Ms Okafor", "Mr Brennan", "jo@school.example"], anonymize=True)
    text = (
        "Ms. Okafor said so; Okafor again, and mr brennan agreed. Brennan's note. "
        "Mail jo@school.example. Okaforville and okafor stay."
    )
    assert names.text(text) == (
        "Mentor A said so; Mentor A again, and Mentor B agreed. Mentor B's note. "
        "Mail Mentor C. Okaforville and okafor stay."
    )


def test_without_anonymizing_nothing_changes() -> None:
    names = MentorNames(["Ms Okafor"], anonymize=False)
    assert names.name("Ms Okafor") == "Ms Okafor"
    assert names.text("Ms Okafor said") == "Ms Okafor said"


def test_many_mentors_get_two_letter_labels() -> None:
    names = MentorNames([f"Mentor number {i}" for i in range(30)], anonymize=True)
    assert names.name("Mentor number 0") == "Mentor A"
    assert names.name("Mentor number 25") == "Mentor Z"
    assert names.name("Mentor number 26") == "Mentor AA"
