"""Per-machine window preferences (geometry, splitters, last view) in QSettings.

One INI file under the organisation/app name; with ``PLNJOURNAL_HOME`` set (tests, portable
use) it lives in that folder instead, so tests never touch the user's real settings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QSize
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

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


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Give ``widget`` its default size, cut down to the screen it is on (a 1024×600 netbook
    must show a dialog's buttons). Never below what its layout needs: the layout holds the
    widget's minimum size (asking for the layout's hint here would lay it out before the
    first paint)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen is not None else QSize(width, height)
    widget.resize(min(width, room.width()), min(height, room.height()))


class _GeometryKeeper(QObject):
    """Stores its widget's geometry under ``key`` each time the widget is hidden (closed,
    accepted, rejected: a dialog's accept() hides without a close event)."""

    def __init__(self, widget: QWidget, key: str) -> None:
        super().__init__(widget)
        self.widget = widget
        self.key = key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """QObject.eventFilter: remember the size as the widget goes."""
        gone = event.type() == QEvent.Type.Hide and watched is self.widget
        if gone and not self.widget.isMinimized():
            settings = app_settings()
            settings.setValue(f"{self.key}/geometry", self.widget.saveGeometry())
            settings.sync()
        return False


def remember_geometry(widget: QWidget, key: str, default: tuple[int, int]) -> None:
    """Open ``widget`` at the size and place it had when last closed (per machine, under
    ``key``), else at ``default`` cut down to the screen; and remember it on each close.
    One helper for every window and dialog, so none has a fixed size."""
    widget.setProperty("defaultSize", QSize(*default))  # packaging/screenshots.py reads it
    saved = app_settings().value(f"{key}/geometry")
    if saved is None or not widget.restoreGeometry(saved):
        fit_to_screen(widget, *default)
    widget.installEventFilter(_GeometryKeeper(widget, key))
