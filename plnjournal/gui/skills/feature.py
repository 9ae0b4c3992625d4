"""The Skills menu: matrix, self-assessment, framework editor, import and export.

Light at import: it is on the window's start path, so each view's module is named through
``lazy_module`` and imported when its action is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    from plnjournal.gui.shell.main_window import MainWindow
    from plnjournal.gui.skills.matrix_view import SkillMatrixView

# Kept off the window's first paint (docs/performance.md, "Where the start-up deferrals are"):
# each window and dialog of the menu, all of them with SQLAlchemy through the skills and
# frameworks core.
matrix_view = lazy_module("plnjournal.gui.skills.matrix_view")
history_dialog = lazy_module("plnjournal.gui.skills.history_dialog")
self_assessment = lazy_module("plnjournal.gui.skills.self_assessment")
framework_editor = lazy_module("plnjournal.gui.skills.framework_editor")
framework_actions = lazy_module("plnjournal.gui.skills.framework_actions")

# What changes the matrix shows (see MainWindow.data_changed).
MATRIX_INPUTS = {"entries", "skills", "framework", "ratings", "feedback"}


class SkillsFeature:
    """Owns the Skills menu's actions and the one matrix window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.matrix_view: SkillMatrixView | None = None
        menu = window.menu("skills")
        self.actions: dict[str, QAction] = {}
        for key, text, shortcut, slot in (
            ("matrix", "Skills &matrix", "Ctrl+Shift+M", self.show_matrix),
            ("assess", "&Rate yourself on all skills…", None, self.self_assess),
            ("edit", "&Edit framework…", None, self.edit_framework),
            (None, None, None, None),
            ("import", "&Import framework…", None, self.import_framework),
            ("export", "E&xport framework…", None, self.export_framework),
        ):
            if key is None or text is None:
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
        """Bring up the one matrix window (it shows "Loading…" until its first matrix is in)."""
        if self.matrix_view is None:
            view = matrix_view.SkillMatrixView(self.window.db, self.window)
            view.setWindowFlag(Qt.WindowType.Window, True)
            view.skill_activated.connect(self.show_history)
            view.self_assess_requested.connect(self.self_assess)
            self.matrix_view = view
            view.refresh()
        self.matrix_view.show()
        self.matrix_view.raise_()
        self.matrix_view.activateWindow()

    def show_history(self, skill_id: int) -> None:
        """A skill's history, over the matrix (several may be open side by side)."""
        dialog = history_dialog.SkillHistoryDialog(
            self.window.db, skill_id, self.matrix_view or self.window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def self_assess(self) -> None:
        """Rate yourself on every skill; the ratings' views hear of it when saved."""
        dialog = self_assessment.SelfAssessmentDialog(self.window.db, self.window)
        dialog.saved.connect(lambda _n: self.window.notify_changed("ratings"))
        dialog.exec()

    def edit_framework(self) -> None:
        """Edit the framework as a draft; the views hear of it when saved."""
        dialog = framework_editor.FrameworkEditorDialog(self.window.db, self.window)
        dialog.saved.connect(lambda: self.window.notify_changed("skills", "framework"))
        dialog.exec()

    def import_framework(self) -> None:
        """Import a framework file (in the background); the views hear of it once it is in."""
        framework_actions.ask_import(self.window, self.window.db, on_done=self._imported)

    def _imported(self, imported: bool) -> None:
        if imported:
            self.window.notify_changed("skills", "framework")

    def export_framework(self) -> None:
        """Write the framework to a file the user chooses (in the background)."""
        framework_actions.ask_export(self.window, self.window.db)

    def _data_changed(self, what: set[str]) -> None:
        if self.matrix_view is not None and what & MATRIX_INPUTS:
            self.matrix_view.refresh()


def install(window: MainWindow) -> None:
    """Add the Skills menu to ``window``."""
    window.skills_feature = SkillsFeature(window)  # type: ignore[attr-defined]
