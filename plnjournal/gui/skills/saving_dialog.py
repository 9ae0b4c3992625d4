"""A dialog whose work is written off the GUI thread: no edits and no closing while it is being
written, a failure shown in the default error dialog, and a question before closing throws
unsaved work away. The framework editor and the self-assessment share it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QMessageBox

from plnjournal.gui.plain import literal
from plnjournal.gui.tasks import ProgressFn, run_in_background, show_error

T = TypeVar("T")


class SavingDialog(QDialog):
    """Subclasses say what closing would discard (``unsaved_question``) and what to switch off
    while saving (``set_saving``), and save through ``save_in_background``."""

    saving = False

    def unsaved_question(self) -> str | None:
        """What to ask before closing discards work; None when nothing would be lost."""
        return None

    def set_saving(self, saving: bool) -> None:
        """Switch the dialog's controls off while its work is written (subclasses add theirs)."""
        self.saving = saving

    def save_in_background(
        self, write: Callable[[ProgressFn], T], on_saved: Callable[[T], None]
    ) -> None:
        """Run ``write`` on the write worker; ``on_saved`` gets its result on the GUI thread."""
        if self.saving:
            return

        def saved(result: T) -> None:
            self.set_saving(False)
            on_saved(result)

        def failed(exc: BaseException) -> None:
            self.set_saving(False)
            show_error(self, exc, self.windowTitle())

        self.set_saving(True)
        run_in_background(self, write, on_success=saved, on_failure=failed, writes=True)

    def reject(self) -> None:
        """Ask before discarding unsaved work; not while it is being saved."""
        if self.saving:
            return
        question = self.unsaved_question()
        if question is not None:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                literal(question),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
