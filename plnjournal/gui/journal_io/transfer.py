"""File → Import journal… and Export journal…: bringing a journal in and taking it out.

Light at import: the dialogs (and the importers behind them) load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    from plnjournal.gui.journal_io.import_dialog import ImportJournalDialog
    from plnjournal.gui.shell.main_window import MainWindow

# Off the first paint: the dialogs' modules and the journal formats and importers behind them
# (SQLAlchemy through the core), loaded when a dialog is first opened.
importing = lazy_module("plnjournal.gui.journal_io.import_dialog")
exporting = lazy_module("plnjournal.gui.journal_io.export_dialog")


class JournalTransferFeature:
    """File ▸ Import and Export journal: the actions, with the dialogs loaded on first use."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        menu = window.menu("file")
        # Above Quit (always the last item of the File menu), after what others put there.
        quit_action = next((a for a in menu.actions() if a.text().replace("&", "") == "Quit"), None)
        self.import_action = QAction("Import &journal…", window)
        self.import_action.setStatusTip("Bring in a jrnl, Day One or Markdown journal")
        self.import_action.triggered.connect(self.import_journal)
        self.export_action = QAction("E&xport journal…", window)
        self.export_action.setStatusTip("Save reflections as Markdown files or everything as JSON")
        self.export_action.triggered.connect(self.export_journal)
        if quit_action is not None:
            menu.insertAction(quit_action, self.import_action)
            menu.insertAction(quit_action, self.export_action)
            menu.insertSeparator(quit_action)
        else:
            menu.addActions([self.import_action, self.export_action])

    def import_dialog(self) -> ImportJournalDialog:
        """The import dialog, wired so every view refreshes after an import."""
        dialog: ImportJournalDialog = importing.ImportJournalDialog(self.window.db, self.window)
        dialog.imported.connect(
            lambda summary: self.window.notify_changed(
                *(
                    importing.CHANGED_BY_RESTORE
                    if summary["format"] == "json"
                    else importing.CHANGED
                )
            )
        )
        return dialog

    def import_journal(self) -> None:
        """File ▸ Import journal…: the import dialog, modal."""
        self.import_dialog().exec()

    def export_journal(self) -> None:
        """File ▸ Export journal…: the export dialog, modal."""
        exporting.ExportJournalDialog(self.window.db, self.window).exec()


def install(window: MainWindow) -> None:
    """Add Import and Export journal to the File menu, above Quit."""
    # Kept on the window, which knows its features only through main_window.FEATURES.
    window.journal_transfer = JournalTransferFeature(window)  # type: ignore[attr-defined]
