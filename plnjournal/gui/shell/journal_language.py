"""File ▸ Reflection language…: the language the depth grading reads reflections in.

A journal setting (it travels with the journal file, ``core/journal/settings.py``), read once
the journal has loaded and written on the write worker, like the daily reminder's time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.journal.settings import journal_language, set_journal_language
from plnjournal.core.language import LANGUAGE_NAMES, LANGUAGES
from plnjournal.gui.tasks import Task, run_in_background

if TYPE_CHECKING:
    from plnjournal.storage.db import Database

AUTOMATIC = "Detect it from each reflection"


def read_language(parent: QWidget, db: Database, then: Callable[[str | None], None]) -> Task:
    """Read the journal's language in the background; ``then`` gets it (None: detect)."""

    def read(_progress: object) -> str | None:
        with db.session() as s:
            return journal_language(s)

    return run_in_background(parent, read, on_success=then)


def store_language(
    parent: QWidget, db: Database, language: str | None, then: Callable[[str | None], None]
) -> Task:
    """Write the language on the write worker; ``then`` gets it as stored."""

    def write(_progress: object) -> str | None:
        with db.session() as s:
            set_journal_language(s, language)
            return journal_language(s)

    return run_in_background(parent, write, on_success=then, writes=True)


def stored_message(language: str | None) -> str:
    """What the status bar says once the choice is stored."""
    if language is None:
        return "Each reflection's language is now detected from its text."
    return f"Reflections are now read as {LANGUAGE_NAMES[language]}."


class LanguageDialog(QDialog):
    """Choose the language reflections are written in, or let each text say."""

    def __init__(self, current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reflection language")
        self.choice = QComboBox()
        self.choice.setAccessibleName("Reflection language")
        self.choice.addItem(AUTOMATIC, None)
        for code in LANGUAGES:
            self.choice.addItem(LANGUAGE_NAMES[code], code)
        self.choice.setCurrentIndex(max(self.choice.findData(current), 0))
        note = QLabel(
            "The depth shown under each reflection is read with this language's words "
            "(English, French, German or Spanish). Left to detect, each reflection's language "
            "is guessed from its commonest words, which is hard on a few lines."
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Reflections are written in", self.choice)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def chosen(self) -> str | None:
        """The language picked; None to detect it from each text."""
        value = self.choice.currentData()
        return value if isinstance(value, str) else None


def edit_language(
    parent: QWidget,
    db: Database,
    current: str | None,
    on_stored: Callable[[str | None], None],
) -> Task | None:
    """Show the dialog and store the choice in the background (None if cancelled)."""
    dialog = LanguageDialog(current, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return store_language(parent, db, dialog.chosen(), on_stored)
