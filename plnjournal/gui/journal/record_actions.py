"""What the journaling view does beyond typing: delete the open reflection (and undo it), start
one about today's hard conversation, and make commitments (typed, or from the reflection's
action plan).

Each is written in the background (``gui/tasks.py``; writes in order on its one worker), then
the view moves to show what changed and tells the window. Kept apart from ``view.py``, which
composes the panels and moves them together; this is the view's own code and reaches its
state as the view would.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from plnjournal.gui import late_types
from plnjournal.gui.journal import entry_writes
from plnjournal.lazy import lazy_module

if TYPE_CHECKING:  # for annotations only
    from plnjournal.core.insights.nudges import HardConversation
    from plnjournal.core.journal.commitments import ProposedCommitment
    from plnjournal.core.journal.trash import Trashed
    from plnjournal.gui.journal.commitment_dialog import CommitmentDialog
    from plnjournal.gui.journal.view import JournalView
    from plnjournal.gui.tasks import Task

# Off the first paint (docs/performance.md, "Where the start-up deferrals are"): the commitment
# dialog, when shown; the background helper (its dialogs' Qt types), first used once the
# journal has loaded.
commitment_dialog = lazy_module("plnjournal.gui.journal.commitment_dialog")
tasks = lazy_module("plnjournal.gui.tasks")


class RecordActions:
    """The view's deletes, undo, new reflection about a nudge and new commitments."""

    def __init__(self, view: JournalView) -> None:
        self.view = view
        self._undo: list[Trashed] = []

    # --- delete and undo -------------------------------------------------------------------

    def delete_current(self) -> None:
        """Delete the open reflection (after saving it: the undo brings back what was typed);
        the editor is read-only until the delete has landed."""
        view, editor = self.view, self.view.editor
        if editor.entry_id is None:
            editor.open_draft(view.day)  # an unsaved draft: just clear it
            return

        def failed(exc: BaseException) -> None:
            editor.set_busy(False)
            tasks.show_error(view, exc)

        editor.set_busy(True)
        delete, deleted = entry_writes.delete, self._entry_deleted
        editor.write(delete, create=False, on_done=deleted, on_error=failed)

    def _entry_deleted(self, snapshot: Trashed | None) -> None:
        view = self.view
        view.editor.set_busy(False)
        if snapshot is None:
            return
        self._undo.append(snapshot)
        view.editor.entry_id = None
        view._body_changed_since_notice = False
        title = snapshot.title or "Reflection"
        view.go_to_day(view.day)
        view._notify("entries", "ratings", "commitments")
        view.deleted.emit(title)

    def can_undo_delete(self) -> bool:
        """Whether a deleted reflection can be brought back (this session only)."""
        return bool(self._undo)

    def undo_delete(self) -> None:
        """Bring back the last deleted reflection, with its links, and open it."""
        if not self._undo:
            return
        view, snapshot, db = self.view, self._undo.pop(), self.view.db

        def restored(found: tuple[int, dt.date]) -> None:
            entry_id, day = found
            view._notify("entries", "ratings", "commitments")
            view.go_to_day(day, entry_id)
            view.message.emit("Reflection restored.")

        def failed(exc: BaseException) -> None:
            self._undo.append(snapshot)  # still there to undo
            tasks.show_error(view, exc)

        tasks.run_in_background(
            view,
            lambda _p: entry_writes.restore(db, snapshot),
            on_success=restored,
            on_failure=failed,
            writes=True,
        )

    # --- hard conversation and commitments -------------------------------------------------

    def write_about(self, nudge: HardConversation) -> None:
        """A new reflection today, on the nudge's skill, starting with its question."""
        self.write_prompted(nudge.skill_id, f"Hard conversation: {nudge.name}", nudge.question)

    def write_prompted(self, skill_id: int, title: str, prompt: str) -> Task:
        """A new reflection today, linked to the skill, starting with the prompt quoted; it
        opens with the cursor under the prompt."""
        view = self.view
        view._leave_entry()
        today, now, db = view._today(), dt.datetime.now(), view.db

        def added(entry_id: int) -> None:
            view._notify("entries")
            view.go_to_day(today, entry_id)
            view.editor.body.move_cursor_to(len(view.editor.body.toPlainText()))
            view.skills.select_skill(skill_id)
            view.focus_editor()

        task: Task = tasks.run_in_background(
            view,
            lambda _p: entry_writes.add_prompted(db, skill_id, title, prompt, today, now),
            on_success=added,
            writes=True,
        )
        return task

    def add_commitment(self, dialog: CommitmentDialog | None = None) -> None:
        """Ask for new commitments (``dialog``: one already filled in, for tests). The dialog
        lists the skills: it waits until they are read (at once, after the first second)."""
        self.view.finish_loading(then=lambda: self._ask_commitments(None, dialog, None))

    def commit_from_entry(self, dialog: CommitmentDialog | None = None) -> None:
        """Offer the open reflection's new action-plan lines as commitments (once its text
        is saved: the lines are read from the journal)."""
        view = self.view

        def found(read_back: tuple[int, list[ProposedCommitment]] | None) -> None:
            if read_back is None:
                return
            entry_id, proposals = read_back
            if not proposals:
                view.message.emit("No new lines in this reflection's action plan.")
                return
            view.finish_loading(then=lambda: self._ask_commitments(proposals, dialog, entry_id))

        view.editor.write(commitment_dialog.read_proposals, create=False, on_done=found)

    def _ask_commitments(
        self,
        proposals: list[ProposedCommitment] | None,
        dialog: CommitmentDialog | None,
        entry_id: int | None,
    ) -> None:
        view = self.view
        if dialog is None:
            dialog = commitment_dialog.CommitmentDialog(
                view._skill_choices(),
                default_due=view._today() + dt.timedelta(days=7),
                default_skill=next(iter(view.skills.links()), None),
                proposals=proposals,
                parent=view,
            )
            if dialog.exec() != late_types.QDialog.DialogCode.Accepted:
                return
        made = dialog.commitments()
        if not made:
            return
        today, db = view._today(), view.db

        def added(_result: object) -> None:
            view._notify("commitments")
            view.side.setCurrentWidget(view._pages[1])
            view.message.emit(f"{len(made)} commitment{'s' if len(made) != 1 else ''} made.")

        tasks.run_in_background(
            view,
            lambda _p: commitment_dialog.add_commitments(db, made, entry_id=entry_id, today=today),
            on_success=added,
            writes=True,
        )
