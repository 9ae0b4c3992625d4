"""The skills matrix window: filters, the grouped table, a legend; double-click for history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.insights.avoidance import SkillScore, avoidance_scores, quiet_text
from plnjournal.core.skills.matrix import SkillMatrix, skill_matrix
from plnjournal.core.words import plural
from plnjournal.gui.icons import set_icon
from plnjournal.gui.plain import html_label, plain_label
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.skills import matrix_model as mm
from plnjournal.gui.tasks import ProgressFn, run_in_background
from plnjournal.gui.theme import make_primary
from plnjournal.gui.tones import BLUE, SKY, is_dark, tone_background, tone_strong, tone_text
from plnjournal.storage.db import Database
from plnjournal.values import Band


def attention_of(scores: Sequence[SkillScore]) -> dict[int, mm.Attention]:
    """Each scored skill's band, score and rank (scores come highest first)."""
    return {
        s.skill_id: mm.Attention(
            s.score, s.band, rank, s.reasons[0] if s.reasons else quiet_text(s)
        )
        for rank, s in enumerate(scores, start=1)
    }


class MatrixDelegate(QStyledItemDelegate):
    """Paints tone tints, the area group headings and separators, and the trend sparkline."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Qt delegate API."""
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        tone = mm.Tone(index.data(mm.TONE_ROLE) or 0)
        # "Watch" is a bar without a fill: only "act now" fills the attention column, so a
        # matrix where most skills need watching is not a wall of colour.
        filled = not (index.column() == mm.ATTENTION and tone == mm.Tone.WARN)
        bg = tone_background(tone, palette) if filled else None
        if bg is not None and not selected:
            painter.fillRect(option.rect, bg)
            option = QStyleOptionViewItem(option)
            # The text colour the tint was measured with (core/palette.py).
            option.palette.setColor(QPalette.ColorRole.Text, tone_text(palette))
        first_in_group = self._first_in_group(index)
        if index.column() == mm.AREA:
            if first_in_group:
                opt = QStyleOptionViewItem(option)
                self.initStyleOption(opt, index)
                opt.font.setBold(True)
                opt.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                style = opt.widget.style() if opt.widget else None
                if style is not None:
                    style.drawControl(
                        QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget
                    )
            elif selected:
                painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
        elif index.column() == mm.TREND:
            super().paint(painter, option, index)
            self._paint_trend(painter, option, index)
        elif index.column() == mm.ATTENTION:
            super().paint(painter, option, index)
            self._paint_score(painter, option, index, tone)
        else:
            super().paint(painter, option, index)
        if first_in_group and index.row() > 0:
            painter.save()
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.drawLine(option.rect.topLeft(), option.rect.topRight())
            painter.restore()

    @staticmethod
    def _first_in_group(index: QModelIndex | QPersistentModelIndex) -> bool:
        model = index.model()
        if index.row() == 0:
            return True
        if not getattr(model, "grouped", True):
            return False
        above = model.index(index.row() - 1, index.column())
        return bool(above.data(mm.GROUP_ROLE) != index.data(mm.GROUP_ROLE))

    @staticmethod
    def _paint_score(
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        tone: mm.Tone,
    ) -> None:
        """The avoidance score as a bar along the cell's foot: its visual weight."""
        score = index.data(mm.SCORE_ROLE)
        if score is None:
            return
        colour = tone_strong(tone, option.palette) or option.palette.color(
            QPalette.ColorRole.PlaceholderText
        )
        rect = QRectF(option.rect).adjusted(6, 0, -6, -3)
        bar = QRectF(rect.left(), rect.bottom() - 4, rect.width() * min(100, score) / 100, 4)
        painter.save()
        painter.fillRect(bar, colour)
        painter.restore()

    def _paint_trend(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        levels: list[int | None] = index.data(mm.TREND_ROLE) or []
        known = [lv for lv in levels if lv is not None]
        if not known:
            return
        source = index.model()
        while hasattr(source, "sourceModel"):
            source = source.sourceModel()
        matrix = getattr(source, "matrix", None)
        lo, hi = (matrix.scale_min, matrix.scale_max) if matrix else (1, 5)
        rect = QRectF(option.rect).adjusted(6, 5, -34, -5)
        step = rect.width() / max(1, len(levels) - 1)

        def point(i: int, lv: int) -> QPointF:
            y = rect.bottom() - (lv - lo) / max(1, hi - lo) * rect.height()
            return QPointF(rect.left() + i * step, y)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = SKY if is_dark(option.palette) else BLUE
        painter.setPen(
            QPen(option.palette.color(QPalette.ColorRole.Midlight), 1, Qt.PenStyle.DotLine)
        )
        painter.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()))
        path = QPainterPath()
        started = False
        for i, lv in enumerate(levels):
            if lv is None:
                started = False
                continue
            p = point(i, lv)
            if started:
                path.lineTo(p)
            else:
                path.moveTo(p)
                started = True
        painter.setPen(QPen(colour, 1.6))
        painter.drawPath(path)
        last = max(i for i, lv in enumerate(levels) if lv is not None)
        painter.setBrush(colour)
        painter.drawEllipse(point(last, levels[last]), 2.4, 2.4)  # type: ignore[arg-type]
        painter.restore()

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Qt delegate API: the trend's number sits right, beside its sparkline; the most
        avoided skill's band is in bold."""
        super().initStyleOption(option, index)
        if index.column() == mm.ATTENTION and index.data(mm.TOP_ROLE):
            option.font.setBold(True)
        if index.column() == mm.TREND:
            option.displayAlignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class SkillMatrixView(QWidget):
    """The matrix with its filters; computes in the background and refreshes on changes."""

    skill_activated = Signal(int)  # a skill id (double-click or Enter)
    self_assess_requested = Signal()  # the new journal's "Rate yourself…"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Skills matrix — PLN Journal")
        self.model = mm.SkillMatrixModel(self)
        self.proxy = mm.SkillMatrixProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(placeholderText="Filter by code, name or area  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter skills")
        self.search.textChanged.connect(self.proxy.set_text)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.search.setFocus)
        self.area = QComboBox()
        self.area.setAccessibleName("Area")
        self.area.currentIndexChanged.connect(
            lambda _: self.proxy.set_area(self.area.currentData() or "")
        )
        self.quick = QComboBox()
        self.quick.setAccessibleName("Show")
        for key, label in mm.QUICK_FILTER_LABELS.items():
            self.quick.addItem(label, int(key))
        self.quick.currentIndexChanged.connect(
            lambda _: self.proxy.set_quick_filter(self.quick.currentData())
        )
        self.archived = QCheckBox("Show archived")
        self.archived.toggled.connect(self.proxy.set_show_archived)
        self.grouped = QCheckBox("Group by area")
        self.grouped.setChecked(True)
        self.grouped.toggled.connect(self._set_grouped)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(MatrixDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(mm.AREA, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.table.setAccessibleName("Skills matrix")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(mm.SKILL, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # The columns follow the room the table has (``fit_columns``).
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)

        self.status = plain_label()  # the framework's name
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_button = QPushButton("History…")
        self.history_button.setToolTip("Ratings over time, linked reflections, mentor comments")
        self.history_button.clicked.connect(self._open_selected)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel("Area:"))
        filters.addWidget(self.area, 1)
        filters.addWidget(QLabel("Show:"))
        filters.addWidget(self.quick, 1)
        filters.addWidget(self.grouped)
        filters.addWidget(self.archived)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.history_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self._build_intro())
        layout.addWidget(self.table, 1)
        layout.addLayout(status_row)
        layout.addWidget(self._legend())
        self.proxy.modelReset.connect(self._update_status)
        self.proxy.layoutChanged.connect(self._update_status)
        self.proxy.rowsInserted.connect(self._update_status)
        self.proxy.rowsRemoved.connect(self._update_status)
        remember_geometry(self, "skills_matrix", (1100, 720))
        # Until the first matrix is in (``refresh``).
        self.status.setText("Loading the skills matrix…")
        self.table.setEnabled(False)
        self.history_button.setEnabled(False)

    def _build_intro(self) -> QWidget:
        """Said while the journal has neither reflections nor ratings: what the matrix will
        show, and the one action that starts filling it."""
        self.intro = QWidget()
        text = QLabel(
            "Each row is a skill of your framework: the level you aim for, where you and your "
            "mentors rate you, and when you last wrote about it. It fills in as you rate "
            "yourself and write reflections; nothing is overdue yet."
        )
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        self.intro_button = QPushButton("Rate yourself…")
        make_primary(self.intro_button)
        self.intro_button.clicked.connect(self.self_assess_requested)
        picture = QLabel()
        set_icon(picture, "matrix", text.fontMetrics().height() * 2)
        row = QHBoxLayout(self.intro)
        row.setContentsMargins(0, 8, 0, 8)
        row.setSpacing(16)
        row.addWidget(picture)
        row.addWidget(text, 1)
        row.addWidget(self.intro_button)
        self.intro.setAccessibleName("About the skills matrix")
        self.intro.hide()
        return self.intro

    def _legend(self) -> QLabel:
        chips = []
        for tone, words in (
            (mm.Tone.BAD, f"{mm.BAND_TEXT[Band.ACT_NOW]} · ⚠ blind spot"),
            (mm.Tone.WARN, mm.BAND_TEXT[Band.WATCH]),
            (mm.Tone.GOOD, "✓ target reached"),
            (mm.Tone.INFO, "✧ hidden strength: you rate yourself lower than your mentors"),
        ):
            bg = tone_background(tone, self.palette())
            colour = bg.name() if bg is not None else "transparent"
            text = tone_text(self.palette()).name()
            chips.append(
                f'<span style="background-color:{colour}; color:{text}">&nbsp;{words}&nbsp;</span>'
            )
        label = html_label("&nbsp;&nbsp;".join(chips) + "&nbsp;&nbsp; ! past its cadence")
        label.setWordWrap(True)
        label.setToolTip(
            "Attention is the avoidance band (Insights → What I keep avoiding); hover over any "
            "cell to see how its number was worked out."
        )
        return label

    # --- columns -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fit the columns when the table's viewport changes width."""
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """Every column after the name as wide as its widest cell; the name gets the room it
        needs before the area does (the area's name elides first, with a tooltip); only
        when even that is not enough does a name elide."""
        fm = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        fmb = QFontMetrics(bold)
        header_fm = self.table.horizontalHeader().fontMetrics()
        pad = 12  # the item's text margins and a little air
        rows = range(self.model.rowCount())
        top = next((r for r in rows if self.model.index(r, mm.SKILL).data(mm.TOP_ROLE)), None)
        rest = 0
        for col in range(mm.ATTENTION, len(mm.HEADERS)):
            cells = [fm.horizontalAdvance(str(self.model.index(r, col).data())) for r in rows]
            if col == mm.ATTENTION and top is not None:  # the top skill's band is bold
                cells.append(fmb.horizontalAdvance(str(self.model.index(top, col).data())))
            head = max(header_fm.horizontalAdvance(line) for line in mm.HEADERS[col].split("\n"))
            width = max([head + 4, *cells]) + pad
            if col == mm.TREND:
                width += 44  # the sparkline beside the number
            self.table.setColumnWidth(col, width)
            rest += width
        names = [fm.horizontalAdvance(str(self.model.index(r, mm.SKILL).data())) for r in rows]
        areas = [fmb.horizontalAdvance(str(self.model.index(r, mm.AREA).data())) for r in rows]
        skill_need = max(names, default=200) + pad + 2
        area_need = max(areas, default=60) + pad
        area_least = min(area_need, fmb.horizontalAdvance("Planning…") + pad)
        room = self.table.viewport().width() - rest
        self.table.setColumnWidth(mm.AREA, max(area_least, min(area_need, room - skill_need)))

    def _set_grouped(self, grouped: bool) -> None:
        self.proxy.set_grouped(grouped)
        self.table.viewport().update()

    # --- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute the matrix off the GUI thread; the table follows when it is in."""
        db = self.db

        def compute(
            progress: ProgressFn | None = None,
        ) -> tuple[SkillMatrix, dict[int, mm.Attention]]:
            with db.session() as session:
                matrix = skill_matrix(session)
                scores = avoidance_scores(session, matrix.as_of)
            return matrix, attention_of(scores)

        run_in_background(self, compute, on_success=lambda r: self.set_matrix(*r))

    def set_matrix(
        self, matrix: SkillMatrix, attention: Mapping[int, mm.Attention] | None = None
    ) -> None:
        """Show a computed matrix, keeping the selection and the chosen area."""
        selected = self.selected_skill_id()
        self.model.set_matrix(matrix, attention)
        self.table.setEnabled(True)
        self.history_button.setEnabled(True)
        self.fit_columns()
        current = self.area.currentData()
        self.area.blockSignals(True)
        self.area.clear()
        self.area.addItem("All areas", "")
        for area in dict.fromkeys(r.area for r in matrix.rows):
            self.area.addItem(area, area)
        i = self.area.findData(current or "")
        self.area.setCurrentIndex(max(0, i))
        self.area.blockSignals(False)
        self.proxy.set_area(self.area.currentData() or "")
        if selected is not None:
            self.select_skill(selected)

    def selected_skill_id(self) -> int | None:
        """The selected skill's id, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(mm.SKILL_ID_ROLE) if rows else None

    def select_skill(self, skill_id: int) -> None:
        """Select a skill's row if the filters show it."""
        row = self.model.row_of_skill(skill_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, mm.SKILL))
            if index.isValid():
                self.table.selectRow(index.row())
                self.table.scrollTo(index)

    def _update_status(self) -> None:
        m = self.model.matrix
        if m is None or not m.rows:
            self.status.setText(
                "The journal has no skills framework yet: Skills → Choose or import a framework."
            )
            return
        active = [r for r in m.rows if not r.archived]
        behind = sum(1 for r in active if (r.gap_to_target or 0) > 0)
        blind = sum(1 for r in active if m.is_blind_spot(r))
        never = sum(1 for r in active if r.last_reflected is None and not m.not_yet_due(r))
        rated = any(r.latest_self or r.latest_mentor for r in m.rows)
        self.intro.setVisible(m.first_entry is None and not rated)
        bands = [a.band for r in active if (a := self.model.attention(r.skill_id))]
        act, watch = bands.count(Band.ACT_NOW), bands.count(Band.WATCH)
        shown = self.proxy.rowCount()
        count = (
            plural(len(m.rows), "skill")
            if shown == len(m.rows)
            else (f"showing {shown} of {len(m.rows)} skills")
        )
        self.status.setText(
            f"{m.framework}: {count} · {act} to act on now, {watch} to watch · {behind} behind target · "
            f"{plural(blind, 'blind spot')} · {never} never reflected on · "
            f"as of {m.as_of.day} {m.as_of:%b %Y}"
        )

    def _activated(self, index: QModelIndex) -> None:
        skill_id = index.data(mm.SKILL_ID_ROLE)
        if skill_id is not None:
            self.skill_activated.emit(skill_id)

    def _open_selected(self) -> None:
        skill_id = self.selected_skill_id()
        if skill_id is not None:
            self.skill_activated.emit(skill_id)
