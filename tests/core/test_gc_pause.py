"""Batch work pauses the cyclic garbage collector and always gives it back."""

from __future__ import annotations

import gc
import threading

import pytest

from plnjournal.core.gc_pause import paused_gc


def test_paused_inside_nested_batches_and_running_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer batch is still running
    assert gc.isenabled()


def test_given_back_after_an_error() -> None:
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("the import failed")
    assert gc.isenabled()


def test_left_off_if_it_was_off_before() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_batches_in_two_threads_resume_only_when_both_are_done() -> None:
    inside, release = threading.Event(), threading.Event()

    def worker() -> None:
        with paused_gc():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    with paused_gc():
        pass
    assert not gc.isenabled()  # the worker's batch is still running
    release.set()
    thread.join(5)
    assert gc.isenabled()
