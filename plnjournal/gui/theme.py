"""Following the system's light/dark scheme, and the few colours the views derive from it.

Views never hard-code colours: they take them from the palette here, and refresh on a
palette change, so a switch of the desktop's scheme while the app runs is followed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from plnjournal.core import palette as colours
from plnjournal.gui import late_types
from plnjournal.lazy import lazy_module

# The icon set (QIcon, QPixmap: their set-up costs the first paint, docs/performance.md), used
# only when the scheme switches while the app runs.
icons = lazy_module("plnjournal.gui.icons")

if TYPE_CHECKING:  # for annotations; the style classes are read from late_types when used
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyle, QStyleHintReturn, QStyleOption, QWidget


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the window background is dark, so the views choose colours that read on it."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    """A calm dark palette for platforms that report a dark scheme but give no dark palette."""
    p = QPalette()
    dark = colours.DARK  # the colours the palette's test measures against
    base, window, text = QColor(dark.background), QColor(dark.window), QColor(dark.text)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#26282b"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#393b40"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#8c8f94"),
        QPalette.ColorRole.Highlight: QColor("#2f65ca"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#6ea8fe"),
        QPalette.ColorRole.Mid: QColor("#45474c"),
        QPalette.ColorRole.Light: QColor("#4b4d52"),
        QPalette.ColorRole.Dark: QColor("#18191b"),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d82"))
    return p


PRIMARY = "primary"  # the property that marks a screen's one main action (make_primary)


def make_primary(button: QWidget) -> None:
    """Mark ``button`` as the one action its screen exists for: the app style draws it in the
    accent colour (from the palette as it is drawn, so a scheme switch is followed)."""
    button.setProperty(PRIMARY, True)
    font = button.font()
    font.setBold(True)
    button.setFont(font)


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def primary_colour(palette: QPalette | None = None) -> QColor:
    """The accent, darkened until the highlighted text on it reads (WCAG AA, 4.5:1): some
    desktops' accents are too light for white text."""
    palette = palette or QGuiApplication.palette()
    colour = accent(palette)
    text = palette.color(QPalette.ColorRole.HighlightedText)
    for _ in range(20):
        if contrast(colour, text) >= 4.5:
            break
        colour = colour.darker(110) if text.lightness() > 127 else colour.lighter(110)
    return colour


