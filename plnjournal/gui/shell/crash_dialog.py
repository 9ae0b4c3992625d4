"""The crash dialog: what happened, where the full report is, and the versions to quote.

Shown by ``gui/shell/crash_handler.py`` (imported only when something goes wrong: its Qt classes
cost the window's start time). The window stays open with the user's text in it, and autosave
carries on.
"""

from __future__ import annotations

import contextlib
import platform
import sqlite3
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal import __version__
from plnjournal.gui.icons import set_icon
from plnjournal.gui.plain import plain_label
from plnjournal.gui.prefs import remember_geometry

MAX_REPORTS = 5  # a repeating error (in a paint event, say) must not flood the dialog


def versions() -> str:
    """The versions a bug report needs, one per line."""

    return "\n".join(
        (
            f"PLN Journal {__version__}",
            f"Python {platform.python_version()}",
            f"Qt {qVersion()} (PySide6 {PySide6.__version__})",
            f"SQLite {sqlite3.sqlite_version}",
            f"OS {platform.platform()}",
        )
    )


class CrashDialog(QDialog):
    """Says what happened, where the log is, and that the user's text is safe."""

    def __init__(self, summary: str, report: str, log_path: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("PLN Journal: something went wrong")
        self.setObjectName("crashDialog")
        self.log_path = log_path
        self.count = 0
        layout = QVBoxLayout(self)
        heading = QLabel("<b>Something went wrong, but your writing is safe.</b>", self)
        heading.setTextFormat(Qt.TextFormat.RichText)
        sign = QLabel()
        with contextlib.suppress(OSError):  # the dialog must show even if its icon cannot
            set_icon(sign, "warning", heading.fontMetrics().height() * 2)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(sign)
        top.addWidget(heading, 1)
        self.message = plain_label()  # the error's own words may quote anything
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName("Details of the problem")
        self.details.setMinimumHeight(160)
        self.details.hide()  # the plain message first; the traceback is for a bug report
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.details_button = QPushButton("&Details")
        self.details_button.setCheckable(True)
        self.details_button.setAccessibleName("Show the details of the problem")
        self.details_button.toggled.connect(self._show_details)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.HelpRole)
        self.copy_button = QPushButton("&Copy details")
        self.log_button = QPushButton("Open &log folder")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.copy_button.clicked.connect(self.copy_details)
        self.log_button.clicked.connect(self._open_log_folder)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addStretch(1)  # the message stays at the top while the details are hidden
        layout.addWidget(buttons)
        remember_geometry(self, "crash", (620, 420))
        self.add(summary, report)

    def add(self, summary: str, report: str) -> None:
        """Show one more occurrence (the first few in full; later ones only counted)."""
        self.count += 1
        again = f" It has happened {self.count} times." if self.count > 1 else ""
        self.message.setText(
            f"PLN Journal hit a problem it did not expect: {summary}.{again}\n\n"
            "The window stays open: what you were writing is still there and is saved as "
            "usual. If this keeps happening, please report it: Copy details puts what we "
            "need on the clipboard.\n\n"
            f"The full report is in the log: {self.log_path}"
        )
        if self.count <= MAX_REPORTS:
            if self.count == 1:
                self.details.setPlainText(f"{versions()}\n\n{report}")
            else:
                self.details.appendPlainText(f"\n--- occurrence {self.count} ---\n{report}")

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText("Hide &details" if shown else "&Details")

    def copy_details(self) -> None:
        """Put the message, versions and tracebacks on the clipboard, for a bug report."""
        QGuiApplication.clipboard().setText(
            f"{self.message.text()}\n\n{self.details.toPlainText()}"
        )

    def _open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.log_path).parent)))
