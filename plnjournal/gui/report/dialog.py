"""File ▸ Export progress report…: choose what goes in, see the pages, write the PDF.

Everything slow runs on a worker thread through ``run_in_background``: gathering the report,
laying it out and painting the preview pages (QTextDocument and QImage are used only in the
thread that creates them), and writing the PDF. The preview is painted by the same code as
the PDF, so what you see is what is written. The options are chosen in ``options_form``, the
pages are shown by ``page_preview``; this module holds the preview's and the export's work.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.journal.settings import OWNER_NAME, OWNER_ROLE
from plnjournal.core.report.content import ReportOptions
from plnjournal.errors import PlnError
from plnjournal.gui.plain import plain_label
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.report.options_form import ReportOptionsForm
from plnjournal.gui.report.page_preview import PagePreview
from plnjournal.gui.report.work import export_report, read_settings, render_preview
from plnjournal.gui.tasks import ProgressFn, Task, run_in_background, show_error
from plnjournal.gui.theme import make_primary
from plnjournal.report_pdf.writer import WrittenPdf
from plnjournal.storage.db import Database

PREVIEW_DELAY_MS = 350  # wait for the user to stop changing options
# What a preview was made from: its charts are reused by an export of the same.
PreviewKey = tuple[ReportOptions, str]


class ReportDialog(QDialog):
    """The export dialog; ``exported`` carries the written file's path."""

    exported = Signal(str)

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or dt.date.today()
        self.setWindowTitle("Export progress report")
        self._generation = 0  # previews older than this are dropped
        self._closed = False  # work finishing after the dialog closed is dropped
        self._preview_running = False
        self._preview_pending = False
        self.export_task: Task | None = None
        self.pages: list[QImage] = []
        self._charts: tuple[PreviewKey | None, dict[str, bytes] | None] = (None, None)
        self._name0 = self._role0 = ""  # the saved cover, until read (``loaded``)
        self.loaded = False
        self._build()
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._refresh_preview)
        remember_geometry(self, "report", (1120, 780))
        self.form.setEnabled(False)
        self.export_button.setEnabled(False)
        self.preview.set_status("loading…")
        run_in_background(
            self,
            lambda _p: read_settings(db),
            on_success=self._loaded,
            on_failure=self._load_failed,
        )

    def _loaded(self, result: tuple[str, str, tuple[dt.date, dt.date]]) -> None:
        self._name0, self._role0, default = result
        self.loaded = True
        self.form.set_cover(self._name0, self._role0)
        self.form.setEnabled(True)
        self.export_button.setEnabled(True)
        self.form.set_default_period(default)

    def _load_failed(self, exc: BaseException) -> None:
        self.preview.set_status("the journal could not be read")
        show_error(self, exc, "Export progress report")

    # --- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        controls = f = self.form = ReportOptionsForm(self.db, self.today)
        # The options' widgets, by the names callers know.
        self.name_edit, self.role_edit, self.preset = f.name_edit, f.role_edit, f.preset
        self.start_edit, self.end_edit, self.paper = f.start_edit, f.end_edit, f.paper
        self.section_boxes, self.entries_model = f.section_boxes, f.entries_model
        self.private_box, self.anonymize_box = f.private_box, f.anonymize_box
        self.open_box = f.open_box

        self.preview = PagePreview()
        self.preview_label = self.preview.label  # its status line, by the name callers know
        preview = self.preview

        splitter = QSplitter()
        controls_scroll = QScrollArea()
        controls_scroll.setAccessibleName("Report options")
        controls_scroll.setWidget(controls)
        controls_scroll.setWidgetResizable(True)
        controls_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        controls_scroll.setMinimumWidth(controls.minimumSizeHint().width() + 20)
        splitter.addWidget(controls_scroll)
        splitter.addWidget(preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 680])

        self.status = plain_label()  # paths and error messages
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(
            "Export PDF…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        make_primary(self.export_button)  # what the dialog is for
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.choose_file_and_export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.form.changed.connect(self._changed)

    # --- options -----------------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date]:
        """The chosen period, as dates (the end may be before the start)."""
        return self.form.period()

    def options(self) -> ReportOptions:
        """What the report will contain, as chosen (raises InputError for a bad period)."""
        return self.form.options()

    def paper_size(self) -> str:
        """The chosen paper, as ``write_report_pdf`` names it."""
        return self.form.paper_size()

    def _cover_changes(self) -> dict[str, str]:
        changes = {}
        name, role = self.form.cover()
        if name != self._name0:
            changes[OWNER_NAME] = name
        if role != self._role0:
            changes[OWNER_ROLE] = role
        return changes

    # --- preview -----------------------------------------------------------------------

    def _changed(self) -> None:
        if self._closed:
            return  # the period's reflections landing after the dialog closed
        self._generation += 1
        self.preview.set_status("updating…")
        self._timer.start()

    def _refresh_preview(self) -> None:
        if self._preview_running:
            self._preview_pending = True
            return
        try:
            options = self.options()
        except PlnError as exc:
            self.preview.set_status(exc.message)
            return
        generation, paper = self._generation, self.paper_size()
        cover = self._cover_override()
        db = self.db

        def work(
            progress: ProgressFn,
        ) -> tuple[int, PreviewKey, list[QImage], dict[str, bytes]]:
            return (
                generation,
                (options, paper),
                *render_preview(db, options, paper, cover, progress),
            )

        self._preview_running = True
        run_in_background(
            self,
            work,
            on_success=self._show_preview,
            on_failure=self._preview_failed,
        )

    def _cover_override(self) -> tuple[str, str]:
        return self.form.cover()

    def _alive(self) -> bool:
        return not self._closed and shiboken6.isValid(self)

    def done(self, result: int) -> None:
        """Closing stops the preview; a preview still being made is dropped when it ends."""
        self._closed = True
        self._timer.stop()
        super().done(result)

    def _preview_done(self) -> None:
        if not self._alive():
            return
        self._preview_running = False
        if self._preview_pending:
            self._preview_pending = False
            self._refresh_preview()

    def _show_preview(self, result: tuple[int, PreviewKey, list[QImage], dict[str, bytes]]) -> None:
        generation, key, images, charts = result
        self._preview_done()
        if not self._alive() or generation != self._generation:
            return  # the options changed meanwhile; a newer preview is on its way
        self.pages = images
        self._charts = (key, charts)
        self.preview.set_pages(images)

    def _preview_failed(self, exc: BaseException) -> None:
        self._preview_done()
        if not self._alive():
            return
        message = exc.message if isinstance(exc, PlnError) else f"{type(exc).__name__}: {exc}"
        self.preview.set_status(f"could not be made: {message}")

    # --- export ------------------------------------------------------------------------

    def suggested_path(self) -> Path:
        """A file name that says the period, in Documents if there is one."""
        start, end = self.period()
        folder = Path.home() / "Documents"
        if not folder.is_dir():
            folder = Path.home()
        return folder / f"progress-report-{start.isoformat()}-to-{end.isoformat()}.pdf"

    def choose_file_and_export(self) -> None:
        """Ask where to save (adding .pdf if left out), then export."""
        path, _ = QFileDialog.getSaveFileName(
            self, "Export progress report", str(self.suggested_path()), "PDF files (*.pdf)"
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the PDF off the GUI thread, with a progress bar; then open it if asked."""
        try:
            options = self.options()
        except PlnError as exc:
            show_error(self, exc, "Export progress report")
            return
        paper, changes, db = self.paper_size(), self._cover_changes(), self.db
        open_after = self.open_box.isChecked()
        key, svgs = self._charts
        charts = svgs if key == (options, paper) else None  # the preview's, if still right

        def work(progress: ProgressFn) -> WrittenPdf:
            return export_report(db, options, paper, changes, path, charts, progress)

        self.export_button.setEnabled(False)
        self.status.setText("Writing the progress report…")
        self.export_task = run_in_background(
            self,
            work,
            on_success=lambda result: self._exported(result, open_after),
            on_failure=self._export_failed,
            progress_label="Writing the progress report…",
            writes=bool(changes),
        )

    def _exported(self, result: WrittenPdf, open_after: bool) -> None:
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
        self.export_button.setEnabled(True)
        if self._cover_changes():
            self._name0, self._role0 = self._cover_override()
            notify = getattr(self.parent(), "notify_changed", None)  # the main window's
            if notify is not None:
                notify("settings")
        pages = f"{result.pages} page{'s' * (result.pages != 1)}"
        self.status.setText(f"Saved {result.path} ({pages}).")
        self.exported.emit(str(result.path))

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.status.setText("The progress report was not written.")
        show_error(self, exc, "Export progress report")
