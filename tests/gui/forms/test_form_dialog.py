"""File ▸ Fill in a form…: the details are kept with the journal, the count says what goes on
the form, and the export writes the PDF off the GUI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from plnjournal.core.forms.fill import read_details
from plnjournal.core.forms.spec import find_form
from plnjournal.core.journal.entries import add_entry
from plnjournal.gui.forms.dialog import FormDialog
from plnjournal.gui.tasks import wait_for_background_work
from tests.core.forms.test_fill import nmc_body


def _dialog(qtbot, db) -> FormDialog:
    dialog = FormDialog(db)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded)
    index = dialog.form_box.findData("nmc-reflective-accounts")
    dialog.form_box.setCurrentIndex(index)
    wait_for_background_work()
    return dialog


def test_the_count_the_details_and_the_export(qtbot, db, tmp_path: Path) -> None:
    with db.session() as s:
        add_entry(s, entry_date=dt.date(2026, 10, 1), title="A", body=nmc_body("sepsis"))
        add_entry(
            s, entry_date=dt.date(2026, 10, 2), title="P", body=nmc_body("hidden"), private=True
        )
    dialog = _dialog(qtbot, db)
    qtbot.waitUntil(lambda: "1 reflection will go on the form" in dialog.summary.text())
    assert "1 private reflection left out" in dialog.summary.text()
    assert dialog.export_button.isEnabled() and dialog.export_button.isDefault()
    dialog.detail_edits["own_pin"].setText("99Z9999Z")
    dialog.detail_edits["discussion_date"].setText("2026-11-30")
    out = tmp_path / "nmc.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.export_to(out, open_after=False)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Learned about sepsis." in text and "hidden" not in text
    assert "99Z9999Z" in text and "30 November 2026" in text
    with db.session() as s:
        assert read_details(s, find_form("nmc-reflective-accounts"))["own_pin"] == "99Z9999Z"
    assert "Saved nmc.pdf" in dialog.status.text()


def test_a_bad_date_is_said_and_nothing_written(qtbot, db, tmp_path: Path) -> None:
    with db.session() as s:
        add_entry(s, entry_date=dt.date(2026, 10, 1), title="A", body=nmc_body("sepsis"))
    dialog = _dialog(qtbot, db)
    dialog.detail_edits["discussion_date"].setText("the 31st of Smarch")
    dialog.export_to(tmp_path / "x.pdf", open_after=False)
    wait_for_background_work()
    assert not (tmp_path / "x.pdf").exists()
    assert "Date of the discussion" in dialog.status.text()


def test_no_account_yet_says_how_to_write_one(qtbot, db) -> None:
    dialog = _dialog(qtbot, db)
    qtbot.waitUntil(lambda: "No reflection was written" in dialog.summary.text())
    assert not dialog.export_button.isEnabled()


def test_a_forms_own_words_are_shown_as_plain_text(qtbot, db) -> None:
    """A programme's form file names its details: shown as written, never as markup."""
    import json

    from plnjournal.resources import folder

    from plnjournal.core.forms.spec import user_forms_dir

    data = json.loads(
        folder("forms").joinpath("nmc-reflective-accounts.json").read_text(encoding="utf-8")
    )
    data["id"] = "our-form"
    data["title"] = "Our <b>form</b>"
    data["details"][0]["label"] = "<img src='file:///etc/passwd'>Pin"
    user_forms_dir().mkdir(parents=True)
    (user_forms_dir() / "ours.json").write_text(json.dumps(data), encoding="utf-8")
    dialog = FormDialog(db)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded)
    dialog.form_box.setCurrentIndex(dialog.form_box.findData("our-form"))
    wait_for_background_work()
    assert dialog.form_box.currentText().startswith("Our <b>form</b>")
    label = dialog.details_layout.labelForField(dialog.detail_edits["own_pin"])
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<img src='file:///etc/passwd'>Pin:"
