"""The Feedback menu: import (also in File, and by dropping files on the window), the feedback
inbox and list, asking for feedback.

Light at import: it is on the window's start path, so the dialogs and views are named through
``lazy_module`` and imported when first used. Dropped files reach the importer through an
event filter installed on the window (and on its children that accept drops, such as the
editor), or through ``open_import(paths)`` which the window may call.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from plnjournal.lazy import lazy_module

if TYPE_CHECKING:  # (types set up for Python cost the window's start; these come later)
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    from plnjournal.core.feedback.importer import ImportResult
    from plnjournal.gui.feedback.import_dialog import FeedbackImportDialog
    from plnjournal.gui.feedback.view import FeedbackWindow
    from plnjournal.gui.shell.main_window import MainWindow
    from plnjournal.gui.tasks import ProgressFn

# Kept off the window's first paint (docs/performance.md, "Where the start-up deferrals are"):
# the import dialog and the Feedback window, each with SQLAlchemy through the feedback core;
# the inbox query (SQLAlchemy); the request dialog and its message box; the background
# helper (its progress dialog and message box types), as in the main window.
feedback_import = lazy_module("plnjournal.gui.feedback.import_dialog")
feedback_view = lazy_module("plnjournal.gui.feedback.view")
inbox = lazy_module("plnjournal.core.feedback.inbox")
request_dialog = lazy_module("plnjournal.gui.feedback.request_dialog")
tasks = lazy_module("plnjournal.gui.tasks")

# Ctrl+I is Italic in the editor (Edit menu), so the import takes Ctrl+Shift+I.
IMPORT_SHORTCUT = "Ctrl+Shift+I"
FEEDBACK_INPUTS = {"feedback", "entries", "skills", "framework", "ratings"}
DROP_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".json", ".md", ".markdown"}


def dropped_feedback_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """Local files with a feedback file's suffix in a drag, or [] (then the drop is not ours:
    text dragged into the editor stays the editor's)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    if not paths or any(p.suffix.lower() not in DROP_SUFFIXES for p in paths):
        return []
    return paths


class _DropFilter(QObject):
    """Takes drags of feedback files before any child (the editor would paste the path)."""

    def __init__(self, feature: FeedbackFeature) -> None:
        super().__init__(feature.window)
        self.feature = feature

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Claim drags and drops of feedback files; anything else goes on to the widget."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if dropped_feedback_files(event):  # type: ignore[arg-type]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif kind == QEvent.Type.Drop:
            files = dropped_feedback_files(event)  # type: ignore[arg-type]
            if files:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self.feature.open_import(files)
                return True
        return False


