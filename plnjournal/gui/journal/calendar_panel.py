"""The calendar: days with reflections marked (only the visible month is read), the streak,
and previous/next/today buttons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.journal.days import entry_counts, month_grid_range, streak
from plnjournal.core.palette import palette as palette_of
from plnjournal.gui import late_types
from plnjournal.gui.theme import is_dark
from plnjournal.storage.db import Database


def to_qdate(day: dt.date) -> QDate:
    """The calendar widget speaks QDate; the journal speaks dt.date."""
    return QDate(day.year, day.month, day.day)


def to_date(qdate: QDate) -> dt.date:
    """Back from the calendar widget's QDate to the journal's dt.date."""
    return dt.date(qdate.year(), qdate.month(), qdate.day())


class CalendarPanel(QWidget):
    """The month at a glance: a day is chosen here, and the days written on stand out."""

    day_chosen = Signal(object)  # dt.date

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today
        self._marked: dict[dt.date, int] = {}
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName("Calendar: days with reflections are marked")
        # The grid inside takes the focus: a screen reader says its name, not the widget's.
        grid = self.calendar.findChild(QWidget, "qt_calendar_calendarview")
        if grid is not None:
            grid.setAccessibleName("Days of the month (arrow keys move, Enter opens)")
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        # Weekends in the same colour as other days: a journal's days are all alike.
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(day, QTextCharFormat())
        self.prev_button = QPushButton("◀")
        self.prev_button.setToolTip("Previous day (Alt+Left)")
        self.prev_button.setAccessibleName("Previous day")
        self.today_button = QPushButton("Today")
        self.today_button.setToolTip("Go to today (Ctrl+T)")
        self.today_button.setAccessibleName("Today")
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip("Next day (Alt+Right)")
        self.next_button.setAccessibleName("Next day")
        self._size_to_font()
        self.day_label = QLabel()
        self.day_label.setAccessibleName("Selected day")
        font = QFont(self.day_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.day_label.setFont(font)
        self.streak_label = QLabel()
        self.streak_label.setAccessibleName("Current streak")

        nav = QHBoxLayout()
        nav.setContentsMargins(0, 0, 0, 0)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.today_button, 1)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.day_label)
        layout.addWidget(self.calendar)
        layout.addLayout(nav)
        layout.addWidget(self.streak_label)
        layout.addStretch(1)

        # Clicks and arrow keys both change the selection; follow it.
        self.calendar.selectionChanged.connect(lambda: self.day_chosen.emit(self.selected()))
        self.calendar.currentPageChanged.connect(lambda y, m: self.refresh_marks())
        self.prev_button.clicked.connect(
            lambda: self.day_chosen.emit(self.selected() - dt.timedelta(days=1))
        )
        self.next_button.clicked.connect(
            lambda: self.day_chosen.emit(self.selected() + dt.timedelta(days=1))
        )
        self.today_button.clicked.connect(lambda: self.day_chosen.emit(self._today()))

    def _size_to_font(self) -> None:
        """Sizes in lines and characters of the current font, not pixels: a larger system
        font gets a larger calendar and arrows, not clipped ones."""
        metrics = self.fontMetrics()  # the panel's: its children follow it after this event
        self.calendar.setMaximumHeight(metrics.lineSpacing() * 14)
        for b in (self.prev_button, self.next_button):
            b.setMaximumWidth(metrics.averageCharWidth() * 3 + 24)

    def selected(self) -> dt.date:
        """The day the calendar shows as chosen (the step buttons count from it)."""
        return to_date(self.calendar.selectedDate())

    def show_day(self, day: dt.date) -> None:
        """Select ``day`` without announcing it (the journal view is already going there)."""
        self.calendar.blockSignals(True)
        self.calendar.setSelectedDate(to_qdate(day))
        self.calendar.blockSignals(False)
        self.day_label.setText(self._day_text(day))
        self.refresh_marks()

    def _day_text(self, day: dt.date) -> str:
        today = self._today()
        text = f"{day:%A} {day.day} {day:%B %Y}"
        if day == today:
            return f"Today, {text}"
        if day == today - dt.timedelta(days=1):
            return f"Yesterday, {text}"
        return text

    def refresh_marks(self) -> None:
        """Mark the days of the visible month (and the weeks around it) that have reflections."""
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        start, end = month_grid_range(year, month)
        with self.db.reading() as conn:
            counts = entry_counts(conn, start, end)
            current = streak(conn, self._today())
        self._paint_marks(counts)
        if current == 0:
            self.streak_label.setText("No streak yet: write today to start one")
        else:
            self.streak_label.setText(f"Streak: {current} day" + ("" if current == 1 else "s"))

    def _paint_marks(self, counts: dict[dt.date, int]) -> None:
        """Draw the marks of ``counts`` in the palette's colours (no reading: a change of the
        colour scheme repaints what is marked, also while the app lock holds no key)."""
        plain = QTextCharFormat()
        for day in self._marked:
            self.calendar.setDateTextFormat(to_qdate(day), plain)
        # A filled day, not a link: the palette's "1 reflection" colour with its measured text
        # colour (core/palette.py), bold, so it never depends on the fill alone.
        colours = palette_of(is_dark(self.palette()))
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setBackground(QColor(colours.days[1]))
        marked.setForeground(QColor(colours.day_text))
        for day, n in counts.items():
            fmt = QTextCharFormat(marked)
            fmt.setToolTip(f"{n} reflection" + ("" if n == 1 else "s"))
            self.calendar.setDateTextFormat(to_qdate(day), fmt)
        self._marked = dict(counts)

    def marked_days(self) -> set[dt.date]:
        """The days of the shown month marked as having reflections (for tests and views)."""
        return set(self._marked)

    def changeEvent(self, event: QEvent) -> None:
        """QWidget.changeEvent: the marks take the new scheme's colours; the sizes follow a
        change of the font (the system's text size)."""
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "calendar"):
            self._paint_marks(self._marked)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "calendar"):
            self._size_to_font()
        super().changeEvent(event)


def pick_date(
    parent: QWidget,
    title: str,
    initial: dt.date,
    *,
    minimum: dt.date | None = None,
    act: str = "OK",
) -> dt.date | None:
    """A small dialog with a calendar; the chosen day, or None if cancelled. ``act`` is
    what the accepting button says ("Go", "Snooze")."""
    QDialog = late_types.QDialog
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    calendar = QCalendarWidget()
    calendar.setAccessibleName(title)
    calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    if minimum is not None:
        calendar.setMinimumDate(to_qdate(minimum))
    calendar.setSelectedDate(to_qdate(initial))
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(act)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    calendar.activated.connect(lambda _d: dialog.accept())
    layout = QVBoxLayout(dialog)
    layout.addWidget(calendar)
    layout.addWidget(box)
    calendar.setFocus()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return to_date(calendar.selectedDate())
