"""Settings that belong to the journal (owner's name, role, daily reminder, language), as JSON values.

Window geometry and other per-machine preferences are not here: the GUI keeps those in
QSettings. These travel with the journal file.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TypeAlias

from sqlalchemy.orm import Session

from plnjournal.core.dates import parse_time
from plnjournal.core.language import LANGUAGE_NAMES, LANGUAGE_SETTING, LANGUAGES
from plnjournal.errors import InputError
from plnjournal.storage.models import Setting

REMINDER_TIME = "reminder_time"
# Who the journal belongs to, as the progress report's cover shows it.
OWNER_NAME = "name"
OWNER_ROLE = "role"
# The language the reflections are written in ("en", "fr", "de", "es"): the depth grading
# reads its markers in it (docs/depth.md). Unset: each text's language is detected.
LANGUAGE = LANGUAGE_SETTING

# What a setting holds: anything ``json.loads`` can give back.
JSONValue: TypeAlias = None | bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"]


def get_setting(session: Session, key: str, default: JSONValue = None) -> JSONValue:
    """The setting's JSON value, or ``default`` when unset or unreadable: a damaged
    value never stops the app."""
    row = session.get(Setting, key)
    if row is None:
        return default
    try:
        value: JSONValue = json.loads(row.value)
    except ValueError:
        return default
    return value


def set_setting(session: Session, key: str, value: JSONValue) -> None:
    """Store ``value`` (JSON-serialisable); ``None`` removes the setting."""
    row = session.get(Setting, key)
    if value is None:
        if row is not None:
            session.delete(row)
        session.flush()
        return
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text
    session.flush()


def reminder_time(session: Session) -> dt.time | None:
    """The time of the daily reminder, or None when it is off."""
    value = get_setting(session, REMINDER_TIME)
    if not value:
        return None
    try:
        return parse_time(str(value))
    except InputError:
        return None


def set_reminder_time(session: Session, when: dt.time | None) -> None:
    """Set the daily reminder's time, or turn it off with None."""
    set_setting(session, REMINDER_TIME, when.strftime("%H:%M") if when else None)


def journal_language(session: Session) -> str | None:
    """The language set for the journal's reflections, or None: detect it from each text."""
    value = get_setting(session, LANGUAGE)
    return value if isinstance(value, str) and value in LANGUAGES else None


def set_journal_language(session: Session, language: str | None) -> None:
    """Set the reflections' language ("en", "fr", "de", "es"), or None (or "auto") to detect
    it from each text."""
    if language is not None:
        language = language.strip().lower()
    if language in (None, "", "auto"):
        set_setting(session, LANGUAGE, None)
        return
    if language not in LANGUAGES:
        known = ", ".join(f"{code} ({LANGUAGE_NAMES[code]})" for code in LANGUAGES)
        raise InputError(f"language {language!r} is not one the journal reads: {known} or auto")
    set_setting(session, LANGUAGE, language)
