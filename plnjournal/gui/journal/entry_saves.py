"""The editor's autosave: when the open reflection is saved, and how each save went.

Text is saved a second after typing stops (``SAVE_DELAY_MS``), at least every few seconds while
typing goes on (``SAVE_MAX_WAIT_MS``), and when asked (leaving the entry, the window). Saves,
and the writes that need the open reflection, run in order on gui/tasks.py's one write worker
(``gui/journal/entry_writes.py`` runs them); ``flush`` is the one that waits. A failed save
keeps the text in the editor, says so in its save state and is tried again.

Kept apart from ``editor.py``, which lays out and loads the reflection: this is the editor's
own code and reaches its widgets and state as the editor would.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from plnjournal.errors import PlnError
from plnjournal.gui.journal.entry_writes import EntryTarget, EntryWrite, EntryWriteJob
from plnjournal.lazy import lazy_module

if TYPE_CHECKING:  # for annotations only
    from plnjournal.gui.journal.editor import EntryEditor
    from plnjournal.gui.tasks import Task

# Off the first paint (docs/performance.md, "Where the start-up deferrals are"): the background
# helper (its dialogs' Qt types), first used by the first save.
tasks = lazy_module("plnjournal.gui.tasks")

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 1000  # after typing stops
SAVE_MAX_WAIT_MS = 4000  # while typing goes on without a pause


class EntrySaves:
    """The open reflection's save state (changed, saving, failed) and its queue of writes."""

    def __init__(self, editor: EntryEditor) -> None:
        self.editor = editor
        self.target = EntryTarget(None)  # the open reflection (the editor's ``entry_id``)
        self.writes: list[EntryWriteJob] = []  # queued on the write worker, not yet landed here
        self.dirty = False  # changed since the last save was queued
        self.error: str | None = None  # why the last save failed (it is tried again)
        self.ready = True
        self._save_timer = self._timer(SAVE_DELAY_MS)
        self._max_timer = self._timer(SAVE_MAX_WAIT_MS)

    def _timer(self, ms: int) -> QTimer:
        timer = QTimer(self.editor)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(self.autosave)
        return timer

    def open(self, entry_id: int | None) -> None:
        """Another reflection is open: nothing to save yet. Writes still queued for the one
        left cannot touch it (``flush``, before every switch, has landed them anyway)."""
        self.target = EntryTarget(entry_id)
        self.dirty = False
        self.error = None
        self._stop_timers()

    def changed(self) -> None:
        """Something was typed: save a second after the last keystroke, but never leave more
        than a few seconds of typing at risk."""
        self.dirty = True
        self._save_timer.start()  # restarts
        if not self._max_timer.isActive():
            self._max_timer.start()

    def _stop_timers(self) -> None:
        self._save_timer.stop()
        self._max_timer.stop()

    def is_dirty(self) -> bool:
        """Whether some of what is shown is not in the journal yet (typed, or still saving)."""
        return self.dirty or any(w.update for w in self.writes)

    def set_ready(self, ready: bool) -> Task | None:
        """Whether the timed autosave may run now; when it becomes ready, what was typed
        meanwhile is saved at once (the save's task, if one started)."""
        self.ready = ready
        return self.save_later() if ready and self.dirty else None

    def autosave(self) -> None:
        """The timed save (a second after typing stops): waits while saving is not ready."""
        if self.ready:
            self.save_later()
        # else: still dirty; set_ready(True) saves it as soon as saving can start

    def save_later(self, then: Callable[[], None] | None = None) -> Task | None:
        """Save on the write worker if anything changed; ``then`` once it has (at once when
        there was nothing to save). A failed save keeps the text here and retries."""
        if not self.dirty:
            if then is not None:
                then()
            return None
        done = None if then is None else (lambda _result: then())
        return self._queue(self._job(None, create=False, on_done=done))

    def write(
        self,
        write: EntryWrite,
        *,
        create: bool = True,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Task:
        """Run ``write(session, entry_id)`` on the write worker after what is queued before it,
        saving the text first; ``create``: make the reflection (even empty) if it has not been
        saved yet, else ``entry_id`` may be None. ``on_done`` gets what it returned."""
        return self._queue(self._job(write, create=create, on_done=on_done, on_error=on_error))

    def flush(self) -> bool:
        """Save now and wait for it; False if saving failed (the text stays here).

        Synchronous on purpose: it runs where what follows reads the journal back or ends
        (opening another reflection or day, deleting, closing the window, a restore), so it
        first waits for the writes queued for this reflection, then saves on this thread."""
        self._stop_timers()
        if self.writes:
            tasks.wait_for_writes()  # they run in order on the one write worker
            for queued in list(self.writes):
                self._landed(queued)
        if not self.dirty:
            return True
        job = self._job(None, create=False)
        job.run()
        self._landed(job, inline=True)
        if job.error is not None and not isinstance(job.error, PlnError):
            raise job.error  # a bug: the crash handler says so (the text stays here)
        return job.error is None

    def _job(self, write: EntryWrite | None, *, create: bool, **callbacks: Any) -> EntryWriteJob:
        """A write of the open reflection as it is now (its text, if changed)."""
        self._stop_timers()
        update, self.dirty = self.dirty, False
        editor = self.editor
        fields: dict[str, Any] = {"title": editor.title.text(), "body": editor.body.toPlainText()}
        fields.update(private=editor.private.isChecked(), reflection_model=editor.reflection_model)
        fields.update(highlight=editor.highlight.isChecked())
        return EntryWriteJob(
            editor.db,
            self.target,
            (editor.day, editor.entry_time),
            fields,
            update,
            create,
            write,
            **callbacks,
        )

    def _queue(self, job: EntryWriteJob) -> Task:
        self.writes.append(job)
        self.editor._show_state()
        task: Task = tasks.run_in_background(
            self.editor,
            lambda _progress: job.run(),
            on_success=lambda _r: self._landed(job),
            writes=True,
        )
        return task

    def _landed(self, job: EntryWriteJob, *, inline: bool = False) -> None:
        """A write has run: show how it went (once, whichever of ``flush`` and the worker's
        delivery comes first). ``inline``: ``flush`` ran it here and reports its error."""
        if job.handled:
            return
        job.handled = True
        if job in self.writes:
            self.writes.remove(job)
        current, error = job.target is self.target, job.error
        if job.update and current:
            self.error = None
            if job.saved is None:  # the text was not saved: it stays here, and is tried again
                self.dirty = True
                if isinstance(error, PlnError):
                    self.error = error.message
                    # The editor shows the message; the log only that it happened (the
                    # message may quote the reflection: plnjournal/logs.py).
                    log.error("autosave failed (%s)", type(error).__name__)
                    self._save_timer.start()
        self.editor._show_state()
        if job.saved is not None and job.saved[0] is not None and current:
            self.editor.saved.emit(*job.saved)
        if error is None:
            if job.on_done is not None:
                job.on_done(job.result)
        elif job.on_error is not None:
            job.on_error(error)
        elif not inline and not (isinstance(error, PlnError) and job.update and not job.saved):
            tasks.show_error(self.editor, error)  # (a failed save says so in the save state)