class FeedbackFeature:
    """Owns the Feedback menu's actions, the import dialog and the one Feedback window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.feedback_window: FeedbackWindow | None = None
        self.import_dialog: FeedbackImportDialog | None = None
        menu = window.menu("feedback")
        self.actions: dict[str, QAction] = {}
        for key, text, shortcut, slot in (
            ("import", "&Import feedback…", IMPORT_SHORTCUT, self.open_import),
            ("inbox", "Feedback &inbox", "Ctrl+Shift+B", lambda: self.show_feedback(inbox=True)),
            ("all", "&All feedback", None, lambda: self.show_feedback(inbox=False)),
            (None, None, None, None),
            ("ask", "&Ask for feedback…", None, self.ask_for_feedback),
        ):
            if key is None or text is None:
                menu.addSeparator()
                continue
            action = QAction(text, window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda *_a, slot=slot: slot())
            menu.addAction(action)
            self.actions[key] = action
        self.actions["import"].setStatusTip("Import rating and comment files from your mentors")
        window.menu("file").addAction(self.actions["import"])  # the same action, one shortcut
        menu.aboutToShow.connect(self._count_inbox)
        window.data_changed.connect(self._data_changed)
        self.drop_filter = _DropFilter(self)
        window.setAcceptDrops(True)
        window.installEventFilter(self.drop_filter)
        # Widgets that take drops themselves (the editor, text fields) are found once the
        # window has loaded: walking every widget would lengthen the first paint
        # (docs/performance.md, "Where the start-up deferrals are").
        if getattr(window, "is_loaded", True):
            self._filter_drops_on_children()
        else:
            window.loaded.connect(self._filter_drops_on_children)

    def _filter_drops_on_children(self) -> None:
        for widget in self.window.findChildren(QWidget):
            if widget.acceptDrops():
                widget.installEventFilter(self.drop_filter)

    # --- import ----------------------------------------------------------------------------

    def open_import(self, files: list[Path] | None = None) -> None:
        """Open the import dialog (with ``files`` already added and checked, if given)."""
        dialog = self.import_dialog
        if dialog is None or not dialog.isVisible():
            dialog = feedback_import.FeedbackImportDialog(self.window.db, parent=self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.imported.connect(self._imported)
            dialog.destroyed.connect(lambda *_: setattr(self, "import_dialog", None))
            self.import_dialog = dialog
        for path in files or []:
            dialog.add_file(Path(path))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if files:
            dialog.check()

    def _imported(self, result: ImportResult) -> None:
        changed = ["feedback", "ratings"]
        if result.new_skills:
            changed += ["skills", "framework"]
        self.window.notify_changed(*changed)
        n = result.imported
        show = getattr(self.window, "show_message", None)
        if show is not None:
            show(f"Imported {n} feedback item{'s' if n != 1 else ''}.")

    # --- feedback window -------------------------------------------------------------------

    def show_feedback(self, *, inbox: bool) -> None:
        """Bring up the one Feedback window on its inbox or its full list."""
        if self.feedback_window is None:
            self.feedback_window = feedback_view.FeedbackWindow(self.window.db, self.window)
            self.feedback_window.responded.connect(self._responded)
            self.feedback_window.import_requested.connect(lambda: self.open_import())
            # The avoidance model reads the praise mark too: its views refresh.
            self.feedback_window.praise_changed.connect(
                lambda _item: self.window.notify_changed("feedback")
            )
        self.feedback_window.show_tab(inbox)
        self.feedback_window.show()
        self.feedback_window.raise_()
        self.feedback_window.activateWindow()

    def _responded(self, entry_id: int, day: dt.date | None) -> None:
        self.window.notify_changed("entries", "feedback")
        journal = getattr(self.window, "journal", None)
        if journal is not None and hasattr(journal, "open_entry"):
            journal.open_entry(entry_id, day)
            self.window.raise_()
            self.window.activateWindow()
            if hasattr(journal, "focus_editor"):
                journal.focus_editor()
        show = getattr(self.window, "show_message", None)
        if show is not None:
            show("A reflection answering the feedback is open: say what you will do about it.")

    def _count_inbox(self) -> None:
        """Count what waits in the inbox off the GUI thread; the entry shows it when known.
        A failed count only leaves the number out, as it always has: opening a menu should
        not raise an error dialog."""
        db = self.window.db

        def count(_progress: ProgressFn) -> int:
            with db.session() as s:
                return len(inbox.unanswered_feedback(s))

        tasks.run_in_background(
            self.window,
            count,
            on_success=self._show_inbox_count,
            on_failure=lambda _exc: self._show_inbox_count(0),
        )

    def _show_inbox_count(self, n: int) -> None:
        self.actions["inbox"].setText(f"Feedback &inbox ({n})" if n else "Feedback &inbox")

    def _data_changed(self, what: set[str]) -> None:
        if self.feedback_window is not None and what & FEEDBACK_INPUTS:
            self.feedback_window.reload()

    # --- asking ----------------------------------------------------------------------------

    def ask_for_feedback(
        self, skill_codes: list[str] | None = None, parent: QWidget | None = None
    ) -> None:
        """Write a template for a mentor (on ``skill_codes`` only, when given), then say where
        it went and what to do next. ``parent``: the window asking (default the main one)."""
        owner = parent or self.window
        dialog = request_dialog.FeedbackRequestDialog(
            self.window.db, owner, skill_codes=skill_codes
        )
        if dialog.exec() and dialog.written is not None:
            self.window.notify_changed("feedback")
            request_dialog.tell_where_saved(owner, dialog.written)


def install(window: MainWindow) -> None:
    """Add the Feedback menu and the file drops to ``window``."""
    window.feedback_feature = FeedbackFeature(window)  # type: ignore[attr-defined]
