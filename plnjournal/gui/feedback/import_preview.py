"""The feedback import's preview page: every row of a checked plan with its problems in place,
a summary above, problems with whole files below, and the selected row's detail.

It only shows a plan the dialog has already made (``core.feedback.importer.ImportPlan``); it
reads no file and no database.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
from plnjournal.core.feedback.dates import ASK_ORDER
from plnjournal.core.feedback.importer import ImportPlan
from plnjournal.gui.feedback.models import (
    P_DATE,
    P_MENTOR,
    P_RATING,
    P_SKILL,
    P_STATUS,
    P_WHERE,
    STATUS_ROLE,
    PreviewModel,
    one_line,
    problem_words,
    refilter,
    where_words,
    window_words,
)

AnyIndex = QModelIndex | QPersistentModelIndex


def _fit(fm: QFontMetrics, texts: set[str], least: int, most: int) -> int:
    """The width of the widest of ``texts`` (up to 200 of them), between ``least`` and
    ``most``."""
    widest = max((fm.horizontalAdvance(t) for t in list(texts)[:200]), default=0)
    return max(least, min(widest, most))


class ProblemsProxy(QSortFilterProxyModel):
    """Show all rows, only those with problems or warnings, or only the new items."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = "all"

    def set_mode(self, mode: str) -> None:
        """Filter by ``mode``: "all", "problems" or "new"."""
        refilter(self, lambda: setattr(self, "mode", mode))

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:
        """Whether the row belongs to the chosen mode."""
        if self.mode == "all":
            return True
        model = self.sourceModel()
        assert isinstance(model, PreviewModel)
        preview = model.rows[row]
        if self.mode == "problems":
            return preview.status == "error" or bool(preview.warnings)
        return preview.status == "new"


class PreviewPage(QWidget):
    """Step 3 of the import: what will be imported, row by row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self.model = PreviewModel(self)
        self.proxy = ProblemsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # Our own markup around counts; the skill names in it (from the files) are escaped.
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
        self.row_detail.setTextFormat(Qt.TextFormat.PlainText)  # file text is never HTML
        self.row_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems with whole files")
        self.problems.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.problems)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.row_detail)

    def fill(self, plan: ImportPlan) -> None:
        """Show ``plan``: its rows, a summary, and the problems no row shows."""
        self.plan = plan
        self.model.several_files = len(plan.files) > 1
        self.model.set_rows(plan.rows)
        self._size_columns(plan)
        files = len(plan.files)
        parts = [f"<b>{plan.new_count}</b> new item{'s' if plan.new_count != 1 else ''}"]
        if plan.duplicates:
            parts.append(f"{plan.duplicates} already in the journal (skipped)")
        skipped = sum(1 for r in plan.rows if r.status == "skipped")
        if skipped:
            parts.append(f"{skipped} blank (skipped)")
        if plan.new_skills:
            names = escape(", ".join(f"{s.code} {s.name}" for s in plan.new_skills))
            parts.append(f"new skills: {names}")
        text = f"From {files} file{'s' if files != 1 else ''}: " + " · ".join(parts) + "."
        if plan.errors:
            n = len(plan.errors)
            text += (
                f"<br><b>{n} problem{'s' if n != 1 else ''} to fix first</b> — nothing is "
                "imported while any file has a problem."
            )
            if any(ASK_ORDER in e.message for e in plan.errors):
                text += (
                    "<br>Some dates could be read two ways: go <b>Back</b> and say how the "
                    "dates look (day first or month first)."
                )
        elif plan.warnings:
            n = len(plan.warnings)
            text += f"<br>{n} warning{'s' if n != 1 else ''} (below): the import can go ahead."
        if not plan.errors and plan.new_count:
            text += "<br>Nothing is written until you press Import; a backup is made first."
        self.summary.setText(text)
        self.problems.clear()
        row_lines = {(r.file, r.line) for r in plan.rows if r.status == "error"}
        for p in plan.errors:
            if (p.file, p.line) not in row_lines:
                self.problems.addItem(f"✗ {problem_words(p.file, p.line, p.column, p.message)}")
        for w in plan.warnings:
            self.problems.addItem(f"⚠ {problem_words(w.file, w.line, w.column, w.message)}")
        self.problems.setVisible(self.problems.count() > 0)
        line = self.problems.fontMetrics().height() + 4
        self.problems.setMaximumHeight(min(self.problems.count(), 6) * line + 10)
        wanted = "problems" if plan.errors else "all"
        self.show_combo.setCurrentIndex(self.show_combo.findData(wanted))
        self.proxy.set_mode(wanted)
        self.row_detail.clear()
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def showEvent(self, event: QShowEvent) -> None:
        """QWidget.showEvent: the columns are fitted again to the width the page has now (a
        page of the dialog's stack has none of its own while hidden)."""
        super().showEvent(event)
        if self.plan is not None:
            self._size_columns(self.plan)

    def _size_columns(self, plan: ImportPlan) -> None:
        """Widths from the font and a few strings, not from measuring every row (slow at
        10,000); the comment (``P_COMMENT``, last) takes the rest."""
        fm = self.table.fontMetrics()
        pad = 18
        noisy = any(r.messages or r.warnings for r in plan.rows)
        names = [pf.name for pf in plan.files]
        where = fm.horizontalAdvance("row 0000") + pad
        if len(names) > 1:
            where += min(max(fm.horizontalAdvance(n + ", ") for n in names), 200)
        em = fm.horizontalAdvance("M")
        # Skills and mentors are few whatever the rows: measured whole, up to a share of the
        # width, so names are not cut where there is room (the comment takes the rest).
        room = max(self.table.viewport().width(), self.width(), 900)
        notes = [self.model.status_text(r) for r in plan.rows if r.messages or r.warnings]
        dates = {r.date for r in plan.rows[:200]}
        widths = {
            P_STATUS: _fit(fm, set(notes[:200]), em * (24 if noisy else 11), room // 3) + pad,
            P_WHERE: where,
            P_DATE: _fit(fm, dates, fm.horizontalAdvance("0000-00-00"), 12 * em) + pad,
            P_MENTOR: _fit(fm, {r.mentor for r in plan.rows}, 6 * em, room // 7) + pad,
            P_SKILL: _fit(fm, {r.skill for r in plan.rows}, 10 * em, room // 4) + pad,
            P_RATING: fm.horizontalAdvance("Rating") + pad,
        }
        for col, width in widths.items():
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + 8)

    def _row_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.row_detail.clear()
            return
        source = self.proxy.mapToSource(current)
        row = self.model.rows[source.row()]
        notes = [f"✗ {window_words(m)}" for m in row.messages]
        notes += [f"⚠ {window_words(w)}" for w in row.warnings]
        where = where_words(row.file, row.line)
        if not notes:
            notes = [self.model.status_text(row)]
            if row.comment:
                notes.append(one_line(row.comment, 300))
        self.row_detail.setText(f"{where}: " + " — ".join(notes))

    def status_counts(self) -> dict[str, int]:
        """How many rows have each status (what the summary's numbers are made of)."""
        counts: dict[str, int] = {}
        for r in range(self.model.rowCount()):
            status = self.model.index(r, 0).data(STATUS_ROLE)
            counts[status] = counts.get(status, 0) + 1
        return counts
