"""File → Import journal…: choose a journal, see exactly what will come in, then import it.

The preview is read in the background (nothing is written); Import writes everything in one
transaction after a backup, with a progress bar and Cancel (which leaves nothing written).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
from plnjournal.core.journal_io.formats import FORMAT_LABELS
from plnjournal.core.journal_io.importer import ImportPlan, prepare_import, write_import
from plnjournal.core.journal_io.records import JsonObject
from plnjournal.errors import PlnError
from plnjournal.gui.journal_io.preview_model import DATE, LINKS, TIME, TITLE, ImportPreviewModel
from plnjournal.gui.journal_io.preview_model import SORT_ROLE as PREVIEW_SORT_ROLE
from plnjournal.gui.plain import literal
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.tasks import run_in_background, show_error
from plnjournal.storage.db import Database

INTRO = (
    "Bring in reflections from <b>jrnl</b>, <b>Day One</b> or a folder of <b>Markdown</b> "
    "notes (Obsidian, Logseq). Tags that match a skill link the reflection to it. Nothing is "
    "written until you press Import, and the journal is backed up first."
)
FILE_FILTER = (
    "Journals (*.txt *.json *.zip *.md);;jrnl journal (*.txt);;JSON export (*.json);;"
    "Day One export (*.zip *.json);;Markdown (*.md);;All files (*)"
)
# What may change after an import, for MainWindow.notify_changed.
CHANGED = ("entries", "ratings")
CHANGED_BY_RESTORE = (
    "entries",
    "ratings",
    "skills",
    "framework",
    "feedback",
    "commitments",
    "nudges",
    "settings",
)


class ImportJournalDialog(QDialog):
    """Emits ``imported(summary)`` after a successful import."""

    imported = Signal(dict)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.plan: ImportPlan | None = None
        self._generation = 0
        self.setWindowTitle("Import a journal")
        self.setMinimumSize(640, 460)
        remember_geometry(self, "journal_import", (900, 620))

        intro = QLabel(INTRO)
        intro.setWordWrap(True)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("A jrnl .txt file, a folder, a Day One .zip or .json…")
        self.path_edit.setClearButtonEnabled(True)
        choose_file = QPushButton("Choose &file…")
        choose_file.clicked.connect(self.choose_file)
        choose_folder = QPushButton("Choose f&older…")
        choose_folder.clicked.connect(self.choose_folder)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(choose_file)
        path_row.addWidget(choose_folder)

        self.format_combo = QComboBox()
        self.format_combo.addItem("Detect automatically", None)
        for fmt, label in FORMAT_LABELS.items():
            self.format_combo.addItem(label, fmt)

        form = QFormLayout()
        from_label = QLabel("&From:")
        from_label.setBuddy(self.path_edit)
        form.addRow(from_label, path_row)
        format_label = QLabel("Fo&rmat:")
        format_label.setBuddy(self.format_combo)
        form.addRow(format_label, self.format_combo)

        self.summary = QLabel("Choose a journal to see what will come in.")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = ImportPreviewModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(PREVIEW_SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((DATE, 96), (TIME, 56), (TITLE, 330), (LINKS, 190)):
            self.table.setColumnWidth(col, width)

        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.warnings_label = QLabel("Warnings")
        warn_box = QWidget()
        warn_layout = QVBoxLayout(warn_box)
        warn_layout.setContentsMargins(0, 0, 0, 0)
        warn_layout.addWidget(self.warnings_label)
        warn_layout.addWidget(self.warnings)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(warn_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        warn_box.hide()
        self.warn_box = warn_box

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.buttons)

        # Typing a path previews it once the user pauses, not on every key.
        self._debounce = QTimer(self, singleShot=True, interval=350)
        self._debounce.timeout.connect(self.refresh_preview)
        self.path_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.format_combo.currentIndexChanged.connect(lambda _i: self.refresh_preview())

    # --- choosing ---------------------------------------------------------------------

    def choose_file(self) -> None:
        """Pick a journal file (jrnl, JSON, Day One, Markdown) and preview it."""
        path, _ = QFileDialog.getOpenFileName(self, "Import a journal file", "", FILE_FILTER)
        if path:
            self.set_path(path)

    def choose_folder(self) -> None:
        """Pick a folder (a jrnl folder journal or Markdown notes) and preview it."""
        path = QFileDialog.getExistingDirectory(
            self, "Import a jrnl folder journal or a folder of Markdown notes"
        )
        if path:
            self.set_path(path)

    def set_path(self, path: str | Path) -> None:
        """Preview ``path`` at once (tests and drops; typing waits for a pause)."""
        self.path_edit.setText(str(path))
        self._debounce.stop()
        self.refresh_preview()

    def set_format(self, fmt: str | None) -> None:
        """Read the file as ``fmt`` (None: detect it); the preview follows."""
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(fmt)))

    # --- preview ----------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Read and check the chosen journal in the background; nothing is written."""

        self._generation += 1
        generation = self._generation
        self.plan = None
        self.import_button.setEnabled(False)
        self.model.set_rows([])
        self.table.show()
        self._show_warnings([])
        text = self.path_edit.text().strip()
        if not text:
            self.summary.setText("Choose a journal to see what will come in.")
            return
        path, fmt, db = Path(text).expanduser(), self.format_combo.currentData(), self.db
        self.summary.setText(f"Reading {escape(path.name)}…")

        def done(plan: ImportPlan) -> None:
            if generation == self._generation:
                self._show_plan(plan)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._show_problems(exc)

        run_in_background(
            self,
            lambda _progress: prepare_import(db, path, fmt),
            on_success=done,
            on_failure=failed,
        )

    def _show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        rows = plan.preview_rows()
        self.model.set_rows(rows)
        s = plan.summary(sample=0)
        n = s["new_entries"]
        span = ""
        if s["first_entry"]:
            span = f" from <b>{s['first_entry']}</b> to <b>{s['last_entry']}</b>"
        if plan.archive is not None:
            t = s["tables"]
            text = (
                f"This is a full PLN Journal export. Importing restores <b>{n}</b> "
                f"reflection{'s' if n != 1 else ''}{span}, {t.get('skills', 0)} skills, "
                f"{t.get('ratings', 0)} ratings, {t.get('feedback_items', 0)} feedback items "
                f"and {t.get('commitments', 0)} commitments."
            )
        elif n:
            text = f"<b>{n}</b> reflection{'s' if n != 1 else ''} will come in{span}."
        else:
            text = "Nothing new to import."
        if s["duplicates"]:
            text += f" {s['duplicates']} already in the journal will be skipped."
        if s["linked_skills"]:
            links = ", ".join(f"{k} ({v})" for k, v in s["linked_skills"].items())
            text += f"<br>Linked to skills by their tags: {escape(links)}."
        if s["tags"]:
            names = sorted(s["tags"], key=lambda t: (-s["tags"][t], t.casefold()))
            shown = ", ".join(f"#{t}" for t in names[:8])
            more = f" and {len(names) - 8} more" if len(names) > 8 else ""
            text += f"<br>Other tags kept as tags: {escape(shown)}{more}."
        self.summary.setText(text)
        self._show_warnings(s["warnings"])
        self.table.show()
        can_import = n > 0
        self.import_button.setEnabled(can_import)
        self.import_button.setText(
            f"&Import {n} reflection{'s' if n != 1 else ''}" if can_import else "&Import"
        )

    def _show_problems(self, exc: BaseException) -> None:
        if not isinstance(exc, PlnError):
            self.summary.setText("Something went wrong while reading the journal.")
            show_error(self, exc, "Import a journal")
            return
        problems = [str(p) for p in getattr(exc, "problems", [])] or [exc.message]
        n = len(problems)
        self.summary.setText(
            f"<b>This journal cannot be imported as it is</b>: {n} problem"
            f"{'s' if n != 1 else ''} (listed below). Nothing will be written; fix "
            "the file and choose it again."
        )
        self._show_warnings(problems, title="Problems")
        self.table.hide()  # nothing to preview: the problems get the room

    def _show_warnings(self, lines: list[str], title: str = "Warnings") -> None:
        self.warnings.clear()
        self.warnings.addItems(lines)
        self.warnings_label.setText(f"{title} ({len(lines)})")
        self.warn_box.setVisible(bool(lines))

    # --- import -----------------------------------------------------------------------

    def start_import(self) -> None:
        """Write the previewed plan in the background (one transaction, after a backup)."""
        plan, db = self.plan, self.db
        if plan is None:
            return
        self.import_button.setEnabled(False)
        run_in_background(
            self,
            lambda progress: write_import(db, plan, progress),
            on_success=self._imported,
            on_failure=self._import_failed,
            progress_label="Importing reflections…",
            writes=True,
        )

    def _imported(self, summary: JsonObject) -> None:
        self.imported.emit(summary)
        n = summary["imported"]
        where = (
            f"\n\nThe journal was backed up first to {summary['backup']}."
            if summary.get("backup")
            else ""
        )
        QMessageBox.information(
            self,
            "Import a journal",
            literal(f"Imported {n} reflection{'s' if n != 1 else ''}.{where}"),
        )
        self.accept()

    def _import_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(self.plan is not None)
        show_error(self, exc, "Import a journal")
