"""The framework editor: add, rename, move, archive, delete; Save writes, Cancel undoes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from plnjournal.core.journal.entries import add_entry
from plnjournal.core.skills.lookup import find_skill, list_skills


def _editor(qtbot, db):
    from plnjournal.gui.skills.framework_editor import FrameworkEditorDialog

    dialog = FrameworkEditorDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.box.button(dialog.box.StandardButton.Save).isEnabled()  # still reading
    qtbot.waitUntil(lambda: dialog.loaded)
    return dialog


def _select(dialog, text_start: str) -> None:
    tree = dialog.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for item in [top, *(top.child(j) for j in range(top.childCount()))]:
            if item.text(0).startswith(text_start):
                tree.setCurrentItem(item)
                return
    raise AssertionError(text_start)


def test_add_rename_move_archive_and_save(qtbot, teaching_db) -> None:
    dialog = _editor(qtbot, teaching_db)
    _select(dialog, "Planning")
    dialog.add_skill()
    assert dialog.skill_code.text() == "PL5"
    qtbot.keyClicks(dialog.skill_name, "Homework design")
    dialog.skill_target.setCurrentIndex(3)
    dialog.skill_target.activated.emit(3)
    dialog.skill_cadence.setValue(10)
    dialog.descriptor_edits[2].setPlainText("Sets homework that repeats the lesson.")
    dialog.move_current(-1)
    _select(dialog, "CL2")
    dialog.toggle_archived()
    assert dialog.archive_button.text() == "Restore"
    _select(dialog, "Assessment")
    dialog.area_name.clear()
    qtbot.keyClicks(dialog.area_name, "Feedback and assessment")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    with teaching_db.session() as s:
        pl5 = find_skill(s, "PL5")
        assert (pl5.name, pl5.target_level, pl5.cadence_days) == ("Homework design", 4, 10)
        assert pl5.descriptor(2) == "Sets homework that repeats the lesson."
        assert [k.code for k in pl5.area.skills][-2:] == ["PL5", "PL4"]
        assert find_skill(s, "CL2").archived
        assert find_skill(s, "AS1").area.name == "Feedback and assessment"


def test_delete_only_without_data_and_asks(qtbot, teaching_db, monkeypatch) -> None:
    with teaching_db.session() as s:
        cl1 = find_skill(s, "CL1")
        add_entry(s, entry_date=dt.date(2026, 1, 2), title="x", skills={cl1.id: 2})
    dialog = _editor(qtbot, teaching_db)
    _select(dialog, "CL1")
    assert not dialog.delete_button.isEnabled()
    _select(dialog, "CL3")
    assert dialog.delete_button.isEnabled()
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    dialog.delete_current()
    assert "Delete the skill CL3" in asked[0]
    with qtbot.waitSignal(dialog.saved):  # written off the GUI thread
        dialog.save()
    with teaching_db.session() as s:
        codes = [k.code for k in list_skills(s)]
    assert "CL3" not in codes and "CL1" in codes and len(codes) == 26


def test_cancel_discards_after_asking(qtbot, teaching_db, monkeypatch) -> None:
    dialog = _editor(qtbot, teaching_db)
    dialog.add_area()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()
    with teaching_db.session() as s:
        assert len({k.area.name for k in list_skills(s)}) == 6


def test_skills_menu_in_the_main_window(qtbot, demo_db) -> None:
    from plnjournal.gui.shell.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    feature = window.skills_feature
    texts = [a.text() for a in window.menu("skills").actions() if a.text()]
    assert texts[:3] == ["Skills &matrix", "&Rate yourself on all skills…", "&Edit framework…"]
    feature.actions["matrix"].trigger()
    view = feature.matrix_view
    assert view.isVisible() and "Loading" in view.status.text()
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 27, timeout=10000)
    with demo_db.session() as s:
        find_skill(s, "PA1").archived = True
    window.notify_changed("skills")
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 26, timeout=10000)
    view.close()


def test_keywords_field_saves_one_per_line_and_shows_again(qtbot, teaching_db, tmp_path) -> None:
    """The user types keywords with commas or on lines; they are saved one per line and the
    field shows them when the skill is selected again."""
    dialog = _editor(qtbot, teaching_db)
    _select(dialog, "PA1")
    field = dialog.skill_keywords
    assert field.accessibleName() == "Words that show a reflection is about this skill"
    assert field.toPlainText() == ""
    qtbot.keyClicks(field, "parents' evening, phone call home")
    field.appendPlainText("Mum")
    assert dialog.dirty
    dialog.resize(1000, 680)
    dialog.grab().save(str(tmp_path / "framework-editor-keywords.png"))
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    with teaching_db.session() as s:
        assert find_skill(s, "PA1").keywords == "parents' evening\nphone call home\nMum"
        assert find_skill(s, "PA2").keywords == ""
    again = _editor(qtbot, teaching_db)
    _select(again, "PA1")
    assert again.skill_keywords.toPlainText() == "parents' evening\nphone call home\nMum"
    _select(again, "PA2")
    assert again.skill_keywords.toPlainText() == ""
