"""The self-assessment form: descriptors shown, keys pick levels, Save writes dated ratings."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from plnjournal.storage.models import Rating, Skill
from plnjournal.values import RatingOrigin, RatingSource


def _dialog(qtbot, db):
    from plnjournal.gui.skills.self_assessment import SelfAssessmentDialog

    dialog = SelfAssessmentDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.skill_list.isEnabled()  # the skills are still being read
    qtbot.waitUntil(lambda: dialog.loaded)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def test_descriptors_of_every_level_are_shown(qtbot, teaching_db) -> None:
    dialog = _dialog(qtbot, teaching_db)
    first = dialog.rows[0]
    with teaching_db.session() as s:
        skill = s.get(Skill, first.skill_id)
        expected = [skill.descriptor(lv) for lv in range(1, 6)]
    shown = [dialog.levels_layout.itemAt(i).widget() for i in range(6)]
    assert [c.text.text() for c in shown[:5]] == expected
    assert all(c.text.isVisible() for c in shown[:5])
    assert "(your target)" in shown[first.target_level - 1].radio.text()
    assert first.code in dialog.title.text()


def test_keys_rate_and_move_on_and_save_writes_ratings(qtbot, teaching_db) -> None:
    dialog = _dialog(qtbot, teaching_db)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    dialog.date.setDate(QDate(2026, 5, 4))
    dialog.skill_list.setFocus()
    qtbot.keyClick(dialog.skill_list, Qt.Key.Key_3)  # first skill: 3, then the form moves on
    assert dialog.current == 1
    qtbot.keyClick(dialog.skill_list, Qt.Key.Key_0)  # second skill: skipped
    qtbot.keyClick(dialog.skill_list, Qt.Key.Key_5)  # third skill: 5
    assert dialog.progress.text() == f"2 of {len(dialog.rows)} skills rated"
    third = dialog.rows[2].skill_id
    dialog.go(2)
    dialog.group.button(4).click()  # changing one's mind: the later choice counts
    assert save.isEnabled()
    with qtbot.waitSignal(dialog.saved) as saved:
        save.click()
    assert saved.args == [2]
    with teaching_db.session() as s:
        rows = s.execute(
            select(
                Rating.skill_id, Rating.level, Rating.rated_on, Rating.source, Rating.origin
            ).order_by(Rating.skill_id)
        ).all()
    day = dt.date(2026, 5, 4)
    assert rows == [
        (dialog.rows[0].skill_id, 3, day, RatingSource.SELF, RatingOrigin.SELF_ASSESSMENT),
        (third, 4, day, RatingSource.SELF, RatingOrigin.SELF_ASSESSMENT),
    ]


def test_cancel_with_ratings_asks_first(qtbot, teaching_db, monkeypatch) -> None:
    dialog = _dialog(qtbot, teaching_db)
    dialog.choose(dialog.rows[3].skill_id, 2)
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog.reject()
    assert asked and "Discard the 1 ratings" in asked[0] and dialog.isVisible()
    with teaching_db.session() as s:
        assert s.scalars(select(Rating)).first() is None