def app_style() -> QStyle:
    """Fusion, with: no stock icons beside dialog buttons (a platform theme such as GTK asks
    for them; no other button has one), primary buttons in the accent colour, and check boxes
    outlined visibly on a dark base (Fusion's own outline is close to it).
    Defined on first use: setting up Qt's style classes for Python costs the start time, so a
    light start sets it after the first paint (docs/performance.md)."""
    qstyle = late_types.QStyle
    element_kind = qstyle.PrimitiveElement
    boxes = (element_kind.PE_IndicatorCheckBox, element_kind.PE_IndicatorItemViewItemCheck)
    radio = element_kind.PE_IndicatorRadioButton
    no_icons = qstyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons
    button_parts = (
        qstyle.ControlElement.CE_PushButtonBevel,
        qstyle.ControlElement.CE_PushButtonLabel,
    )
    enabled = qstyle.StateFlag.State_Enabled
    has_focus = qstyle.StateFlag.State_HasFocus
    bevel = qstyle.ControlElement.CE_PushButtonBevel

    class AppStyle(late_types.QProxyStyle):
        def styleHint(
            self,
            hint: QStyle.StyleHint,
            option: QStyleOption | None = None,
            widget: QWidget | None = None,
            returnData: QStyleHintReturn | None = None,
        ) -> int:
            """QProxyStyle.styleHint: dialog buttons carry no stock icons."""
            if hint == no_icons:
                return 0
            answer: int = super().styleHint(hint, option, widget, returnData)
            return answer

        def drawControl(
            self,
            element: QStyle.ControlElement,
            option: QStyleOption,
            painter: QPainter,
            widget: QWidget | None = None,
        ) -> None:
            """QProxyStyle.drawControl, with primary buttons in the accent colour."""
            primary = (
                element in button_parts
                and widget is not None
                and bool(widget.property(PRIMARY))
                and bool(option.state & enabled)
            )
            if primary:
                palette = QPalette(option.palette)
                text = option.palette.color(QPalette.ColorRole.HighlightedText)
                palette.setColor(QPalette.ColorRole.Button, primary_colour(option.palette))
                palette.setColor(QPalette.ColorRole.ButtonText, text)
                option.palette = palette
            super().drawControl(element, option, painter, widget)
            focused = bool(option.state & has_focus) and element == bevel
            if primary and focused:  # Fusion's focus ring is the accent: lost on an accent fill
                painter.save()
                painter.setRenderHint(painter.RenderHint.Antialiasing)
                ring = painter.pen()  # (no QPen import: its type set-up would cost the start)
                ring.setColor(palette.color(QPalette.ColorRole.ButtonText))
                ring.setWidth(2)
                painter.setPen(ring)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(option.rect.adjusted(2, 2, -2, -2), 2, 2)
                painter.restore()

        def drawPrimitive(
            self,
            element: QStyle.PrimitiveElement,
            option: QStyleOption,
            painter: QPainter,
            widget: QWidget | None = None,
        ) -> None:
            """QProxyStyle.drawPrimitive, with an outline round check boxes and radio buttons
            on a dark base (Fusion's own is close to it)."""
            super().drawPrimitive(element, option, painter, widget)
            if (element in boxes or element == radio) and is_dark(option.palette):
                painter.save()
                painter.setRenderHint(painter.RenderHint.Antialiasing, element == radio)
                painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                inner = option.rect.adjusted(1, 1, -2, -2)
                if element == radio:
                    painter.drawEllipse(inner)
                else:
                    painter.drawRect(inner)
                painter.restore()

    style: QStyle = AppStyle(late_types.QStyleFactory.create("Fusion"))
    style.setObjectName("plnjournal")
    return style


def use_app_style(app: QApplication) -> None:
    """Set the app style once (later calls do nothing)."""
    if app.style().objectName() != "plnjournal":
        app.setStyle(app_style())


def apply_color_scheme(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Make the palette match the scheme: the platform's own when it provides one, else ours."""
    scheme = scheme if scheme is not None else app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark and not is_dark(app.palette()):
        use_app_style(app)  # its check boxes read on the dark palette
        app.setPalette(dark_palette())
    elif scheme == Qt.ColorScheme.Light and is_dark(app.palette()):
        app.setPalette(app.style().standardPalette())


def follow_system_scheme(app: QApplication) -> None:
    """Match the palette to the desktop's scheme now and whenever it switches."""
    apply_color_scheme(app)
    app.styleHints().colorSchemeChanged.connect(lambda s: switch_color_scheme(app, s))


def switch_color_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """The desktop switched between light and dark while the app runs: the palette follows,
    and every icon is drawn again in its colours."""
    apply_color_scheme(app, scheme)
    # The widgets take the new palette from posted events: redraw the icons after them.
    QTimer.singleShot(0, lambda: icons.refresh_icons())


def accent(palette: QPalette | None = None) -> QColor:
    """The palette's highlight colour: panels tinted with it follow the desktop's accent."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Highlight)


def warning_colour(palette: QPalette | None = None) -> QColor:
    """Overdue and unsaved states: an orange that reads on light and dark backgrounds."""
    return QColor("#ffb454") if is_dark(palette) else QColor("#b35900")


def panel_background(palette: QPalette | None = None) -> QColor:
    """A tint of the accent over the base colour, for the hard-conversation panel."""
    palette = palette or QGuiApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    hi = accent(palette)
    mix = 0.22 if is_dark(palette) else 0.10
    return QColor(
        round(base.red() * (1 - mix) + hi.red() * mix),
        round(base.green() * (1 - mix) + hi.green() * mix),
        round(base.blue() * (1 - mix) + hi.blue() * mix),
    )
