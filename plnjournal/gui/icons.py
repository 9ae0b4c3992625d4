"""The app's one icon set: line icons drawn on a 24-unit grid (resources/icons/ui/*.svg, in
``currentColor``), recoloured from the palette, so one file serves light and dark.

A widget given an icon through ``set_icon`` keeps its name; ``refresh_icons`` (called when the
colour scheme switches) draws every such icon again in the new palette's colours.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from plnjournal.gui.theme import PRIMARY
from plnjournal.resources import folder as resource_folder

if TYPE_CHECKING:
    from collections.abc import Iterable

ICON_PROPERTY = "plnIcon"  # the icon's name, kept on the widget for refresh_icons
NAMES = (
    "chart",
    "inbox",
    "link",
    "list",
    "matrix",
    "next",
    "previous",
    "warning",
    "write",
)


def svg_text(name: str) -> str:
    """The icon's SVG source (``currentColor`` where its colour goes)."""
    if name not in NAMES:
        raise KeyError(f"no icon called {name!r}")
    text: str = resource_folder("icons").joinpath("ui", f"{name}.svg").read_text("utf-8")
    return text


def pixmap(name: str, colour: QColor, size: int = 48) -> QPixmap:
    """The icon drawn in ``colour``, ``size`` pixels square."""
    data = svg_text(name).replace("currentColor", colour.name())
    data = data.replace('width="48" height="48"', f'width="{size}" height="{size}"', 1)
    image = QPixmap()
    image.loadFromData(data.encode("utf-8"), "SVG")
    return image


def icon(
    name: str,
    palette: QPalette | None = None,
    role: QPalette.ColorRole = QPalette.ColorRole.ButtonText,
) -> QIcon:
    """A QIcon in the palette's ``role`` colour (button text), greyed as it greys text."""
    palette = palette or QGuiApplication.palette()
    result = QIcon()
    normal = palette.color(role)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    result.addPixmap(pixmap(name, normal), QIcon.Mode.Normal)
    result.addPixmap(pixmap(name, disabled), QIcon.Mode.Disabled)
    return result


def set_icon(widget: QAbstractButton | QLabel, name: str, size: int = 0) -> None:
    """Give ``widget`` the icon ``name`` (a label shows it ``size`` pixels square)."""
    widget.setProperty(ICON_PROPERTY, name)
    if isinstance(widget, QLabel):
        side = size or widget.fontMetrics().height() * 3
        widget.setProperty(f"{ICON_PROPERTY}Size", side)
        ratio = widget.devicePixelRatioF() or 1.0
        drawn = pixmap(
            name, widget.palette().color(QPalette.ColorRole.WindowText), round(side * ratio)
        )
        drawn.setDevicePixelRatio(ratio)
        widget.setPixmap(drawn)
    else:
        # On a primary button (the accent fill) the icon takes the label's colour.
        primary = bool(widget.property(PRIMARY))
        role = QPalette.ColorRole.HighlightedText if primary else QPalette.ColorRole.ButtonText
        widget.setIcon(icon(name, widget.palette(), role))


def refresh_icons(roots: Iterable[QWidget] | None = None) -> None:
    """Draw every named icon again in its widget's current palette (a scheme switch)."""
    tops = list(roots) if roots is not None else QApplication.topLevelWidgets()
    for top in tops:
        for widget in [top, *top.findChildren(QWidget)]:
            name = widget.property(ICON_PROPERTY)
            if name and isinstance(widget, (QAbstractButton, QLabel)):
                size = widget.property(f"{ICON_PROPERTY}Size") or 0
                set_icon(widget, str(name), int(size))
