"""Benchmark hook: with ``PLNJOURNAL_BENCH_READY=1`` the app reports the moment the journaling
window is ready for typing, then quits (bench/run.py measures start-up with it).

Ready means: the window is exposed, the reflection editor has the keyboard focus, and the
editor has been painted. The line printed is ``PLNJOURNAL_BENCH_READY <monotonic seconds>
cpu=<CPU seconds> maxrss_kb=<peak memory> heavy=<modules>``; the monotonic clock is shared by
all processes, so the bench subtracts the moment it started the process. ``heavy`` lists which
of ``HEAVY`` were imported by then (comma-separated, empty when none): the first window is
meant to need none of them (tests/gui/shell/test_light_start.py).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from plnjournal.gui.shell.main_window import MainWindow

ENV = "PLNJOURNAL_BENCH_READY"
# An encrypted journal's passphrase for the bench, as the command line takes it (a file, never
# an argument): the unlock screen types it at once, so the start is measured with its Argon2id.
PASSPHRASE_FILE_ENV = "PLNJOURNAL_PASSPHRASE_FILE"
# Modules the window must not wait for: loaded after the first paint, or only when used.
HEAVY = (
    "sqlalchemy",
    "alembic",
    "matplotlib",
    "plnjournal.core.insights.avoidance",
    "openpyxl",
    "psycopg",  # programme mode's driver: loaded only for a journal in a programme
    # A plain journal never loads the cipher, the key derivation or the keyring.
    "sqlcipher3",
    "cryptography",
    "keyring",
)


class PaintedEditor(Protocol):
    """The widget typed into, as the probe reads it: ``painted`` once its text is drawn."""

    painted: bool

    def hasFocus(self, /) -> bool:
        """QWidget.hasFocus: ready means typing goes to the editor."""
        ...

    def installEventFilter(self, filterObj: QObject, /) -> None:
        """QObject.installEventFilter: the probe hears the editor's paint and focus."""
        ...


class _ReadyProbe(QObject):
    def __init__(self, window: QMainWindow, editor: PaintedEditor | None = None) -> None:
        super().__init__(window)
        self.window = window
        # The editor sets ``painted`` once it has drawn its text (gui/journal/markdown_edit.py).
        # The probe watches the editor itself, not its viewport: handing the viewport to Python
        # would cost the start (docs/performance.md, session 4). Its paint comes just before its
        # text's, in the same frame, and the check runs after that frame, before the window's
        # post-paint work.
        # Without an editor the window is the app's (bench/qt_floor.py passes both).
        self.editor = (
            editor if editor is not None else cast("MainWindow", window).journal.editor.body
        )
        self.done = False
        self.editor.installEventFilter(self)
        window.installEventFilter(self)
        # Should the text be drawn in a later frame than the editor's frame, its own signal
        # asks again (the app's editor has one; the floor's is always drawn in one frame).
        first_painted = getattr(self.editor, "first_painted", None)
        if first_painted is not None:
            first_painted.connect(lambda: QTimer.singleShot(0, self.check))

    @property
    def painted(self) -> bool:
        """Whether the editor has drawn its text (a flag the editor sets: markdown_edit.py)."""
        return bool(self.editor.painted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """QObject.eventFilter: a paint, focus or expose may be the ready moment."""
        if event.type() in (QEvent.Type.Paint, QEvent.Type.FocusIn, QEvent.Type.Expose):
            QTimer.singleShot(0, self.check)
        return False

    def check(self) -> None:
        """Report and close once exposed, painted and focused (once only)."""
        handle = self.window.windowHandle()
        exposed = handle is not None and handle.isExposed()
        if self.done or not (exposed and self.painted and self.editor.hasFocus()):
            return
        self.done = True
        now = time.monotonic()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        # Read on the GUI thread, the moment the window is ready: the worker thread loading
        # SQLAlchemy may have started, so a module being imported counts as loaded.
        heavy = ",".join(m for m in HEAVY if m in sys.modules)
        print(
            f"{ENV} {now:.6f} cpu={usage.ru_utime + usage.ru_stime:.4f} "
            f"maxrss_kb={usage.ru_maxrss} heavy={heavy}",
            flush=True,
        )
        sys.stdout.flush()
        self.window.close()


def quit_when_ready(window: QMainWindow, editor: PaintedEditor | None = None) -> None:
    """Report readiness once, then close the window (which ends the app). ``editor``: the
    widget typed into, with a ``painted`` flag set once its text is drawn (default: the
    journaling window's; bench/qt_floor.py passes its own)."""
    probe = _ReadyProbe(window, editor)
    QTimer.singleShot(0, probe.check)


def bench_passphrase() -> str | None:
    """The passphrase the bench gives an encrypted journal's window (None: none given)."""
    name = os.environ.get(PASSPHRASE_FILE_ENV)
    if not name:
        return None
    return Path(name).read_text(encoding="utf-8").rstrip("\r\n")
