"""Background work reports success, failure and progress on the GUI thread."""

from __future__ import annotations

import threading
import weakref

import shiboken6

from plnjournal.errors import InputError
from plnjournal.gui.tasks import run_in_background, wait_for_background_work


def test_success_and_progress(qtbot) -> None:
    seen: list = []
    results: list = []
    gui_thread = threading.get_ident()

    def work(progress):
        assert threading.get_ident() != gui_thread
        for i in range(3):
            progress(i + 1, 3, f"step {i + 1}")
        return "done"

    run_in_background(
        None, work, on_success=results.append, on_progress=lambda d, t, m: seen.append((d, t, m))
    )
    qtbot.waitUntil(lambda: results == ["done"])
    assert seen == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert wait_for_background_work()


def test_failure_goes_to_the_callback(qtbot) -> None:
    errors: list = []

    def work(progress):
        raise InputError("bad file")

    run_in_background(None, work, on_failure=errors.append, writes=True)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], InputError) and errors[0].message == "bad file"


def test_results_for_a_closed_window_are_dropped(qtbot) -> None:
    """A dialog closed while its work ran must not have its (deleted) widgets touched."""
    import shiboken6
    from PySide6.QtWidgets import QDialog

    release = threading.Event()
    called: list = []
    dialog = QDialog()
    task = run_in_background(
        dialog,
        lambda progress: release.wait(10),
        on_success=called.append,
        on_failure=called.append,
        progress_label="Working…",
    )
    delivered: list = []
    task.signals.succeeded.connect(delivered.append)  # runs after run_in_background's slot
    shiboken6.delete(dialog)  # closed and deleted while the work runs
    release.set()
    qtbot.waitUntil(lambda: bool(delivered))
    assert wait_for_background_work()
    assert called == []


class _Made:
    """Stands for a Qt object the work made on its thread."""


def test_a_failed_works_objects_are_freed_on_its_thread(qtbot) -> None:
    # The traceback would carry the frame's locals to the GUI thread, to be destroyed there.
    errors: list = []
    made: list[weakref.ref] = []

    def work(progress):
        thing = _Made()
        made.append(weakref.ref(thing))
        raise InputError("bad file")

    run_in_background(None, work, on_failure=errors.append)
    assert wait_for_background_work()
    assert made[0]() is None  # before its failure reached the GUI thread
    qtbot.waitUntil(lambda: bool(errors))
    assert errors[0].__traceback__ is not None  # the crash report still has it


def test_a_delivered_tasks_signals_are_deleted_on_the_gui_thread(qtbot) -> None:
    results: list = []
    task = run_in_background(None, lambda _p: 1, on_success=results.append)
    qtbot.waitUntil(lambda: results == [1])
    qtbot.waitUntil(lambda: not shiboken6.isValid(task.signals))
