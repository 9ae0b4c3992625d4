""" "Share with my mentors": the open reflection's share toggle, shown only in a programme.

Private reflections cannot be shared: the toggle is off and disabled while Private is ticked
(and a shared reflection made private is withdrawn at the next sync).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox

from plnjournal.gui import tasks
from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from plnjournal.gui.shell.main_window import MainWindow

# The journal's side of sharing (SQLAlchemy), loaded once a programme is known.
sharing = lazy_module("plnjournal.programme.sharing")


class ShareToggle(QCheckBox):
    """Shares or withdraws the open reflection; ``after_change`` runs once it is queued."""

    def __init__(self, window: MainWindow, after_change: Callable[[], None]) -> None:
        super().__init__("Share with my mentors")
        self.setObjectName("shareToggle")
        self.setAccessibleName("Share with my mentors")
        self.main = window
        self.after_change = after_change
        self.shared: set[int] = set()
        editor = window.journal.editor
        editor.add_option(self)
        editor.opened.connect(lambda _id: self.follow())
        editor.private.toggled.connect(lambda _on: self.follow())
        editor.saved.connect(lambda _id, _created: self.follow())
        self.clicked.connect(self._clicked)
        self.reload()

    def reload(self) -> None:
        """Read which reflections are shared (after a sync may have withdrawn some)."""

        def read(_progress: object) -> set[int]:
            with self.main.db.session() as session:
                return set(sharing.shared_entry_ids(session))

        tasks.run_in_background(self, read, on_success=self._loaded)

    def _loaded(self, shared: set[int]) -> None:
        self.shared = shared
        self.follow()

    def follow(self) -> None:
        """Show the open reflection's state."""
        editor = self.main.journal.editor
        private = editor.private.isChecked()
        self.blockSignals(True)
        self.setChecked(editor.entry_id in self.shared and not private)
        self.blockSignals(False)
        self.setEnabled(not private)
        self.setToolTip(
            "Private reflections are never shared"
            if private
            else "Your programme's mentors see this reflection (and each later version of it)"
        )

    def _clicked(self, on: bool) -> None:
        def write(session: Session, entry_id: int | None) -> int | None:
            if entry_id is None:
                return None
            if on:
                sharing.share_entries(session, [entry_id])
            else:
                sharing.unshare_entries(session, [entry_id])
            return entry_id

        def done(entry_id: Any) -> None:
            if isinstance(entry_id, int):
                (self.shared.add if on else self.shared.discard)(entry_id)
                self.main.show_message(
                    "Shared with your mentors." if on else "No longer shared with your mentors."
                )
                self.after_change()
            self.follow()

        def failed(exc: BaseException) -> None:
            self.follow()
            tasks.show_error(self.main, exc)

        self.main.journal.editor.write(write, create=on, on_done=done, on_error=failed)
