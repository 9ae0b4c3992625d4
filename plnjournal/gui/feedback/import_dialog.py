"""The feedback import dialog: choose files, say what unrecognised columns hold, preview every
row with its problems in place, confirm, import (all or nothing, off the GUI thread).

The dialog only calls the core (``plan_sources``/``apply_import``); checking and writing run
through ``gui.tasks.run_in_background`` with a progress bar for large files.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
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
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.feedback.importer import (
    ImportOptions,
    ImportPlan,
    ImportResult,
    apply_import,
    load_sources,
    plan_sources,
)
from plnjournal.core.skills.lookup import list_skills
from plnjournal.gui.feedback.models import (
    P_STATUS,
    STATUS_ROLE,
    PreviewModel,
    one_line,
    refilter,
)
from plnjournal.gui.skills.matrix_model import Tone
from plnjournal.gui.tasks import run_in_background, show_error
from plnjournal.gui.tones import tone_background
from plnjournal.storage.db import Database

FILE_FILTER = "Feedback files (*.csv *.tsv *.txt *.xlsx *.json *.md *.markdown);;All files (*)"
FEEDBACK_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".json", ".md", ".markdown"}
FIELD_CHOICES = (
    ("Ignore this column", "ignore"),
    ("Date", "date"),
    ("Mentor", "mentor"),
    ("Skill (code or name)", "skill"),
    ("Rating", "rating"),
    ("Comment (for the whole row)", "comment"),
)
ROLE_WORDS = {
    "date": "date",
    "mentor": "mentor",
    "skill": "skill",
    "rating": "rating",
    "comment": "comment",
    "info": "not needed",
    "ignored": "not recognised, ignored",
    "new skill": "ratings of an unknown skill",
}
PAGE_FILES, PAGE_MAPPING, PAGE_PREVIEW, PAGE_DONE = range(4)


def describe_role(role: str) -> str:
    kind, _, code = role.partition(":")
    if code:
        return f"{kind} of {code}"
    return ROLE_WORDS.get(role, role)


class _ProblemsProxy(QSortFilterProxyModel):
    """Show all rows, only those with problems or warnings, or only the new items."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = "all"

    def set_mode(self, mode: str) -> None:
        refilter(self, lambda: setattr(self, "mode", mode))

    def filterAcceptsRow(self, row: int, parent) -> bool:
        if self.mode == "all":
            return True
        model: PreviewModel = self.sourceModel()  # type: ignore[assignment]
        preview = model.rows[row]
        if self.mode == "problems":
            return preview.status == "error" or bool(preview.warnings)
        return preview.status == "new"


