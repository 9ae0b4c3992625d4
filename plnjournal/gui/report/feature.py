"""File ▸ Export progress report… and File ▸ Fill in a form…: plug the export dialogs into
the main window.

Light at import: it is on the window's start path, so the dialog (and with it the PDF engine)
is named through ``lazy_module`` and imported when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    from plnjournal.gui.report.dialog import ReportDialog
    from plnjournal.gui.shell.main_window import MainWindow

# Kept off the window's first paint (docs/performance.md, "Where the start-up deferrals are"):
# the export dialog, with SQLAlchemy through the report core and the PDF renderer.
report_dialog = lazy_module("plnjournal.gui.report.dialog")
# The same for the forms dialog (jsonschema, the form files, the PDF renderer).
form_dialog = lazy_module("plnjournal.gui.forms.dialog")


def install(window: MainWindow) -> None:
    """Add File ▸ Export progress report… (above Quit) to ``window``."""
    action = QAction("Export progress &report…", window)
    action.setShortcut(QKeySequence("Ctrl+Shift+E"))
    action.setStatusTip("Write a shareable PDF of your progress for a mentor or a panel")
    action.triggered.connect(lambda: open_dialog(window))
    menu = window.menu("file")
    quit_action = next(
        (a for a in menu.actions() if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)),
        None,
    )
    forms = QAction("Fill in a &form (NMC, mentor meetings)…", window)
    forms.setStatusTip("Fill a regulator's or programme's form from your reflections, as a PDF")
    forms.triggered.connect(lambda: form_dialog.open_form_dialog(window.db, window))
    if quit_action is not None:  # above Quit, with a separator between them
        menu.insertAction(quit_action, action)
        menu.insertAction(quit_action, forms)
        menu.insertSeparator(quit_action)
    else:
        menu.addAction(action)
        menu.addAction(forms)
    window.report_action = action  # type: ignore[attr-defined]
    window.forms_action = forms  # type: ignore[attr-defined]


def open_dialog(window: MainWindow) -> ReportDialog:
    """Show the export dialog (the one already open, if there is one)."""
    dialog: ReportDialog | None = getattr(window, "_report_dialog", None)
    if dialog is None or not dialog.isVisible():
        dialog = report_dialog.ReportDialog(window.db, window)
        window._report_dialog = dialog  # type: ignore[attr-defined]
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
