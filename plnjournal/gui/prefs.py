"""Per-machine window preferences (geometry, splitters, last view) in QSettings.

One INI file under the organisation/app name; with ``PLNJOURNAL_HOME`` set (tests, portable
use) it lives in that folder instead, so tests never touch the user's real settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "plnjournal"
APPLICATION = "PLN Journal"


def app_settings() -> QSettings:
    """The settings file; under ``PLNJOURNAL_HOME`` when set, so tests never touch the user's."""
    override = os.environ.get("PLNJOURNAL_HOME")
    if override:
        return QSettings(str(Path(override) / "window.ini"), QSettings.Format.IniFormat)
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def read_bool(settings: QSettings, key: str, default: bool) -> bool:
    """QSettings returns INI booleans as strings; read them back as booleans."""
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def read_int(settings: QSettings, key: str, default: int) -> int:
    """An INI file gives numbers back as strings, and a hand-edited one may give nonsense."""
    value = settings.value(key, default)
    if not isinstance(value, (int, float, str)):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
