"""What to write about a skill the avoidance model flags: its strongest reason, then a question.

"Write about it now" (Insights) starts a reflection with this prompt. A blank page invites the
same avoidance the score measures; the reason says why this skill, in the model's own words,
and the question turns it into something to answer. Each signal gets the question that
answers *that* reason (a blind spot asks what the mentor sees, overdue asks what kept you
away); a signal without its own question gets a general one, so a signal added to the model
still reads well. The questions are listed in docs/journaling.md ("From insight to action").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plnjournal.core.insights.avoidance import Signal, SkillScore

# Signal name (core/insights/avoidance.py, DEFAULT_WEIGHTS) -> the question that answers its
# reason; a name not here gets GENERAL_QUESTION.
QUESTIONS: dict[str, str] = {
    "unanswered": "What is your honest answer, and what will you do differently?",
    "overdue": (
        "What has kept you from it, and what happened the last time it mattered in your work?"
    ),
    "cadence": "When did it come up lately without you writing about it, and what happened?",
    "linked_only": (
        "Leave the other skills aside: what did you actually do on this one lately, and how did "
        "it go?"
    ),
    "gap": "What would the next level look like in practice, and what is one step towards it?",
    "blind_spot": "What might they see that you do not? Which moment would they point to?",
    "nudges": "What makes this one hard to face, and what would make it easier to start?",
    "commitments": "What got in the way, and what can you commit to now that you will keep?",
    "comfort": "What would stepping outside it look like on this skill, and when will you try?",
    "depth": (
        "Pick one moment: why did it go the way it did, what else could you have done, and "
        "what will you try next?"
    ),
    "feedback": "What would you like a mentor to watch for, and whom will you ask?",
    "escalated": "Take the lowest of them: what is your honest answer, and what will you change?",
}
GENERAL_QUESTION = "What is really going on with it, and what will you do about it?"
NOTHING_FOUND = (
    "Nothing stands against this skill right now. What did you do on it lately that worked, "
    "and what would you like to try next?"
)


def strongest_signal(score: SkillScore) -> Signal | None:
    """The signal behind the score's first reason (the one the lists show), or None."""
    if not score.reasons:
        return None
    first = score.reasons[0]
    return next((sig for sig in score.signals if sig.reason == first), None)


def _sentence(reason: str) -> str:
    """The reason as a sentence: a capital first letter and a full stop, unless it has one."""
    text = " ".join(reason.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def question_for(score: SkillScore) -> str:
    """The question that answers the score's strongest reason (the progress report prints it
    as the next step for a skill to act on now)."""
    signal = strongest_signal(score)
    return QUESTIONS.get(signal.name, GENERAL_QUESTION) if signal else NOTHING_FOUND


def writing_prompt(score: SkillScore) -> str:
    """The prompt a new reflection on the skill starts with: its strongest reason and the
    question that answers it, e.g. "Ms Okafor rated this 1/5 on 2 Sep; you have not written
    about it since. What is your honest answer, and what will you do differently?" """
    if not score.reasons:
        return NOTHING_FOUND
    return f"{_sentence(score.reasons[0])} {question_for(score)}"


def writing_title(score: SkillScore) -> str:
    """The title of the reflection "Write about it now" starts."""
    return f"Facing {score.skill}"