class FeedbackImportDialog(QDialog):
    """Import mentor feedback files: files, column mapping (when needed), preview, confirm."""

    imported = Signal(object)  # ImportResult, after a successful write

    def __init__(
        self, db: Database, files: list[Path] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.mapping: dict[str, str] = {}
        self.mapping_seen = False
        self.busy = False
        self.setWindowTitle("Import mentor feedback")
        self.setObjectName("feedbackImportDialog")
        self.resize(980, 640)
        self.step = QLabel()
        self.step.setObjectName("stepTitle")
        font = self.step.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.step.setFont(font)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._files_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._done_page())
        self.back_button = QPushButton("Back")
        self.columns_button = QPushButton("Columns…")
        self.check_button = QPushButton("Check files")
        self.import_button = QPushButton("Import")
        self.close_button = QPushButton("Cancel")
        self.back_button.clicked.connect(self._back)
        self.columns_button.clicked.connect(lambda: self._show(PAGE_MAPPING))
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.confirm_import)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.columns_button)
        buttons.addStretch(1)
        for b in (self.check_button, self.import_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        for f in files or []:
            self.add_file(Path(f))
        self._show(PAGE_FILES)

    # --- pages -----------------------------------------------------------------------------

    def _files_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            "Add the files your mentors sent: CSV or Excel (one row per rating, or a Google "
            "Forms / Microsoft Forms export), JSON, xAPI statements, or a Markdown letter. "
            "Every file is checked completely first; nothing is written until you confirm, "
            "and a file with a problem writes nothing."
        )
        intro.setWordWrap(True)
        self.file_list = QListWidget()
        self.file_list.setAccessibleName("Files to import")
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton("Add files…")
        add.clicked.connect(self.choose_files)
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove_selected)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.file_list, 1)
        row.addLayout(side)
        self.date_format = QLineEdit()
        self.date_format.setPlaceholderText(
            "only for dates like 03/11/2026 — e.g. %d/%m/%Y (day first) or %m/%d/%Y"
        )
        self.date_format.setAccessibleName("Date format")
        self.create_skills = QCheckBox("Add skills the files name but the framework lacks")
        self.create_skills.setToolTip(
            "Unknown skills go into an area called 'Imported'; otherwise they are a problem "
            "to fix, with close matches suggested."
        )
        form = QFormLayout()
        form.addRow("Date format:", self.date_format)
        form.addRow("Unknown skills:", self.create_skills)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addLayout(form)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.mapping_intro = QLabel()
        self.mapping_intro.setWordWrap(True)
        self.mapping_table = QTableWidget(0, 4)
        self.mapping_table.setHorizontalHeaderLabels(
            ["Column", "In file", "Example values", "Read as"]
        )
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.mapping_table.setColumnWidth(0, 240)
        self.mapping_table.setColumnWidth(3, 280)
        layout = QVBoxLayout(page)
        layout.addWidget(self.mapping_intro)
        layout.addWidget(self.mapping_table, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.show_combo = QComboBox()
        self.show_combo.setAccessibleName("Show rows")
        for text, mode in (
            ("All rows", "all"),
            ("Problems and warnings", "problems"),
            ("New items only", "new"),
        ):
            self.show_combo.addItem(text, mode)
        self.show_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_mode(self.show_combo.currentData())
        )
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.show_combo)
        self.preview_model = PreviewModel(self)
        self.proxy = _ProblemsProxy(self)
        self.proxy.setSourceModel(self.preview_model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("What will be imported")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_selected)
        self.row_detail = QLabel()
        self.row_detail.setWordWrap(True)
        self.row_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems with whole files")
        self.problems.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.problems)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.row_detail)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_text)
        layout.addStretch(1)
        return page

    # --- navigation ------------------------------------------------------------------------

    STEPS = (
        "1. Choose the files",
        "2. Say what the columns hold",
        "3. Check what will be imported",
        "Done",
    )

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.step.setText(self.STEPS[page])
        plan = self.plan
        has_columns = bool(plan and any(pf.columns for pf in plan.files))
        self.back_button.setVisible(page in (PAGE_MAPPING, PAGE_PREVIEW))
        self.columns_button.setVisible(page == PAGE_PREVIEW and has_columns)
        self.check_button.setVisible(page in (PAGE_FILES, PAGE_MAPPING))
        self.check_button.setText("Check files" if page == PAGE_FILES else "Check again")
        self.check_button.setEnabled(self.file_list.count() > 0 and not self.busy)
        self.import_button.setVisible(page == PAGE_PREVIEW)
        ready = bool(plan and not plan.errors and plan.new_count and not self.busy)
        self.import_button.setEnabled(ready)
        if plan is not None:
            n = plan.new_count
            self.import_button.setText(f"Import {n} item{'s' if n != 1 else ''}")
        self.close_button.setText("Close" if page == PAGE_DONE else "Cancel")
        if page == PAGE_MAPPING:
            self.mapping_seen = True

    def _back(self) -> None:
        current = self.pages.currentIndex()
        if current == PAGE_PREVIEW and self.plan and any(pf.columns for pf in self.plan.files):
            self._show(PAGE_MAPPING if self.mapping_seen else PAGE_FILES)
        else:
            self._show(PAGE_FILES)

    def reject(self) -> None:
        """Not while checking or importing: the progress bar's Cancel stops that safely."""
        if self.busy:
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    # --- files -----------------------------------------------------------------------------

    def paths(self) -> list[Path]:
        return [Path(self.file_list.item(i).text()) for i in range(self.file_list.count())]

    def add_file(self, path: Path) -> None:
        if str(path) not in {str(p) for p in self.paths()}:
            self.file_list.addItem(str(path))
        self.plan = None
        self._show(self.pages.currentIndex())

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Feedback files", "", FILE_FILTER)
        for name in names:
            self.add_file(Path(name))

    def _remove_selected(self) -> None:
        for item in self.file_list.selectedItems():
            self.file_list.takeItem(self.file_list.row(item))
        self.plan = None
        self._show(PAGE_FILES)

    # --- checking --------------------------------------------------------------------------

    def options(self) -> ImportOptions:
        return ImportOptions(
            mapping=dict(self.mapping),
            date_format=self.date_format.text().strip() or None,
            create_missing_skills=self.create_skills.isChecked(),
        )

    def check(self) -> None:
        """Read and check every file in the background (nothing is written)."""
        if self.pages.currentIndex() == PAGE_MAPPING:
            self.mapping = self._mapping_from_table()
        paths, options, db = self.paths(), self.options(), self.db
        if not paths:
            return

        def work(progress):
            sources = load_sources(paths, options.max_bytes)
            with db.session() as session:
                return plan_sources(session, sources, options, progress)

        self._set_busy(True)
        run_in_background(
            self,
            work,
            on_success=self._checked,
            on_failure=self._failed,
            progress_label="Checking the feedback files…",
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._show(self.pages.currentIndex())

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_error(self, exc, "Import mentor feedback")

    def _checked(self, plan: ImportPlan) -> None:
        self.busy = False
        self.plan = plan
        self._fill_mapping(plan)
        self._fill_preview(plan)
        unclear = any(not c.recognised for pf in plan.files for c in pf.columns)
        missing = any("--map" in e.message for e in plan.errors)
        if (unclear or missing) and not self.mapping_seen:
            self._show(PAGE_MAPPING)
        else:
            self._show(PAGE_PREVIEW)

    # --- mapping ---------------------------------------------------------------------------

    def _skill_choices(self) -> list[tuple[str, str]]:
        with self.db.session() as s:
            skills = [(k.code, k.name) for k in list_skills(s, include_archived=False)]
        return [(f"Rating of {c} {n}", f"rating:{c}") for c, n in skills] + [
            (f"Comment on {c} {n}", f"comment:{c}") for c, n in skills
        ]

    def _fill_mapping(self, plan: ImportPlan) -> None:
        rows = [(pf.name, c) for pf in plan.files for c in pf.columns]
        rows.sort(key=lambda r: r[1].recognised)  # the unclear ones first
        unclear = sum(1 for _, c in rows if not c.recognised)
        self.mapping_intro.setText(
            (
                f"{unclear} column{'s were' if unclear != 1 else ' was'} not recognised. "
                if unclear
                else "Every column was recognised. "
            )
            + "Check what each column holds; change “Read as” where it is wrong, then check "
            "again. Unrecognised columns are ignored unless you say what they hold."
        )
        skills = self._skill_choices()
        table = self.mapping_table
        table.setRowCount(len(rows))
        warn = tone_background(Tone.WARN, self.palette())
        for r, (file_name, column) in enumerate(rows):
            name = QTableWidgetItem(column.header)
            name.setToolTip(column.header)
            if not column.recognised and warn is not None:
                name.setBackground(warn)
                name.setText("⚠ " + column.header)
            table.setItem(r, 0, name)
            table.setItem(r, 1, QTableWidgetItem(file_name))
            examples = QTableWidgetItem(" · ".join(" ".join(v.split()) for v in column.samples))
            examples.setToolTip("\n".join(column.samples))
            table.setItem(r, 2, examples)
            combo = QComboBox()
            combo.setAccessibleName(f"Read {column.header} as")
            combo.addItem(f"As detected: {describe_role(column.role)}", None)
            for text, role in FIELD_CHOICES:
                combo.addItem(text, role)
            combo.insertSeparator(combo.count())
            for text, role in skills:
                combo.addItem(text, role)
            chosen = self.mapping.get(column.header)
            if chosen is not None:
                at = combo.findData(chosen)
                combo.setCurrentIndex(max(at, 0))
            combo.setProperty("header", column.header)
            table.setCellWidget(r, 3, combo)
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)

    def _mapping_from_table(self) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for r in range(self.mapping_table.rowCount()):
            combo = self.mapping_table.cellWidget(r, 3)
            if isinstance(combo, QComboBox) and combo.currentData() is not None:
                mapping[combo.property("header")] = combo.currentData()
        return mapping

    # --- preview ---------------------------------------------------------------------------

    def _fill_preview(self, plan: ImportPlan) -> None:
        self.preview_model.set_rows(plan.rows)
        self._size_preview_columns()
        files = len(plan.files)
        parts = [f"<b>{plan.new_count}</b> new item{'s' if plan.new_count != 1 else ''}"]
        if plan.duplicates:
            parts.append(f"{plan.duplicates} already in the journal (skipped)")
        skipped = sum(1 for r in plan.rows if r.status == "skipped")
        if skipped:
            parts.append(f"{skipped} blank (skipped)")
        if plan.new_skills:
            names = ", ".join(f"{s.code} {s.name}" for s in plan.new_skills)
            parts.append(f"new skills: {names}")
        text = f"From {files} file{'s' if files != 1 else ''}: " + " · ".join(parts) + "."
        if plan.errors:
            n = len(plan.errors)
            text += (
                f"<br><b>{n} problem{'s' if n != 1 else ''} to fix first</b> — nothing is "
                "imported while any file has a problem."
            )
        elif plan.warnings:
            n = len(plan.warnings)
            text += f"<br>{n} warning{'s' if n != 1 else ''} (below): the import can go ahead."
        self.summary.setText(text)
        self.problems.clear()
        row_lines = {(r.file, r.line) for r in plan.rows if r.status == "error"}
        for p in plan.errors:
            if (p.file, p.line) not in row_lines:
                self.problems.addItem(f"✗ {p}")
        for w in plan.warnings:
            self.problems.addItem(f"⚠ {w}")
        self.problems.setVisible(self.problems.count() > 0)
        line = self.problems.fontMetrics().height() + 4
        self.problems.setMaximumHeight(min(self.problems.count(), 6) * line + 10)
        wanted = "problems" if plan.errors else "all"
        self.show_combo.setCurrentIndex(self.show_combo.findData(wanted))
        self.proxy.set_mode(wanted)
        self.row_detail.clear()
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _size_preview_columns(self) -> None:
        """Widths from the font and a few strings, not from measuring every row (slow at
        10,000); the comment takes the rest."""
        fm = self.table.fontMetrics()
        pad = 18
        plan = self.plan
        noisy = bool(plan and any(r.messages or r.warnings for r in plan.rows))
        names = [pf.name for pf in plan.files] if plan else []
        widths = {
            P_STATUS: fm.horizontalAdvance("M") * (24 if noisy else 11),
            1: min(max([fm.horizontalAdvance(n) for n in names] + [60]), 200) + pad,
            2: fm.horizontalAdvance("Line") + pad,
            3: fm.horizontalAdvance("0000-00-00") + pad,
            4: fm.horizontalAdvance("M") * 8,
            5: fm.horizontalAdvance("M") * 14,
            6: fm.horizontalAdvance("Rating") + pad,
        }
        for col, width in widths.items():
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + 8)

    def _row_selected(self, current, _previous) -> None:
        if not current.isValid():
            self.row_detail.clear()
            return
        source = self.proxy.mapToSource(current)
        row = self.preview_model.rows[source.row()]
        notes = [f"✗ {m}" for m in row.messages] + [f"⚠ {w}" for w in row.warnings]
        where = f"{row.file}, line {row.line}" if row.line is not None else row.file
        if not notes:
            notes = [self.preview_model.status_text(row)]
            if row.comment:
                notes.append(one_line(row.comment, 300))
        self.row_detail.setText(f"{where}: " + " — ".join(notes))

    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in range(self.preview_model.rowCount()):
            status = self.preview_model.index(r, 0).data(STATUS_ROLE)
            counts[status] = counts.get(status, 0) + 1
        return counts

    # --- importing -------------------------------------------------------------------------

    def confirm_import(self) -> None:
        plan = self.plan
        if plan is None or plan.errors or not plan.new_count:
            return
        n = plan.new_count
        dups = (
            f" {plan.duplicates} already in the journal will be skipped." if plan.duplicates else ""
        )
        answer = QMessageBox.question(
            self,
            "Import mentor feedback",
            f"Import {n} feedback item{'s' if n != 1 else ''}?{dups}\n\n"
            "A backup of the journal is taken first.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.run_import()

    def run_import(self) -> None:
        plan, db = self.plan, self.db
        if plan is None:
            return
        self._set_busy(True)
        run_in_background(
            self,
            lambda progress: apply_import(db, plan, progress=progress),
            on_success=self._imported,
            on_failure=self._failed,
            progress_label="Importing mentor feedback…",
            writes=True,
        )

    def _imported(self, result: ImportResult) -> None:
        self.busy = False
        self.result = result
        n, d = result.imported, result.duplicates
        lines = [f"<p><b>Imported {n} feedback item{'s' if n != 1 else ''}.</b></p>"]
        if d:
            lines.append(
                f"<p>{d} item{'s were' if d != 1 else ' was'} already in the journal "
                "and skipped.</p>"
            )
        if result.new_skills:
            lines.append(
                "<p>Added to the “Imported” area: " + ", ".join(result.new_skills) + ".</p>"
            )
        if result.backup:
            lines.append(f"<p>A backup was taken first: {result.backup}</p>")
        lines.append(
            "<p>Low ratings and critical comments wait in <b>Feedback › Feedback inbox</b> "
            "until you write a reflection that responds to them.</p>"
        )
        self.done_text.setText("".join(lines))
        self._show(PAGE_DONE)
        self.imported.emit(result)


def is_feedback_file(path: Path) -> bool:
    """Worth offering to the importer when dropped (a file with a feedback file's suffix)."""
    return path.is_file() and path.suffix.lower() in FEEDBACK_SUFFIXES
