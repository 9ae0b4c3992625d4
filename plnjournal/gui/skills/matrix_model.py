"""The skills matrix as a Qt table model over core rows, and its sort/filter proxy.

The model only translates ``core.matrix`` rows into cells: numbers for sorting, short text
for display, the core's plain-word explanations as tooltips, and a "tone" per cell that the
view's delegate turns into colour (plus a symbol, so colour is never the only cue).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from plnjournal.core.skills.matrix import MatrixRow, SkillMatrix
from plnjournal.core.skills.matrix_explain import explain
from plnjournal.gui.plain import literal_data
from plnjournal.values import Band

AREA, SKILL, ATTENTION, TARGET, SELF, MENTOR, GAP, SELF_MENTOR, LAST, RECENT, TREND = range(11)
HEADERS = (
    "Area",
    "Skill",
    "Attention",
    "Target",
    "Self",
    "Mentor",
    "To\ntarget",
    "You −\nmentor",
    "Last reflected",
    "90\ndays",
    "Trend",
)
HEADER_TIPS = (
    "Skills are grouped by area, in the framework's order.",
    "The skill's code and name. Greyed: archived (kept with its history, left out of nudges).",
    "What the avoidance score asks of you: act now, watch or fine (Insights → What I keep "
    "avoiding). The bar is the score out of 100; the most avoided skill is in bold.",
    "The level you aim for.",
    "Your latest self rating (from a reflection or a self-assessment).",
    "The latest rating from a mentor.",
    "Target − current level (the mentor's latest rating, else your own). ✓: reached.",
    "Your latest rating − your mentor's. ⚠: a blind spot (more than a third of the scale "
    "above); ✧: a hidden strength (as far below).",
    "The latest reflection linked to the skill, and how many days ago. !: past its cadence.",
    "Reflections linked to the skill in the last 90 days.",
    "Current level at each month's end over the last year; the number is the change in 90 days.",
)
_EXPLAIN_KEY = {
    TARGET: "target",
    SELF: "self",
    MENTOR: "mentor",
    GAP: "gap",
    SELF_MENTOR: "self_mentor",
    LAST: "last_reflected",
    RECENT: "recent",
    TREND: "trend",
}

SKILL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
TONE_ROLE = Qt.ItemDataRole.UserRole + 3
GROUP_ROLE = Qt.ItemDataRole.UserRole + 4  # (area position, area name): rows group by it
TREND_ROLE = Qt.ItemDataRole.UserRole + 5  # list of levels (None where unknown)
ARCHIVED_ROLE = Qt.ItemDataRole.UserRole + 6
SCORE_ROLE = Qt.ItemDataRole.UserRole + 7  # avoidance score 0–100 (None: not scored)
TOP_ROLE = Qt.ItemDataRole.UserRole + 8  # the most avoided skill (its band in bold)

# The band's words, with a symbol so the state never rests on colour alone.
BAND_TEXT = {Band.ACT_NOW: "▲▲ act now", Band.WATCH: "▲ watch", Band.FINE: "fine"}


@dataclass(frozen=True)
class Attention:
    """A skill's avoidance score as the matrix shows it (from core/insights/avoidance.py)."""

    score: int
    band: Band
    rank: int  # 1: the most avoided
    reason: str  # the strongest reason, or what is said when there is none


class Tone(enum.IntEnum):
    """What a cell's colour means; the delegate picks colour-blind-safe tints per scheme."""

    NONE = 0
    GOOD = 1  # target reached
    WARN = 2  # the avoidance band "watch"
    BAD = 3  # the avoidance band "act now"; a blind spot
    INFO = 4  # a hidden strength: you rate yourself lower than your mentors do


def _num(value: int | None) -> str:
    return "–" if value is None else str(value)


def _short_day(d: dt.date, today: dt.date) -> str:
    return f"{d.day} {d:%b}" if d.year == today.year else f"{d.day} {d:%b %Y}"


