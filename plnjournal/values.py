"""The journal's value types (what a rating's source is, a commitment's state, …), light.

They live apart from the ORM (``storage/models.py``) so that a module needing only a value
(the window's start, the CLI's quick commands) imports no SQLAlchemy to get it.
"""

from __future__ import annotations

import enum


class RatingSource(enum.StrEnum):
    SELF = "self"
    MENTOR = "mentor"


class RatingOrigin(enum.StrEnum):
    ENTRY = "entry"
    SELF_ASSESSMENT = "self_assessment"
    FEEDBACK = "feedback"
    IMPORT = "import"


class EntrySource(enum.StrEnum):
    APP = "app"
    CLI = "cli"
    DEMO = "demo"
    JRNL = "jrnl"
    DAYONE = "dayone"
    MARKDOWN = "markdown"
    JSON = "json"


class CommitmentState(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class NudgeAction(enum.StrEnum):
    SHOWN = "shown"
    WRITTEN = "written"
    DISMISSED = "dismissed"
    SNOOZED = "snoozed"


class Band(enum.StrEnum):
    """Where an avoidance score puts a skill (docs/avoidance.md, "Bands"): the number says
    how much, the band says what to do about it."""

    ACT_NOW = "act now"
    WATCH = "watch"
    FINE = "fine"


class DepthLevel(enum.IntEnum):
    """How deep a reflection goes, on Hatton & Smith's (1995) scale (docs/depth.md)."""

    DESCRIPTIVE_WRITING = 0
    DESCRIPTIVE_REFLECTION = 1
    DIALOGIC = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        """The level's name as the window, the reasons and the report show it."""
        return self.name.replace("_", " ").capitalize()
