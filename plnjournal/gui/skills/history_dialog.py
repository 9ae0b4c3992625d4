"""A skill's history: ratings over time (chart and list), linked reflections, mentor comments.

Mentor comments and reflections are untrusted Markdown: rendered through
``core.render.markdown_to_html`` (sanitized), links opened only on an explicit click.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
from plnjournal.core.render import markdown_to_html
from plnjournal.core.skills.history import HistoryRating, SkillHistory, skill_history
from plnjournal.core.skills.lookup import active_framework
from plnjournal.gui.plain import close_browser, open_safe_link
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.tasks import run_in_background, show_error
from plnjournal.gui.tones import series_colors
from plnjournal.storage.db import Database
from plnjournal.values import RatingOrigin, RatingSource

ORIGIN = {
    RatingOrigin.ENTRY: "with a reflection",
    RatingOrigin.SELF_ASSESSMENT: "self-assessment",
    RatingOrigin.FEEDBACK: "mentor feedback",
    RatingOrigin.IMPORT: "imported",
}


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


class RatingChart(QWidget):
    """Self (circles, solid) and mentor (squares, dashed) ratings over time, target dashed.

    Shapes and line styles differ as well as colours, so the series read without colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ratings: list[HistoryRating] = []
        self.scale: list[tuple[int, str]] = []
        self.target: int | None = None
        self.setMinimumHeight(200)
        self.setAccessibleName("Ratings over time")

    def set_data(
        self, ratings: list[HistoryRating], scale: list[tuple[int, str]], target: int
    ) -> None:
        """Show these ratings; screen readers get the latest twenty as text."""
        self.ratings, self.scale, self.target = ratings, scale, target
        self.setAccessibleDescription(
            "; ".join(f"{_day(r.on)} {r.source.value} {r.level}" for r in ratings[-20:])
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the ratings over time against the scale and the target."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        fm = self.fontMetrics()
        if not self.scale:
            return
        lo, hi = self.scale[0][0], self.scale[-1][0]
        label_w = max(fm.horizontalAdvance(f"{lv} {lb}") for lv, lb in self.scale) + 12
        area = QRectF(self.rect()).adjusted(label_w + 6, fm.height(), -18, -(2 * fm.height() + 28))
        if not self.ratings:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No ratings yet.")
            return
        first, last = self.ratings[0].on, max(self.ratings[-1].on, dt.date.today())
        span = max(1, (last - first).days)

        def y(level: float) -> float:
            return area.bottom() - (level - lo) / max(1, hi - lo) * area.height()

        def x(d: dt.date) -> float:
            return area.left() + (d - first).days / span * area.width()

        grid = pal.color(QPalette.ColorRole.Mid)
        for lv, lb in self.scale:
            p.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(area.left(), y(lv)), QPointF(area.right(), y(lv)))
            p.setPen(text)
            p.drawText(
                QRectF(0, y(lv) - fm.height() / 2, label_w - 8, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{lv} {lb}",
            )
        top = area.bottom() + fm.height() / 2 + 6
        for d, align in (
            (first, Qt.AlignmentFlag.AlignLeft),
            (first + (last - first) / 2, Qt.AlignmentFlag.AlignHCenter),
            (last, Qt.AlignmentFlag.AlignRight),
        ):
            left = {Qt.AlignmentFlag.AlignLeft: x(d), Qt.AlignmentFlag.AlignRight: x(d) - 140}
            p.drawText(
                QRectF(left.get(align, x(d) - 70), top, 140, fm.height()),
                align | Qt.AlignmentFlag.AlignTop,
                _day(d),
            )
        if self.target is not None:
            p.setPen(QPen(text, 1.2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(area.left(), y(self.target)), QPointF(area.right(), y(self.target)))
            p.drawText(
                QPointF(area.right() - fm.horizontalAdvance("target"), y(self.target) - 4), "target"
            )
        self_c, mentor_c = series_colors(pal)
        for source, colour, style in (
            (RatingSource.SELF, self_c, Qt.PenStyle.SolidLine),
            (RatingSource.MENTOR, mentor_c, Qt.PenStyle.DashLine),
        ):
            pts = [QPointF(x(r.on), y(r.level)) for r in self.ratings if r.source == source]
            p.setPen(QPen(colour, 1.6, style))
            for a, b in zip(pts, pts[1:], strict=False):
                p.drawLine(a, b)
            p.setPen(QPen(colour, 1.4))
            p.setBrush(colour)
            for pt in pts:
                if source == RatingSource.SELF:
                    p.drawEllipse(pt, 3.5, 3.5)
                else:
                    p.drawRect(QRectF(pt.x() - 3.5, pt.y() - 3.5, 7, 7))
        legend_y = self.height() - fm.height() - 4
        lx = area.left()
        for label, colour, square in (("self", self_c, False), ("mentor", mentor_c, True)):
            p.setPen(QPen(colour, 1.4))
            p.setBrush(colour)
            c = QPointF(lx + 5, legend_y + fm.height() / 2)
            if square:
                p.drawRect(QRectF(c.x() - 3.5, c.y() - 3.5, 7, 7))
            else:
                p.drawEllipse(c, 3.5, 3.5)
            p.setPen(text)
            p.drawText(QPointF(lx + 14, legend_y + fm.ascent()), label)
            lx += 24 + fm.horizontalAdvance(label) + 16
        p.end()


def _read_history(db: Database, skill_id: int) -> tuple[SkillHistory, list[tuple[int, str]]]:
    """The worker's read: the skill's history and the active framework's scale."""
    with db.session() as session:
        history = skill_history(session, skill_id)
        fw = active_framework(session)
        scale = [(lv.level, lv.label) for lv in fw.levels] if fw else []
    return history, scale


class SkillHistoryDialog(QDialog):
    """Opened by double-clicking a skill in the matrix.

    The history is read through gui.tasks: the dialog says "Loading the skill's history…", its
    tabs off, until the rows arrive (``loaded``)."""

    def __init__(self, db: Database, skill_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: SkillHistory | None = None  # until read
        self.scale: list[tuple[int, str]] = []
        self.loaded = False
        self.setWindowTitle("Skill history")
        self.head = QLabel("Loading the skill's history…")
        self.head.setWordWrap(True)
        self.head.setTextFormat(Qt.TextFormat.PlainText)  # RichText once the heading is built

        self.chart = RatingChart()
        self.ratings_list = QListWidget()
        self.ratings_list.setAccessibleName("Ratings")
        ratings_tab = QSplitter(Qt.Orientation.Vertical)
        ratings_tab.addWidget(self.chart)
        ratings_tab.addWidget(self.ratings_list)
        ratings_tab.setSizes([300, 160])

        self.reflections = QListWidget()
        self.reflections.setAccessibleName("Linked reflections")
        self.preview = self._browser("Reflection")
        self.reflections.currentRowChanged.connect(self._show_reflection)
        refl_tab = QSplitter(Qt.Orientation.Horizontal)
        refl_tab.addWidget(self.reflections)
        refl_tab.addWidget(self.preview)
        refl_tab.setSizes([320, 480])

        self.comments = self._browser("Mentor comments")

        self.tabs = QTabWidget()
        self.tabs.addTab(ratings_tab, "Ratings")
        self.tabs.addTab(refl_tab, "Reflections")
        self.tabs.addTab(self.comments, "Mentor comments")
        self.tabs.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.head)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        remember_geometry(self, "skill_history", (900, 640))
        run_in_background(
            self,
            lambda _p: _read_history(db, skill_id),
            on_success=self._loaded,
            on_failure=self._failed,
        )

    def _loaded(self, result: tuple[SkillHistory, list[tuple[int, str]]]) -> None:
        self.history, self.scale = result
        h, s = self.history, self.history.skill
        self.setWindowTitle(f"{s.code} {s.name} — history")
        self.head.setTextFormat(Qt.TextFormat.RichText)  # the database's text escaped in it
        self.head.setText(self._heading_html(h))

        self.chart.set_data(h.ratings, self.scale, s.target_level)
        for r in reversed(h.ratings):
            who = "You" if r.source == RatingSource.SELF else (r.rater or "Mentor")
            label = dict(self.scale).get(r.level, "")
            self.ratings_list.addItem(
                f"{_day(r.on)}   {who}: {r.level} {label}  ({ORIGIN[r.origin]})"
            )
        for ref in reversed(h.reflections):
            lock = "🔒 " if ref.private else ""
            rated = f"  · rated {ref.self_rating}" if ref.self_rating is not None else ""
            item = QListWidgetItem(f"{_day(ref.on)}   {lock}{ref.title or '(untitled)'}{rated}")
            item.setData(Qt.ItemDataRole.UserRole, ref.entry_id)
            self.reflections.addItem(item)
        if h.reflections:
            self.reflections.setCurrentRow(0)
        else:
            self.preview.setPlainText("No reflection is linked to this skill yet.")
        self.comments.setHtml(self._comments_html(h))
        self.tabs.setTabText(0, f"Ratings ({len(h.ratings)})")
        self.tabs.setTabText(1, f"Reflections ({len(h.reflections)})")
        self.tabs.setTabText(2, f"Mentor comments ({len(h.comments)})")
        self.tabs.setEnabled(True)
        self.loaded = True

    def _failed(self, exc: BaseException) -> None:
        self.head.setText("The skill's history could not be read.")
        show_error(self, exc, self.windowTitle())

    def _browser(self, name: str) -> QTextBrowser:
        b = close_browser(QTextBrowser())  # loads no file or remote resource
        b.setAccessibleName(name)
        b.setOpenLinks(False)  # untrusted links open only on a click, in the system browser
        b.anchorClicked.connect(open_safe_link)
        return b

    def _heading_html(self, h: SkillHistory) -> str:
        s = h.skill
        e = escape
        labels = dict(self.scale)
        cadence = (
            f"every {s.cadence_days} days" if s.cadence_days else "the framework's default cadence"
        )
        parts = [
            f"<h2 style='margin:0'>{e(s.code)} · {e(s.name)}</h2>",
            f"<p>{e(s.area.name)} · target {s.target_level} ({e(labels.get(s.target_level, ''))})"
            f" · reflect {cadence}{' · <i>archived</i>' if s.archived else ''}</p>",
        ]
        if s.description:
            parts.append(f"<p>{e(s.description)}</p>")
        target_text = s.descriptor(s.target_level)
        if target_text:
            parts.append(f"<p><b>At your target:</b> {e(target_text)}</p>")
        return "".join(parts)

    def _comments_html(self, h: SkillHistory) -> str:
        if not h.comments:
            return "<p>No mentor feedback on this skill yet.</p>"
        labels = dict(self.scale)
        out = []
        for c in reversed(h.comments):
            level = f" — rated {c.level} ({escape(labels.get(c.level, ''))})" if c.level else ""
            status = (
                "answered by a reflection" if c.answered else "not yet answered by a reflection"
            )
            out.append(
                f"<h3>{_day(c.on)} · {escape(c.mentor or 'Mentor')}{level}</h3>"
                f"{markdown_to_html(c.comment) if c.comment else '<p><i>No comment.</i></p>'}"
                f"<p><small>{status}</small></p><hr/>"
            )
        return "".join(out)

    def _show_reflection(self, row: int) -> None:
        if row < 0 or self.history is None:
            return
        ref = list(reversed(self.history.reflections))[row]
        title = escape(ref.title or "(untitled)")
        private = " <small>(private)</small>" if ref.private else ""
        self.preview.setHtml(
            f"<h2>{title}{private}</h2><p><small>{_day(ref.on)}</small></p>"
            + markdown_to_html(ref.body)
        )
