"""The most avoided skill, unmistakable above the ranked list: larger, in its band's colour,
its score as a bar, every reason in full (wrapped, never cut) and "Write about it now" as the
screen's one primary action."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
from plnjournal.core.insights.avoidance import WATCH_FROM, SkillScore, short_date
from plnjournal.core.insights.prompts import writing_prompt
from plnjournal.gui.plain import plain_label, set_plain
from plnjournal.gui.theme import make_primary
from plnjournal.gui.tones import scheme
from plnjournal.values import Band

BAND_STATE = {Band.ACT_NOW: "act_now", Band.WATCH: "watch"}
BAND_WORDS = {Band.ACT_NOW: "▲▲ Act now", Band.WATCH: "▲ Watch", Band.FINE: "Fine"}


def band_colours(band: Band, palette: QPalette) -> tuple[QColor, QColor]:
    """(tint, strong) for a band in this scheme; "fine" is the plain base and muted text."""
    p = scheme(palette)
    state = BAND_STATE.get(band)
    if state is None:
        return QColor(p.background), QColor(p.muted)
    return QColor(p.states[state].tint), QColor(p.states[state].strong)


class ScoreBar(QWidget):
    """A score out of 100 as a bar in its band's colour, on a track: its visual weight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = 0
        self.band = Band.FINE
        self.setMinimumWidth(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_score(self, score: int, band: Band) -> None:
        """Show ``score`` (0–100) in ``band``'s colour."""
        self.score, self.band = score, band
        self.setAccessibleName(f"Avoidance score {score} out of 100, {band}")
        self.update()

    def sizeHint(self) -> QSize:
        """QWidget.sizeHint: a bar about as tall as a line of text is high, halved."""
        return QSize(240, max(8, self.fontMetrics().height() // 2))

    def paintEvent(self, event: QPaintEvent) -> None:
        """QWidget.paintEvent: the track, then the score's share of it."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = rect.height() / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(rect, radius, radius)
        _tint, strong = band_colours(self.band, self.palette())
        filled = QRectF(
            rect.left(), rect.top(), rect.width() * min(100, self.score) / 100, rect.height()
        )
        painter.setBrush(strong)
        painter.drawRoundedRect(filled, radius, radius)
        painter.end()


class FocusCard(QFrame):
    """The most avoided skill and what to do about it; hidden when no skill needs watching."""

    write_requested = Signal()
    feedback_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score: SkillScore | None = None
        self._restyling = False
        self.setObjectName("focusCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("The skill you avoid most")
        self.kicker = QLabel("The skill you avoid most")
        self.chip = QLabel()
        self.chip.setTextFormat(Qt.TextFormat.RichText)  # our own markup, data escaped
        self.title = plain_label()
        self.title.setWordWrap(True)
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        self.title.setFont(title_font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = ScoreBar()
        self.bar.setMaximumWidth(480)
        self.score_label = plain_label()
        # Our own markup with every reason escaped (mentors' words are never read as HTML):
        # a table keeps a wrapped reason's lines clear of its bullet.
        self.reasons = QLabel()
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reasons.setAccessibleName("Why it is the skill you avoid most")
        self.reasons.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.write_button = QPushButton("Write about it now")
        self.write_button.setDefault(True)
        self.write_button.setAutoDefault(True)
        make_primary(self.write_button)  # the one action this screen exists for
        self.write_button.clicked.connect(self.write_requested)
        self.ask_button = QPushButton("Ask for feedback…")
        self.ask_button.setToolTip("Write a feedback template on this skill for a mentor")
        self.ask_button.clicked.connect(self.feedback_requested)

        head = QHBoxLayout()
        head.addWidget(self.chip)
        head.addWidget(self.kicker)
        head.addStretch(1)
        score_row = QHBoxLayout()
        score_row.addWidget(self.bar, 1)
        score_row.addWidget(self.score_label)
        score_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.ask_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.title)
        layout.addLayout(score_row)
        layout.addWidget(self.reasons)
        layout.addLayout(buttons)
        self._style()
        self.hide()

    def set_score(self, score: SkillScore | None) -> None:
        """Show the most avoided skill; hidden when there is none or it needs nothing."""
        self.score = score
        if score is None or score.score < WATCH_FROM:
            self.hide()
            return
        set_plain(self.title, f"{score.code}  {score.skill}")
        self.bar.set_score(score.score, score.band)
        last = score.last_reflected
        when = (
            f"last reflected on {short_date(last, score.as_of)}" if last else "never reflected on"
        )
        set_plain(self.score_label, f"Avoidance score {score.score} out of 100 · {when}")
        rows = "".join(
            f"<tr><td style='padding-right:6px'>•</td><td>{escape(r)}</td></tr>"
            for r in score.reasons
        )
        self.reasons.setText(f"<table cellspacing='0' cellpadding='1'>{rows}</table>")
        self.write_button.setToolTip(
            f"<p>Start today's reflection on this skill with:</p>"
            f"<p><i>{escape(writing_prompt(score))}</i></p>"
        )
        self._style()
        self.show()

    def _style(self) -> None:
        """Band colours for the frame and the chip (the app style draws the primary button)."""
        band = self.score.band if self.score is not None else Band.FINE
        tint, strong = band_colours(band, self.palette())
        p = scheme(self.palette())
        self.chip.setText(
            f'<span style="background-color:{tint.name()}; color:{p.text}">'
            f"&nbsp;<b>{escape(BAND_WORDS[band])}</b>&nbsp;</span>"
        )
        self.setStyleSheet(
            f"QFrame#focusCard {{ border: 2px solid {strong.name()}; border-radius: 6px; }}"
        )

    def changeEvent(self, event: QEvent) -> None:
        """QWidget.changeEvent: the band's colours follow the desktop's light or dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._restyling:
            self._restyling = True  # a style sheet can change the palette in turn
            try:
                self._style()
            finally:
                self._restyling = False
