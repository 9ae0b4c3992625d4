"""The Skills menu: matrix, self-assessment, framework editor, import and export.

Light at import: each view's module is imported when its action is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from plnjournal.gui.shell.main_window import MainWindow

# What changes the matrix shows (see MainWindow.data_changed).
MATRIX_INPUTS = {"entries", "skills", "framework", "ratings", "feedback"}


class SkillsFeature:
    """Owns the Skills menu's actions and the one matrix window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.matrix_view = None
        menu = window.menu("skills")
        self.actions = {}
        for key, text, shortcut, slot in (
            ("matrix", "Skills &matrix", "Ctrl+Shift+M", self.show_matrix),
            ("assess", "&Rate yourself on all skills…", None, self.self_assess),
            ("edit", "&Edit framework…", None, self.edit_framework),
            (None, None, None, None),
            ("import", "&Import framework…", None, self.import_framework),
            ("export", "E&xport framework…", None, self.export_framework),
        ):
            if key is None:
                menu.addSeparator()
                continue
            action = QAction(text, window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            menu.addAction(action)
            self.actions[key] = action
        window.data_changed.connect(self._data_changed)

    def show_matrix(self) -> None:
        from plnjournal.gui.skills.matrix_view import SkillMatrixView

        if self.matrix_view is None:
            view = SkillMatrixView(self.window.db, self.window)
            view.setWindowFlag(Qt.WindowType.Window, True)
            view.skill_activated.connect(self.show_history)
            self.matrix_view = view
            view.refresh(wait=True)
        self.matrix_view.show()
        self.matrix_view.raise_()
        self.matrix_view.activateWindow()

    def show_history(self, skill_id: int) -> None:
        from plnjournal.gui.skills.history_dialog import SkillHistoryDialog

        dialog = SkillHistoryDialog(self.window.db, skill_id, self.matrix_view or self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def self_assess(self) -> None:
        from plnjournal.gui.skills.self_assessment import SelfAssessmentDialog

        dialog = SelfAssessmentDialog(self.window.db, self.window)
        dialog.saved.connect(lambda _n: self.window.notify_changed("ratings"))
        dialog.exec()

    def edit_framework(self) -> None:
        from plnjournal.gui.skills.framework_editor import FrameworkEditorDialog

        dialog = FrameworkEditorDialog(self.window.db, self.window)
        dialog.saved.connect(lambda: self.window.notify_changed("skills", "framework"))
        dialog.exec()

    def import_framework(self) -> None:
        from plnjournal.gui.skills.framework_actions import ask_import

        if ask_import(self.window, self.window.db):
            self.window.notify_changed("skills", "framework")

    def export_framework(self) -> None:
        from plnjournal.gui.skills.framework_actions import ask_export

        ask_export(self.window, self.window.db)

    def _data_changed(self, what: set) -> None:
        if self.matrix_view is not None and what & MATRIX_INPUTS:
            self.matrix_view.refresh()


def install(window: MainWindow) -> None:
    window.skills_feature = SkillsFeature(window)  # type: ignore[attr-defined]
