"""The skills matrix model and view: model contract, sorting within areas, filters, history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from plnjournal.core.skills.matrix import skill_matrix
from plnjournal.gui.skills import matrix_model as mm
from tests.conftest import TODAY


@pytest.fixture
def matrix(demo_db):
    with demo_db.session() as s:
        return skill_matrix(s, as_of=TODAY)


def _codes(proxy: mm.SkillMatrixProxy) -> list[str]:
    return [proxy.index(r, mm.SKILL).data().split()[0] for r in range(proxy.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester, matrix) -> None:
    model = mm.SkillMatrixModel()
    model.set_matrix(matrix)
    qtmodeltester.check(model, force_py=True)
    proxy = mm.SkillMatrixProxy()
    proxy.setSourceModel(model)
    proxy.sort(mm.GAP, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy, force_py=True)


def test_cells_show_numbers_words_and_tones(qtbot, matrix) -> None:
    model = mm.SkillMatrixModel()
    model.set_matrix(matrix)
    rows = {model.index(r, mm.SKILL).data().split()[0]: r for r in range(model.rowCount())}
    as1 = rows["AS1"]  # the demo's blind spot
    assert model.index(as1, mm.SELF_MENTOR).data().endswith("⚠")
    assert model.index(as1, mm.SELF_MENTOR).data(mm.TONE_ROLE) == mm.Tone.BAD
    assert "A blind spot" in model.index(as1, mm.SELF_MENTOR).data(Qt.ItemDataRole.ToolTipRole)
    pa1 = rows["PA1"]  # the avoided skill: never reflected on
    assert model.index(pa1, mm.LAST).data() == "never"
    assert model.index(pa1, mm.LAST).data(mm.TONE_ROLE) == mm.Tone.NONE  # urgency: bands
    assert model.index(pa1, mm.RECENT).data() == "0"
    gap_tones = {model.index(r, mm.GAP).data(mm.TONE_ROLE) for r in range(model.rowCount())}
    assert gap_tones == {mm.Tone.GOOD, mm.Tone.NONE}  # only a reached target is coloured
    reached = [
        model.index(r, mm.GAP).data()
        for r in range(model.rowCount())
        if model.index(r, mm.GAP).data(mm.TONE_ROLE) == mm.Tone.GOOD
    ]
    assert reached and all(text.startswith("✓") for text in reached)  # never colour alone
    assert len(model.index(0, mm.TREND).data(mm.TREND_ROLE)) == 12


def test_sorting_keeps_areas_together_unless_ungrouped(matrix) -> None:
    model = mm.SkillMatrixModel()
    model.set_matrix(matrix)
    proxy = mm.SkillMatrixProxy()
    proxy.setSourceModel(model)
    proxy.sort(mm.RECENT, Qt.SortOrder.DescendingOrder)
    areas = [proxy.index(r, mm.AREA).data() for r in range(proxy.rowCount())]
    assert areas == sorted(areas, key=[a.area for a in matrix.rows].index)
    first_area = [proxy.index(r, mm.RECENT).data(mm.SORT_ROLE) for r in range(4)]
    assert first_area == sorted(first_area, reverse=True)
    proxy.set_grouped(False)
    proxy.sort(mm.RECENT, Qt.SortOrder.DescendingOrder)
    recent = [int(proxy.index(r, mm.RECENT).data()) for r in range(proxy.rowCount())]
    assert recent == sorted(recent, reverse=True)
    proxy.sort(mm.LAST, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, mm.LAST).data() == "never"


def test_filters(matrix) -> None:
    model = mm.SkillMatrixModel()
    model.set_matrix(matrix)
    proxy = mm.SkillMatrixProxy()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 27
    proxy.set_text("transitions")
    assert _codes(proxy) == ["CL1"]
    proxy.set_text("")
    proxy.set_area("Assessment")
    assert _codes(proxy) == ["AS1", "AS2", "AS3"]
    proxy.set_area("")
    proxy.set_quick_filter(mm.QuickFilter.BLIND_SPOTS)
    assert "AS1" in _codes(proxy) and all(
        matrix.is_blind_spot(r) for r in matrix.rows if r.code in _codes(proxy)
    )
    proxy.set_quick_filter(mm.QuickFilter.OVERDUE)
    assert "PA1" in _codes(proxy)
    proxy.set_quick_filter(mm.QuickFilter.BEHIND)
    assert all(r.gap_to_target > 0 for r in matrix.rows if r.code in _codes(proxy))


def test_archived_skills_are_hidden_until_asked(qtbot, teaching_db) -> None:
    from plnjournal.core.skills.lookup import find_skill

    with teaching_db.session() as s:
        find_skill(s, "CL1").archived = True
    with teaching_db.session() as s:
        m = skill_matrix(s, as_of=TODAY)
    model = mm.SkillMatrixModel()
    model.set_matrix(m)
    proxy = mm.SkillMatrixProxy()
    proxy.setSourceModel(model)
    assert "CL1" not in _codes(proxy) and proxy.rowCount() == 26
    proxy.set_show_archived(True)
    row = _codes(proxy).index("CL1")
    assert proxy.index(row, mm.SKILL).data().endswith("(archived)")
    assert proxy.index(row, mm.SKILL).data(Qt.ItemDataRole.FontRole).italic()


def test_view_refreshes_in_background_and_opens_history(qtbot, demo_db) -> None:
    from plnjournal.gui.skills.history_dialog import SkillHistoryDialog
    from plnjournal.gui.skills.matrix_view import SkillMatrixView

    view = SkillMatrixView(demo_db)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 27, timeout=10000)
    assert "27 skills · 6 to act on now" in view.status.text()
    view.search.setText("AS1")
    assert view.proxy.rowCount() == 1
    index = view.proxy.index(0, mm.SKILL)
    with qtbot.waitSignal(view.skill_activated) as signal:
        view.table.doubleClicked.emit(index)
    dialog = SkillHistoryDialog(demo_db, signal.args[0])
    qtbot.addWidget(dialog)
    assert not dialog.tabs.isEnabled()  # the history is still being read
    qtbot.waitUntil(lambda: dialog.loaded)
    assert dialog.history is not None
    assert dialog.history.skill.code == "AS1"
    assert dialog.ratings_list.count() == len(dialog.history.ratings) > 0
    assert dialog.reflections.count() == len(dialog.history.reflections)
    assert "Feedback to students" in dialog.comments.toPlainText()


def test_history_renders_mentor_comments_sanitized(qtbot, teaching_db) -> None:
    import datetime as dt

    from plnjournal.core.feedback.items import add_feedback_item
    from plnjournal.core.skills.lookup import find_skill
    from plnjournal.gui.skills.history_dialog import SkillHistoryDialog
    from plnjournal.storage.models import FeedbackImport

    with teaching_db.session() as s:
        skill = find_skill(s, "PA1")
        imp = FeedbackImport(file_name="f.csv", sha256="0" * 64, format="csv")
        s.add(imp)
        add_feedback_item(
            s,
            imp,
            skill=skill,
            mentor="Ms <b>Okafor</b>",
            given_on=dt.date(2026, 11, 3),
            level=2,
            comment="**Call** the parents. <script>alert(1)</script><img src=http://x/y.png>",
            line=2,
            raw={},
        )
        skill_id = skill.id
    dialog = SkillHistoryDialog(teaching_db, skill_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded)
    html = dialog.comments.toHtml()
    assert "script" not in html and "alert" not in html and "x/y.png" not in html
    assert "Call" in dialog.comments.toPlainText()
    assert "Ms <b>Okafor</b>" in dialog.comments.toPlainText()  # escaped, shown as written
