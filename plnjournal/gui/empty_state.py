"""What a screen with nothing in it yet says: what this place will show, and the one action
that fills it (a primary button), instead of an empty grid or a table of zeros."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from plnjournal.gui.icons import set_icon
from plnjournal.gui.theme import make_primary


class EmptyState(QFrame):
    """A heading, a sentence or two, and at most one button, centred in the room it has."""

    def __init__(
        self,
        heading: str,
        text: str,
        action: str = "",
        on_action: Callable[[], object] | None = None,
        parent: QWidget | None = None,
        *,
        icon: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName("")  # a picture of the heading's words: nothing to say
        if icon:
            set_icon(self.picture, icon)
        else:
            self.picture.hide()
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # our words, but never markup
        self.heading.setWordWrap(True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)  # relative: follows the system font size
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton()
        make_primary(self.button)
        if on_action is not None:
            self.button.clicked.connect(lambda: on_action())
        # A column about 70 characters wide (lines a reader can follow), in the font's own
        # measure so it follows the system font size; the labels wrap inside it.
        column = QWidget()
        column.setMaximumWidth(self.text.fontMetrics().averageCharWidth() * 70)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(16)
        inner.addWidget(self.picture)
        inner.addWidget(self.heading)
        inner.addWidget(self.text)
        inner.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        across = QHBoxLayout()
        across.addStretch(1)
        across.addWidget(column, 100)
        across.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addLayout(across)
        layout.addStretch(2)
        self.set_text(heading, text, action)

    def stand_in_for(self, *content: QWidget, empty: bool) -> None:
        """Show this state in place of ``content`` while ``empty``, else the content."""
        for widget in content:
            widget.setVisible(not empty)
        self.setVisible(empty)

    def set_text(self, heading: str, text: str, action: str = "") -> None:
        """Say something else (the button is hidden when there is no ``action``)."""
        self.heading.setText(heading)
        self.text.setText(text)
        self.setAccessibleName(heading)
        self.setAccessibleDescription(text)
        self.button.setText(action)
        self.button.setAccessibleName(action.replace("&", ""))
        self.button.setVisible(bool(action))


def no_feedback_yet(on_import: Callable[[], object]) -> EmptyState:
    """The Feedback window's panels before any feedback was imported (hidden until then)."""
    state = EmptyState(
        "No feedback from your mentors yet",
        "Import the ratings and comments your mentors send you: a spreadsheet, a form's "
        "export or a letter. The inbox then lists the ones that ask for an answer, low "
        "ratings and critical comments no reflection has answered yet.",
        "Import feedback…",
        on_import,
        icon="inbox",
    )
    state.hide()
    return state
