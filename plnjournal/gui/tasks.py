"""The one way to run long work off the GUI thread, with progress and a default error dialog.

Usage::

    run_in_background(
        self, lambda progress: import_file(db, path, progress=progress),
        on_success=self._imported, progress_label="Importing feedback…", writes=True,
    )

The worker function is Qt-free: it receives ``progress(done, total, message)``, a plain
callable (raising ``Cancelled`` if the user pressed Cancel). Writes go through a single-worker
pool so they never contend with each other, and run in the order they were asked for: a write
queued after another sees what the first wrote. A write waiting for another program's lock
(up to a minute) waits there, on the worker, while the window goes on working.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from plnjournal.errors import PlnError
from plnjournal.gui.plain import literal
from plnjournal.logs import log_exception

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]


class Cancelled(PlnError):
    """The user cancelled the work; nothing was written."""

    def __init__(self) -> None:
        super().__init__("cancelled; nothing was changed")


class _Signals(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """One piece of background work; its signals are delivered on the GUI thread."""

    def __init__(self, fn: Callable[[ProgressFn], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = _Signals()
        self.cancelled = False
        self.done = False
        self.then: list[Callable[[], None]] = []  # run once its result is delivered (after_all)

    def _progress(self, done: int, total: int, message: str = "") -> None:
        if self.cancelled:
            raise Cancelled()
        self.signals.progress.emit(done, total, message)

    def run(self) -> None:
        """QRunnable.run: on a pool thread; the result or the error goes back as a signal."""
        try:
            result = self.fn(self._progress)
        except BaseException as exc:
            # The traceback keeps each failed frame's locals alive (a document, a QPdfWriter):
            # drop them here, so the Qt objects this thread made die on it, not on the GUI
            # thread; the crash report still has every file, line and function.
            chain: list[BaseException] = []
            link: BaseException | None = exc
            while link is not None and link not in chain:  # and those it was raised from
                chain.append(link)
                traceback.clear_frames(link.__traceback__)
                link = link.__cause__ or link.__context__
            self.done = True
            self.signals.failed.emit(exc)
        else:
            self.done = True
            self.signals.succeeded.emit(result)


_read_pool: QThreadPool | None = None
_write_pool: QThreadPool | None = None
_running: set[Task] = set()


def _pool(writes: bool) -> QThreadPool:
    global _read_pool, _write_pool
    if writes:
        if _write_pool is None:
            _write_pool = QThreadPool()
            _write_pool.setMaxThreadCount(1)
        return _write_pool
    if _read_pool is None:
        _read_pool = QThreadPool()
        _read_pool.setMaxThreadCount(2)
    return _read_pool


def show_error(parent: QWidget | None, exc: BaseException, title: str = "PLN Journal") -> None:
    """The default failure: a user-readable message for our errors, a crash report for bugs."""
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, PlnError):
        QMessageBox.warning(parent, title, literal(exc.message))  # may quote a file
        return
    where = log_exception(exc)
    QMessageBox.critical(
        parent,
        title,
        literal(
            f"Something went wrong: {type(exc).__name__}: {exc}\n\nDetails are in {where}. "
            "Your text is safe."
        ),
    )


def run_in_background(
    parent: QWidget | None,
    fn: Callable[[ProgressFn], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    progress_label: str | None = None,
    writes: bool = False,
) -> Task:
    """Run ``fn(progress)`` on a worker thread; callbacks run on the GUI thread."""
    task = Task(fn)
    dialog: QProgressDialog | None = None
    if progress_label:
        dialog = QProgressDialog(progress_label, "Cancel", 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick work never flashes a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(lambda: setattr(task, "cancelled", True))

    def progressed(done: int, total: int, message: str) -> None:
        if dialog is not None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(done)
            if message:
                dialog.setLabelText(message)
        if on_progress is not None:
            on_progress(done, total, message)

    def finish() -> bool:
        """Clean up; False when the parent was deleted meanwhile (a dialog closed while its
        work ran): its callbacks would touch deleted widgets, so they are dropped."""
        _running.discard(task)
        if parent is not None and not shiboken6.isValid(parent):
            log.debug("background work finished after its window closed; result dropped")
            return False
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        return True

    def succeeded(result: Any) -> None:
        try:
            if finish() and on_success is not None:
                on_success(result)
        finally:
            _then(task)

    def failed(exc: BaseException) -> None:
        try:
            if not finish():
                if not isinstance(exc, PlnError):
                    log_exception(exc)  # a bug is still logged, though nobody is there to see it
                return
            if on_failure is not None:
                on_failure(exc)
            else:
                show_error(parent, exc)
        finally:
            _then(task)

    task.signals.progress.connect(progressed)
    task.signals.succeeded.connect(succeeded)
    task.signals.failed.connect(failed)
    _running.add(task)
    _pool(writes).start(task)
    return task


def _then(task: Task) -> None:
    then, task.then = task.then, []
    try:
        for fn in then:
            fn()
    finally:
        # Its connections hold callbacks that hold the task: a cycle the collector would free
        # on whichever thread runs it, a worker's included, destroying this GUI-thread QObject
        # there. Deleted here, on the GUI thread, once its result is delivered.
        task.signals.deleteLater()


def after_all(started: Iterable[Task | None], then: Callable[[], None]) -> None:
    """Call ``then`` on the GUI thread once each of ``started`` has delivered its result,
    however it ended (after the task's own callbacks); at once if there is none."""
    waiting = {task for task in started if task is not None and task in _running}
    if not waiting:
        then()
        return

    def landed(task: Task) -> None:
        waiting.discard(task)
        if not waiting:
            then()

    for task in waiting:
        task.then.append(functools.partial(landed, task))


def busy() -> bool:
    """Whether some work has not delivered its result yet (tests wait until it has)."""
    return bool(_running)


def wait_for_writes(msecs: int = -1) -> bool:
    """Block until every queued write has run (its result is delivered later, as usual): for
    the few saves that must land before the GUI goes on, such as closing the window."""
    return _write_pool.waitForDone(msecs) if _write_pool is not None else True


def wait_for_background_work(msecs: int = 10000) -> bool:
    """Block until queued work has finished (closing the window, tests)."""
    ok = True
    for pool in (_read_pool, _write_pool):
        if pool is not None:
            ok = pool.waitForDone(msecs) and ok
    return ok
