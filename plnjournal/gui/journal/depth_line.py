"""The quiet line under the editor that says how deep the open reflection goes (docs/depth.md).

Grey and one line, so it informs without nagging: "Depth: Dialogic — considers causes, …",
elided to the editor's width, with everything found, the words counted and what the next
level would need as its (plain-text) tooltip. It follows the typing after a pause; grading is
pure and cached (``core/insights/depth.py``), so it runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from plnjournal.core.insights.depth import DepthGrade, grade_reflection
from plnjournal.core.language import LANGUAGE_NAMES
from plnjournal.gui.muted_label import MutedLabel
from plnjournal.gui.plain import literal

# Grade once typing pauses: a grade a keystroke would be wasted, and the line must not flicker.
GRADE_DELAY_MS = 600


def tooltip_text(grade: DepthGrade, language_set: bool) -> str:
    """Everything the grade found and why, as plain text for the tooltip."""
    lines = [f"Depth: {grade.level.label} (Hatton & Smith's scale; see docs/depth.md)"]
    if grade.markers:
        lines.append("Found:")
        lines += [f"  • {m}" for m in grade.markers]
    else:
        lines.append("Found: nothing beyond what happened")
    how = "the journal's setting" if language_set else "detected from the text"
    lines.append(f"{grade.words} words, read as {LANGUAGE_NAMES[grade.language]} ({how})")
    if grade.missing:
        lines.append(f"The next level needs: {grade.missing}")
    return "\n".join(lines)


class DepthLine(MutedLabel):
    """One quiet line (the palette's muted colour): the open reflection's depth level and
    what put it there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setAccessibleName("Reflection depth")
        self.setTextFormat(Qt.TextFormat.PlainText)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)
        # Never widens the editor: the text is elided to whatever width the column has.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(1)
        self.language: str | None = None  # the journal's setting; None: detect from the text
        self.grade: DepthGrade | None = None
        self._full = ""
        self._text = ("", "")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GRADE_DELAY_MS)
        self._timer.timeout.connect(self.update_now)

    def follow(self, title: str, body: str) -> None:
        """The text changed: grade it once typing pauses."""
        self._text = (title, body)
        self._timer.start()

    def set_language(self, language: str | None) -> None:
        """The journal's language (None: detect it from each text); grades again at once."""
        self.language = language
        self.update_now()

    def update_now(self) -> None:
        """Grade the latest text now and show the result."""
        self._timer.stop()
        title, body = self._text
        if not (title.strip() or body.strip()):
            self.grade = None
            self._full = ""
            self.setToolTip("")
            self.setText("")
            return
        self.grade = grade_reflection(title, body, language=self.language)
        self._full = f"Depth: {self.grade.summary()}"
        self.setToolTip(literal(tooltip_text(self.grade, self.language is not None)))
        self._elide()

    def full_text(self) -> str:
        """The line as it would read with room enough (the label may show it elided)."""
        return self._full

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 1)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """QWidget.resizeEvent: elide the line again to the new width."""
        super().resizeEvent(event)
        self._elide()