class SkillMatrixModel(QAbstractTableModel):
    """One row per skill; ``set_matrix`` swaps in freshly computed core data."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matrix: SkillMatrix | None = None
        self._rows: list[MatrixRow] = []
        self._tips: dict[int, dict[str, str]] = {}
        self._attention: dict[int, Attention] = {}

    # --- data in -----------------------------------------------------------------------

    def set_matrix(
        self, matrix: SkillMatrix, attention: Mapping[int, Attention] | None = None
    ) -> None:
        """Show a newly computed matrix (a reset: every cell may change), with each skill's
        avoidance band by skill id (archived skills have none)."""
        self.beginResetModel()
        self._matrix = matrix
        self._rows = list(matrix.rows)
        self._tips = {}
        self._attention = dict(attention or {})
        self.endResetModel()

    def attention(self, skill_id: int) -> Attention | None:
        """A skill's avoidance score and band, or None when it was not scored."""
        return self._attention.get(skill_id)

    @property
    def matrix(self) -> SkillMatrix | None:
        """The matrix shown, or None before the first one arrives."""
        return self._matrix

    def row_data(self, row: int) -> MatrixRow:
        """The matrix row behind a source row number."""
        return self._rows[row]

    def row_of_skill(self, skill_id: int) -> int:
        """The source row of a skill, or -1 when it is not shown."""
        for i, r in enumerate(self._rows):
            if r.skill_id == skill_id:
                return i
        return -1

    # --- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Qt model API."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Qt model API."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        """Qt model API; the tooltip says how a column is worked out."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """Qt model API: selectable, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        """Qt model API."""
        if not index.isValid() or self._matrix is None or index.row() >= len(self._rows):
            return None
        r, col, m = self._rows[index.row()], index.column(), self._matrix
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col, m)
        if role == SORT_ROLE:
            return self._sort_key(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal_data(self._tooltip(r, col))  # names and mentors from files
        if role == TONE_ROLE:
            return int(self._tone(r, col, m))
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= TARGET:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SKILL_ID_ROLE:
            return r.skill_id
        if role == GROUP_ROLE:
            return (r.area_position, r.area)
        if role == TREND_ROLE:
            return list(r.trend)
        if role == ARCHIVED_ROLE:
            return r.archived
        if role in (SCORE_ROLE, TOP_ROLE):
            a = self._attention.get(r.skill_id)
            if role == TOP_ROLE:
                return a is not None and a.rank == 1 and a.band != Band.FINE
            return None if a is None else a.score
        if role == Qt.ItemDataRole.ForegroundRole and r.archived:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.FontRole and r.archived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(r, col) or self._display(r, col, m)
        return None

    # --- cells ---------------------------------------------------------------------------

    def _display(self, r: MatrixRow, col: int, m: SkillMatrix) -> str:
        if col == AREA:
            return r.area
        if col == SKILL:
            return f"{r.code}  {r.name}" + ("  (archived)" if r.archived else "")
        if col == ATTENTION:
            a = self._attention.get(r.skill_id)
            return "–" if a is None else BAND_TEXT[a.band]
        if col == TARGET:
            return str(r.target_level)
        if col == SELF:
            return _num(r.latest_self.level if r.latest_self else None)
        if col == MENTOR:
            return _num(r.latest_mentor.level if r.latest_mentor else None)
        if col == GAP:
            gap = r.gap_to_target
            if gap is None:
                return "–"
            return "✓ reached" if gap <= 0 else f"{gap} to go"
        if col == SELF_MENTOR:
            gap = r.self_mentor_gap
            if gap is None:
                return "–"
            text = "0" if gap == 0 else f"{gap:+d}".replace("-", "−")
            if m.is_blind_spot(r):
                return f"{text} ⚠"
            return f"{text} ✧" if m.is_hidden_strength(r) else text
        if col == LAST:
            if r.last_reflected is None:
                return "not yet" if m.not_yet_due(r) else "never"
            text = f"{_short_day(r.last_reflected, m.as_of)} · {r.days_since_reflected} d"
            return f"{text} !" if r.overdue_days else text
        if col == RECENT:
            return str(r.reflections_recent)
        if col == TREND:
            change = r.level_change
            if change is None:
                return ""
            return "±0" if change == 0 else f"{change:+d}".replace("-", "−")
        return ""

    def _sort_key(self, r: MatrixRow, col: int) -> object:
        """Numbers sort as numbers; unknowns sort after every known value."""
        big = 10**6
        if col == AREA:
            return (r.area_position, r.position)
        if col == SKILL:
            return r.code.casefold()
        if col == ATTENTION:
            a = self._attention.get(r.skill_id)
            return (1, 0) if a is None else (0, a.score)
        values = {
            TARGET: r.target_level,
            SELF: r.latest_self.level if r.latest_self else None,
            MENTOR: r.latest_mentor.level if r.latest_mentor else None,
            GAP: r.gap_to_target,
            SELF_MENTOR: r.self_mentor_gap,
            LAST: r.days_since_reflected,
            RECENT: r.reflections_recent,
            TREND: r.level_change,
        }
        value = values.get(col)
        if col == LAST and value is None:
            return (0, big)  # never reflected on: the longest ago of all
        return (1, 0) if value is None else (0, value)

    def _tooltip(self, r: MatrixRow, col: int) -> str | None:
        if col == AREA:
            return r.area
        if col == SKILL:
            return f"{r.code} {r.name}\n{r.description}".strip()
        if col == ATTENTION:
            a = self._attention.get(r.skill_id)
            if a is None:
                return "Archived skills are not scored."
            top = " — the skill you avoid most" if a.rank == 1 else ""
            return f"{a.band.capitalize()}: avoidance score {a.score} of 100{top}.\n{a.reason}"
        key = _EXPLAIN_KEY.get(col)
        if key is None or self._matrix is None:
            return None
        if r.skill_id not in self._tips:
            self._tips[r.skill_id] = explain(r, self._matrix)
        return self._tips[r.skill_id][key]

    def _tone(self, r: MatrixRow, col: int, m: SkillMatrix) -> Tone:
        """Urgency follows the avoidance bands only (one column), so the matrix is as urgent
        as the avoidance ranking says: only "act now" fills its cell (the delegate draws
        "watch" as a bar, not a fill), and the most avoided skill has the longest bar. The
        other columns colour only what is news: a target reached, a blind spot, a hidden
        strength. Past-cadence days keep their "!", without a tint."""
        if r.archived:
            return Tone.NONE
        if col == ATTENTION:
            a = self._attention.get(r.skill_id)
            band = a.band if a is not None else Band.FINE
            return {Band.ACT_NOW: Tone.BAD, Band.WATCH: Tone.WARN}.get(band, Tone.NONE)
        if col == GAP and r.gap_to_target is not None and r.gap_to_target <= 0:
            return Tone.GOOD
        if col == SELF_MENTOR and r.self_mentor_gap is not None:
            if m.is_blind_spot(r):
                return Tone.BAD
            if m.is_hidden_strength(r):
                return Tone.INFO
        return Tone.NONE


class QuickFilter(enum.IntEnum):
    """The matrix's "Show" choices: the questions a teacher asks of it most."""

    ALL = 0
    BEHIND = 1
    BLIND_SPOTS = 2
    OVERDUE = 3
    UNRATED = 4


QUICK_FILTER_LABELS = {
    QuickFilter.ALL: "All skills",
    QuickFilter.BEHIND: "Behind target",
    QuickFilter.BLIND_SPOTS: "Blind spots",
    QuickFilter.OVERDUE: "Overdue or never reflected on",
    QuickFilter.UNRATED: "Not rated yet",
}


class SkillMatrixProxy(QSortFilterProxyModel):
    """Filters by text, area, archived and a quick filter; sorts within areas when grouped."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._text = ""
        self._area = ""
        self._show_archived = False
        self._quick = QuickFilter.ALL
        self._grouped = True

    def _refilter(self, attr: str, value: object) -> None:
        # Qt 6.10 deprecates invalidateFilter() for begin/endFilterChange(); keep both working.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            setattr(self, attr, value)
            self.endFilterChange()
        else:
            setattr(self, attr, value)
            self.invalidateFilter()

    def set_text(self, text: str) -> None:
        """Filter by code, name or area, ignoring case."""
        self._refilter("_text", text.strip().casefold())

    def set_area(self, area: str) -> None:
        """Show one area only ("" for all)."""
        self._refilter("_area", area)

    def set_show_archived(self, show: bool) -> None:
        """Show or hide archived skills."""
        self._refilter("_show_archived", show)

    def set_quick_filter(self, quick: QuickFilter) -> None:
        """Show only the skills one quick filter picks."""
        self._refilter("_quick", QuickFilter(quick))

    def set_grouped(self, grouped: bool) -> None:
        """Keep areas together (and their headings) or sort across them."""
        self._grouped = grouped
        self.invalidate()

    @property
    def grouped(self) -> bool:
        """Whether rows stay grouped by area (the delegate draws headings then)."""
        return self._grouped

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Qt proxy API: the text, area, archived and quick filters together."""
        model = self.sourceModel()
        if not isinstance(model, SkillMatrixModel) or model.matrix is None:
            return True
        r = model.row_data(source_row)
        if r.archived and not self._show_archived:
            return False
        if self._area and r.area != self._area:
            return False
        if self._text and self._text not in f"{r.code} {r.name} {r.area}".casefold():
            return False
        q = self._quick
        if q == QuickFilter.BEHIND:
            return r.gap_to_target is not None and r.gap_to_target > 0
        if q == QuickFilter.BLIND_SPOTS:
            return model.matrix.is_blind_spot(r)
        if q == QuickFilter.OVERDUE:  # a skill the journal is too young to reach is not
            never = r.last_reflected is None and not model.matrix.not_yet_due(r)
            return never or bool(r.overdue_days)
        if q == QuickFilter.UNRATED:
            return r.current is None
        return True

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Qt proxy API: within areas when grouped; ties keep the framework's order."""
        if self._grouped:
            a, b = left.data(GROUP_ROLE), right.data(GROUP_ROLE)
            if a != b:  # areas stay in framework order whichever way the column sorts
                ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
                return bool(a < b) if ascending else bool(a > b)
        x, y = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if x == y:  # ties keep the framework's order
            return bool(
                left.data(GROUP_ROLE) + (left.row(),) < right.data(GROUP_ROLE) + (right.row(),)
            )
        return bool(x < y)
