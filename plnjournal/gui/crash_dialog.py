"""The crash dialog: an unexpected error is logged and shown, and the app keeps running.

Installed by ``run_gui``. Python exceptions raised in Qt slots and event handlers reach
``sys.excepthook``; worker threads reach ``threading.excepthook``. Either way the user sees
what happened, where the full report is, and the versions to quote; the window stays open with
their text in it, and autosave carries on.
"""

from __future__ import annotations

import logging
import platform
import sqlite3
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

MAX_REPORTS = 5  # a repeating error (in a paint event, say) must not flood the dialog


def versions() -> str:
    """The versions a bug report needs, one per line."""
    import PySide6
    from PySide6.QtCore import qVersion

    from plnjournal import __version__

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
        heading = QLabel("<b>Something went wrong, but your writing is safe.</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName("Details of the problem")
        self.details.setMinimumHeight(160)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy details")
        self.log_button = QPushButton("Open &log folder")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.copy_button.clicked.connect(self.copy_details)
        self.log_button.clicked.connect(self._open_log_folder)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)
        self.add(summary, report)

    def add(self, summary: str, report: str) -> None:
        """Show one more occurrence (the first few in full; later ones only counted)."""
        self.count += 1
        again = f" It has happened {self.count} times." if self.count > 1 else ""
        self.message.setText(
            f"PLN Journal hit a problem it did not expect: {summary}.{again}\n\n"
            "The window stays open: what you were writing is still there and is saved as "
            "usual. If this keeps happening, please report it with the details below.\n\n"
            f"The full report is in the log: {self.log_path}"
        )
        if self.count <= MAX_REPORTS:
            if self.count == 1:
                self.details.setPlainText(f"{versions()}\n\n{report}")
            else:
                self.details.appendPlainText(f"\n--- occurrence {self.count} ---\n{report}")

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(
            f"{self.message.text()}\n\n{self.details.toPlainText()}"
        )

    def _open_log_folder(self) -> None:
        from pathlib import Path

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.log_path).parent)))


class CrashHandler(QObject):
    """Routes unexpected exceptions to the log and the crash dialog, on the GUI thread."""

    _from_thread = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window = parent
        self.dialog: CrashDialog | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._from_thread.connect(self._show)
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        if threading.current_thread() is threading.main_thread():
            self._show(exc)
        else:
            self._from_thread.emit(exc)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self._from_thread.emit(args.exc_value)

    def _show(self, exc: BaseException) -> None:
        from plnjournal.logs import log_exception

        try:
            where = log_exception(exc)
            summary = f"{type(exc).__name__}: {exc}"
            report = "".join(traceback.format_exception(exc))
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.add(summary, report)
            else:
                self.dialog = CrashDialog(summary, report, where, self.window)
                self.dialog.show()  # not modal: the user can go on writing meanwhile
            self.dialog.raise_()
        except Exception:  # noqa: BLE001 - the crash handler must never crash the app
            log.exception("the crash dialog itself failed")

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook


def install_crash_handler(window: QWidget | None = None) -> CrashHandler:
    """Show unexpected errors in the crash dialog from now on (call once, from run_gui)."""
    return CrashHandler(window)
