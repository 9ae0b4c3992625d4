"""Unexpected errors are logged and shown in the crash dialog, and the app keeps running.

Installed by ``run_gui``. Python exceptions raised in Qt slots and event handlers reach
``sys.excepthook``; worker threads reach ``threading.excepthook``. Either way the user sees
what happened (``gui/shell/crash_dialog.py``, imported on the first error), where the full report
is, and the versions to quote.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from plnjournal.lazy import lazy_module
from plnjournal.logs import log_exception

if TYPE_CHECKING:
    from plnjournal.gui.shell.crash_dialog import CrashDialog

# The crash dialog's module (its Qt types) loads on the first error, not with the window
# (docs/performance.md, "Where the start-up deferrals are").
crash_dialog = lazy_module("plnjournal.gui.shell.crash_dialog")

log = logging.getLogger(__name__)


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
        """sys.excepthook: an uncaught error is logged and shown in the crash dialog, not fatal."""
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
        try:
            where = log_exception(exc)
            summary = f"{type(exc).__name__}: {exc}"
            report = "".join(traceback.format_exception(exc))
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.add(summary, report)
            else:
                self.dialog = crash_dialog.CrashDialog(summary, report, where, self.window)
                self.dialog.show()  # not modal: the user can go on writing meanwhile
            self.dialog.raise_()
        except Exception:
            log.exception("the crash dialog itself failed")

    def uninstall(self) -> None:
        """Put back the hooks found at install (when the app closes, and in tests)."""
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook


def install_crash_handler(window: QWidget | None = None) -> CrashHandler:
    """Show unexpected errors in the crash dialog from now on (call once, from run_gui)."""
    return CrashHandler(window)
