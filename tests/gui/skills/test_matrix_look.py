"""How the skills matrix looks: names whole at 1024 px, urgency only from the avoidance bands
(the most avoided skill the most urgent), and every coloured state said in a word or symbol."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle

from plnjournal.gui.skills import matrix_model as mm


def _view(qtbot, db, size):
    from plnjournal.gui.skills.matrix_view import SkillMatrixView

    view = SkillMatrixView(db)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    qtbot.waitUntil(
        lambda: (
            bool(view.model.rowCount())
            and view.model.attention(view.model.row_data(0).skill_id) is not None
        ),
        timeout=20000,
    )
    return view


def test_skill_names_are_whole_at_1024(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db, (1024, 600))
    table = view.table
    assert table.horizontalScrollBar().maximum() == 0  # nothing off to the right
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    fm = QFontMetrics(table.font())
    width = table.columnWidth(mm.SKILL)
    cut = [
        view.model.index(r, mm.SKILL).data()
        for r in range(view.model.rowCount())
        if fm.horizontalAdvance(view.model.index(r, mm.SKILL).data()) + margin > width
    ]
    assert cut == []
    # The area gave up its width first: it is narrower than its longest name.
    bold = table.font()
    bold.setBold(True)
    assert table.columnWidth(mm.AREA) < QFontMetrics(bold).horizontalAdvance("Professional growth")
    # With room, the area is whole too.
    view.resize(1920, 1080)
    qtbot.waitUntil(
        lambda: (
            table.columnWidth(mm.AREA) > QFontMetrics(bold).horizontalAdvance("Professional growth")
        )
    )


def test_urgency_follows_the_avoidance_bands(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db, (1280, 800))
    model = view.model
    rows = range(model.rowCount())
    attention = {r: model.attention(model.row_data(r).skill_id) for r in rows}
    top = next(r for r, a in attention.items() if a.rank == 1)
    assert model.row_data(top).code == "PA1"
    # The most avoided skill has the most urgent colour, its band in bold, the longest bar.
    assert model.index(top, mm.ATTENTION).data(mm.TONE_ROLE) == mm.Tone.BAD
    assert model.index(top, mm.ATTENTION).data(mm.TOP_ROLE)
    assert model.index(top, mm.ATTENTION).data(mm.SCORE_ROLE) == max(
        a.score for a in attention.values()
    )
    # Urgency colours (act now, watch) only where the avoidance model says so.
    for r in rows:
        band = attention[r].band
        for col in range(model.columnCount()):
            tone = model.index(r, col).data(mm.TONE_ROLE)
            if col == mm.ATTENTION:
                expected = {"act now": mm.Tone.BAD, "watch": mm.Tone.WARN}.get(str(band), 0)
                assert tone == expected
            elif col != mm.SELF_MENTOR:
                assert tone in (mm.Tone.NONE, mm.Tone.GOOD), (model.row_data(r).code, col)
    urgent = sum(
        1
        for r in rows
        for c in range(model.columnCount())
        if model.index(r, c).data(mm.TONE_ROLE) in (mm.Tone.BAD, mm.Tone.WARN)
    )
    act_or_watch = sum(1 for a in attention.values() if str(a.band) != "fine")
    blind = sum(1 for r in rows if model.matrix.is_blind_spot(model.row_data(r)))
    assert urgent == act_or_watch + blind


def test_every_coloured_state_is_said_in_words(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db, (1280, 800))
    model = view.model
    marks = {
        mm.Tone.BAD: ("act now", "⚠"),
        mm.Tone.WARN: ("watch",),
        mm.Tone.GOOD: ("✓",),
        mm.Tone.INFO: ("✧",),
    }
    seen = set()
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            tone = model.index(r, c).data(mm.TONE_ROLE)
            if tone:
                seen.add(tone)
                text = model.index(r, c).data()
                assert any(m in text for m in marks[tone]), (text, tone)
    assert {mm.Tone.BAD, mm.Tone.WARN, mm.Tone.GOOD} <= seen
