"""The feedback import dialog as a wizard a person can follow: steps numbered without gaps,
Enter always the step forward, one confirmation, files dropped on it, dates chosen by how
they look, and no program words (strftime, xAPI, file and line columns, backup paths)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import select

from plnjournal.gui.feedback import models as fm
from plnjournal.gui.feedback.import_dialog import FeedbackImportDialog
from plnjournal.storage.models import FeedbackItem
from tests.gui.feedback.test_feedback_window import _drag

GOOD = (
    "date,mentor,skill,rating,comment\n"
    "2026-11-20,Ms Adeyemi,CL1,3,**What went well?** A calm start.\n"
    "2026-11-20,Ms Adeyemi,PA1,2,We agreed you would call home; it has not happened.\n"
)
DAY_FIRST = "date,mentor,skill,rating,comment\n03/11/2026,Ms Adeyemi,CL1,3,Calm start.\n"
FORM = "Timestamp,Your name,How were the starts?\n2026/11/20 9:00:00 AM GMT,Ms Adeyemi,4\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _dialog(qtbot, db, files: list[Path] | None = None) -> FeedbackImportDialog:
    dialog = FeedbackImportDialog(db, files)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _check(qtbot, dialog: FeedbackImportDialog) -> None:
    dialog.plan = None
    dialog.check()
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy, timeout=10_000)


def _all_text(dialog: FeedbackImportDialog) -> str:
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    combos = " ".join(
        dialog.date_format.itemText(i) + " " + dialog.date_format.toolTip()
        for i in range(dialog.date_format.count())
    )
    return f"{labels} {combos}"


def test_steps_are_numbered_without_gaps(qtbot, demo_db, tmp_path) -> None:
    dialog = _dialog(qtbot, demo_db, [_write(tmp_path, "a.csv", GOOD)])
    assert dialog.step.text() == "1. Choose the files"
    _check(qtbot, dialog)
    assert dialog.pages.currentIndex() == 2  # every column known: no column step
    assert dialog.step.text() == "2. Check what will be imported"

    form = _dialog(qtbot, demo_db, [_write(tmp_path, "form.csv", FORM)])
    _check(qtbot, form)
    assert form.step.text() == "2. Say what the columns hold"
    form.check_button.click()
    qtbot.waitUntil(lambda: form.plan is not None and not form.busy, timeout=10_000)
    assert form.pages.currentIndex() == 2
    assert form.step.text() == "3. Check what will be imported"


def test_enter_goes_forward_on_every_page_and_imports_once(
    qtbot, demo_db, tmp_path, monkeypatch
) -> None:
    def no_second_question(*_a, **_k):
        raise AssertionError("the import asked twice")

    monkeypatch.setattr(QMessageBox, "question", no_second_question)
    dialog = _dialog(qtbot, demo_db, [_write(tmp_path, "a.csv", GOOD)])
    assert dialog.check_button.isDefault()
    for quiet in (dialog.close_button, dialog.back_button, dialog.columns_button):
        assert not quiet.isDefault() and not quiet.autoDefault()
    QTest.keyClick(dialog, Qt.Key.Key_Return)  # checks the files
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy, timeout=10_000)
    assert dialog.pages.currentIndex() == 2 and dialog.isVisible()
    assert dialog.import_button.isDefault() and not dialog.close_button.isDefault()
    QTest.keyClick(dialog, Qt.Key.Key_Return)  # imports, with no second question
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10_000)
    assert dialog.import_result.imported == 2
    assert dialog.pages.currentIndex() == 3 and dialog.close_button.isDefault()


def test_dates_are_chosen_by_how_they_look(qtbot, demo_db, tmp_path) -> None:
    dialog = _dialog(qtbot, demo_db, [_write(tmp_path, "d.csv", DAY_FIRST)])
    choices = [dialog.date_format.itemText(i) for i in range(dialog.date_format.count())]
    assert choices == ["31/12/2026 (day first)", "12/31/2026 (month first)", "2026-12-31"]
    _check(qtbot, dialog)
    assert dialog.plan.errors and not dialog.import_button.isEnabled()
    assert "day first or month first" in dialog.summary.text()
    assert "%" not in dialog.summary.text()
    assert all("%" not in row.messages[0] for row in dialog.plan.rows if row.messages)
    dialog.date_format.setCurrentIndex(0)
    _check(qtbot, dialog)
    assert not dialog.plan.errors
    dialog.confirm_import()
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10_000)
    with demo_db.session() as s:
        item = s.scalars(select(FeedbackItem).order_by(FeedbackItem.id.desc())).first()
        assert item.given_on == dt.date(2026, 11, 3)


def test_preview_and_messages_speak_a_persons_words(qtbot, demo_db, tmp_path) -> None:
    dialog = _dialog(
        qtbot, demo_db, [_write(tmp_path, "a.csv", GOOD), _write(tmp_path, "b.csv", DAY_FIRST)]
    )
    text = _all_text(dialog)
    assert "learning-record export" in text
    for word in ("xAPI", "%d", "strftime"):
        assert word not in text
    _check(qtbot, dialog)
    model = dialog.preview_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "File" not in headers and "Line" not in headers and "Where" in headers
    assert model.index(0, fm.P_WHERE).data() == "a.csv, row 2"
    comment = model.index(0, fm.P_COMMENT).data()
    assert comment == "What went well? A calm start."  # the Markdown read as plain text
    dialog.date_format.setCurrentIndex(0)
    _check(qtbot, dialog)
    dialog.confirm_import()
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10_000)
    done = dialog.done_text.text()
    assert "File ▸ Backups…" in done and ".sqlite3" not in done
    assert str(dialog.import_result.backup) not in done


def test_files_dropped_on_the_dialog_are_added_and_checked(qtbot, demo_db, tmp_path) -> None:
    dialog = _dialog(qtbot, demo_db)
    assert "Drop a feedback file here" in dialog.file_list.accessibleDescription()
    assert not dialog.check_button.isEnabled()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_write(tmp_path, "a.csv", GOOD)))])
    assert _drag(dialog, mime) == (True, True)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy, timeout=10_000)
    assert dialog.file_list.count() == 1 and dialog.plan.new_count == 2


def test_problems_name_the_windows_choices_not_command_line_options(
    qtbot, demo_db, tmp_path
) -> None:
    unknown = "date,mentor,skill,rating,comment\n2026-11-20,Ms Adeyemi,ZZ9,3,Calm.\n"
    no_mentor = "date,skill,rating,Notes\n2026-11-20,CL1,3,Calm start\n"
    dialog = _dialog(
        qtbot, demo_db, [_write(tmp_path, "u.csv", unknown), _write(tmp_path, "m.csv", no_mentor)]
    )
    _check(qtbot, dialog)
    dialog._show(2)
    model, page = dialog.preview_model, dialog.preview_page
    shown = [model.index(r, fm.P_STATUS).data() for r in range(model.rowCount())]
    shown += [model.index(r, fm.P_STATUS).data(Qt.ItemDataRole.ToolTipRole) or "" for r in
              range(model.rowCount())]  # fmt: skip
    shown += [page.problems.item(i).text() for i in range(page.problems.count())]
    text = "\n".join(shown)
    assert "ZZ9" in text and "say which column holds it" in text
    for program in ("--map", "--create-missing-skills", "plnjournal ", ".csv:"):
        assert program not in text
