"""Clipped text always ends in "…" with the whole text in the tooltip: the reflection model's
box and the reflection's title (issue 21, item 6)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from plnjournal.gui.elide import ElidedComboBox, ElidedLineEdit

DRISCOLL = "Driscoll's What? So what? Now what?"


def test_a_choice_too_wide_for_its_box_ends_in_an_ellipsis(qtbot) -> None:
    box = ElidedComboBox()
    qtbot.addWidget(box)
    box.set_base_tip("Insert the sections of a reflection model")
    box.addItem(DRISCOLL)
    box.resize(120, box.sizeHint().height())
    box.show()
    assert box.shown_text().endswith("…") and box.shown_text() != DRISCOLL
    assert DRISCOLL in box.toolTip() and "Insert the sections" in box.toolTip()
    assert not box.grab().isNull()  # the elided paint runs
    box.resize(500, box.height())
    assert box.shown_text() == DRISCOLL


def test_a_long_title_ends_in_an_ellipsis_until_it_is_edited(qtbot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    title = ElidedLineEdit(holder)
    title.setFrame(False)
    long = "Managing pace and time: trying something new after the observed lesson with 9B"
    title.setText(long)
    title.resize(200, title.sizeHint().height())
    holder.show()
    assert title.shown_text().endswith("…") and title.toolTip()
    assert not title.grab().isNull()
    title.resize(900, title.height())
    assert title.shown_text() == long and title.toolTip() == ""


def test_the_box_grows_to_its_longest_choice_where_there_is_room(qtbot) -> None:
    from PySide6.QtWidgets import QHBoxLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    row = QHBoxLayout(holder)
    box = ElidedComboBox()
    box.setSizeAdjustPolicy(ElidedComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(16)
    box.addItems(["Free reflection", DRISCOLL])
    box.setCurrentIndex(1)
    box.fit_longest()
    row.addWidget(box, 1)
    row.addStretch(1)
    holder.resize(1400, 40)
    holder.show()
    qtbot.waitExposed(holder)
    assert box.shown_text() == DRISCOLL and box.width() < 700  # whole, and no wider
