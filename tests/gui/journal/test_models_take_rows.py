"""The journal's item models are handed rows and never read the journal themselves."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from plnjournal.gui.journal.commitments_panel import CommitmentRow, CommitmentsModel
from plnjournal.gui.journal.entry_list import DayEntriesModel, EntryRow
from plnjournal.gui.journal.skills_model import AreaInfo, SkillInfo, SkillLinksModel

DAY = dt.date(2026, 11, 20)


def test_day_entries_model_shows_the_rows_it_is_given(qtbot) -> None:
    model = DayEntriesModel()
    model.set_rows([EntryRow(7, dt.time(9, 5), "Circle time", "", 3, False, 1)])
    assert model.rowCount() == 1 and model.row_of(7) == 0
    assert model.data(model.index(0)).startswith("09:05  Circle time")


def test_commitments_model_shows_the_rows_it_is_given(qtbot) -> None:
    model = CommitmentsModel()
    model.set_rows(
        [CommitmentRow(3, "Phone Bea's mum", DAY - dt.timedelta(days=1), "PA1", True)], DAY
    )
    assert model.rowCount() == 1 and model.today == DAY
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None


def test_skill_links_model_shows_the_skills_it_is_given(qtbot) -> None:
    model = SkillLinksModel()
    skill = SkillInfo(5, "PA1", "Partnership", "", 3, False, {1: "Begins"})
    model.set_skills(([(1, "Begins")], [AreaInfo("Partnerships", [skill])]))
    assert model.rowCount() == 1 and model.skill(5) == skill and model.level_label(1) == "Begins"
