"""The ranked list of skills by avoidance score, as a thin Qt table model over core scores.

Each score has its band beside it (act now / watch / fine) in words, with a colour-blind-safe
tint that repeats the word, never replaces it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem

from plnjournal.core.insights.avoidance import SkillScore, describe_score, quiet_text, short_date
from plnjournal.core.words import ago
from plnjournal.gui.plain import literal
from plnjournal.gui.skills.matrix_model import BAND_TEXT, Tone
from plnjournal.gui.tones import tone_background, tone_strong, tone_text
from plnjournal.values import Band

RANK, SCORE, BAND, CODE, SKILL, AREA, LAST, REASON = range(8)
HEADERS = (
    "Rank",
    "Score out of 100",
    "Band",
    "Code",
    "Skill",
    "Area",
    "Last reflection",
    "Strongest reason",
)
BAND_TONES = {Band.ACT_NOW: Tone.BAD, Band.WATCH: Tone.WARN, Band.FINE: Tone.NONE}
SKILL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
TONE_ROLE = Qt.ItemDataRole.UserRole + 3
SCORE_ROLE = Qt.ItemDataRole.UserRole + 4

Index = QModelIndex | QPersistentModelIndex


def _palette() -> QPalette:
    app = QApplication.instance()
    return app.palette() if isinstance(app, QApplication) else QPalette()


class AvoidanceTableModel(QAbstractTableModel):
    """One row per active skill, most avoided first; the tooltip holds every reason."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scores: list[SkillScore] = []

    def set_scores(self, scores: Sequence[SkillScore]) -> None:
        """Show newly computed scores (a reset: the ranking may change entirely)."""
        self.beginResetModel()
        self._scores = list(scores)
        self.endResetModel()

    def score_at(self, row: int) -> SkillScore:
        """The score behind a source row number."""
        return self._scores[row]

    def row_of(self, skill_id: int) -> int | None:
        """The source row of a skill, or None when it was not scored."""
        return next((i for i, s in enumerate(self._scores) if s.skill_id == skill_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Qt model API."""
        return 0 if parent.isValid() else len(self._scores)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Qt model API."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Qt model API."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Qt model API; the tooltip holds every reason behind the score."""
        if not index.isValid() or not 0 <= index.row() < len(self._scores):
            return None
        s, col = self._scores[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(s, index.row(), col)
        if role == SORT_ROLE:
            return self._sort_key(s, index.row(), col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(describe_score(s))  # names and mentors' comments
        if role == Qt.ItemDataRole.BackgroundRole and col == BAND and s.band == Band.ACT_NOW:
            # Only "act now" fills its cell, as in the skills matrix: watch is its bar.
            return tone_background(BAND_TONES[s.band], _palette())
        if role == Qt.ItemDataRole.ForegroundRole and col == BAND and s.band == Band.ACT_NOW:
            return tone_text(_palette())  # the text colour the tint was measured with
        if role == TONE_ROLE:
            return int(BAND_TONES[s.band])
        if role == SCORE_ROLE:
            return s.score
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (RANK, SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SKILL_ID_ROLE:
            return s.skill_id
        return None

    @staticmethod
    def _display(s: SkillScore, row: int, col: int) -> str:
        if col == RANK:
            return str(row + 1)
        if col == SCORE:
            return str(s.score)
        if col == BAND:
            return BAND_TEXT[s.band]
        if col == CODE:
            return s.code
        if col == SKILL:
            return s.skill
        if col == AREA:
            return s.area
        if col == LAST:
            if s.last_reflected is None:
                return "not yet" if s.not_yet_due else "never"  # as the skills matrix says
            return f"{short_date(s.last_reflected, s.as_of)} ({ago(s.days_since or 0)})"
        if col == REASON:
            return s.reasons[0] if s.reasons else quiet_text(s)
        return ""

    @staticmethod
    def _sort_key(s: SkillScore, row: int, col: int) -> object:
        if col in (RANK, SCORE, BAND):
            return row if col == RANK else s.score  # a band sorts as its scores do
        if col == LAST:
            return -1 if s.days_since is None else -s.days_since  # never first when ascending
        return AvoidanceTableModel._display(s, row, col).casefold()


class ScoreDelegate(QStyledItemDelegate):
    """The score beside a bar in its band's colour: the number's visual weight."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Qt delegate API: the bar fills the cell's share of 100 under the number."""
        super().paint(painter, option, index)
        score = index.data(SCORE_ROLE)
        if index.column() != SCORE or score is None:
            return
        tone = Tone(index.data(TONE_ROLE) or 0)
        colour = tone_strong(tone, option.palette) or option.palette.color(
            QPalette.ColorRole.PlaceholderText
        )
        rect = QRectF(option.rect).adjusted(6, 0, -6, -4)
        bar = QRectF(rect.left(), rect.bottom() - 4, rect.width() * min(100, score) / 100, 4)
        painter.fillRect(bar, colour)
