"""Text from other people in the window: every window and dialog, fed a journal whose names,
comments, titles and tags are markup, shows that text literally (plain text or escaped HTML,
never Qt's rich-text guess), and no file an ``<img src>`` names is ever opened."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from plnjournal.paths import user_reflection_models_dir
from tests.conftest import TODAY
from tests.gui.hostile import (
    MARK,
    FifoBait,
    build_hostile_journal,
    feedback_csv,
    hostile_reflection_model,
    hostile_strings,
    message_box_problem,
    walk_problems,
)


@pytest.fixture
def bait(tmp_path: Path):
    fifo = FifoBait(tmp_path / "bait")
    yield fifo
    fifo.close()


@pytest.fixture
def hostile(db, tmp_path: Path, bait: FifoBait):
    spoof, tagged = hostile_strings(bait.path)
    hostile_reflection_model(user_reflection_models_dir(), spoof, tagged)
    build_hostile_journal(db, tmp_path, spoof, tagged, TODAY)
    return db, spoof, tagged


def _settle() -> None:
    from plnjournal.gui.tasks import busy, wait_for_background_work

    for _ in range(4):
        while busy():
            wait_for_background_work()
            QApplication.processEvents()
        QApplication.processEvents()


def _open_everything(qtbot, window, db, tmp_path: Path, spoof: str, tagged: str) -> QWidget:
    """Every window and dialog over the hostile journal; returns the feedback import dialog."""
    from plnjournal.gui.report.feature import open_dialog as open_report
    from plnjournal.gui.shell.backups_dialog import BackupsDialog
    from plnjournal.gui.skills.framework_editor import FrameworkEditorDialog
    from plnjournal.gui.skills.self_assessment import SelfAssessmentDialog
    from plnjournal.storage.models import Skill

    # A new mentor file (not yet imported), checked in the import dialog.
    fresh = tmp_path / "new-mentor.csv"
    fresh.write_text(feedback_csv(spoof, tagged, TODAY - dt.timedelta(days=1)), encoding="utf-8")
    window.feedback_feature.open_import([fresh])
    importer = window.feedback_feature.import_dialog
    qtbot.waitUntil(lambda: importer.plan is not None and not importer.busy, timeout=20_000)
    window.feedback_feature.show_feedback(inbox=True)
    window.feedback_feature.show_feedback(inbox=False)
    window.skills_feature.show_matrix()
    with db.session() as s:
        h1 = s.query(Skill).filter_by(code="H1").one().id
    window.skills_feature.show_history(h1)
    for dialog in (FrameworkEditorDialog(db, window), SelfAssessmentDialog(db, window)):
        qtbot.addWidget(dialog)
        dialog.show()
    window.insights_feature.show()
    open_report(window)
    backups = BackupsDialog(db, window, before_restore=lambda: None, after_restore=lambda: None)
    qtbot.addWidget(backups)
    backups.show()
    # A journal to import whose titles and tags are hostile (jrnl's JSON export).
    journal = tmp_path / "other.json"
    entry = {"date": "2026-11-01", "time": "09:00", "title": spoof, "body": tagged}
    journal.write_text(json.dumps({"entries": [entry | {"tags": ["@" + tagged]}]}))
    journal_import = window.journal_transfer.import_dialog()
    qtbot.addWidget(journal_import)
    journal_import.show()
    journal_import.set_path(journal)
    _settle()
    window.open_search()
    window.show_message(f"Saved {spoof}")
    _settle()
    return importer


def test_every_window_shows_hostile_text_literally(
    qtbot, make_window, hostile, tmp_path, bait
) -> None:
    db, spoof, tagged = hostile
    window = make_window(db)
    qtbot.waitUntil(lambda: window.is_loaded, timeout=30_000)
    _open_everything(qtbot, window, db, tmp_path, spoof, tagged)
    problems, holding = walk_problems()
    assert holding >= 10, "the walk saw too little hostile text to mean anything"
    assert not problems, "\n".join(problems)
    assert bait.opened == 0, "a widget opened the file an <img src> named"


def test_the_feedback_import_preview_shows_the_spoof_as_text(
    qtbot, make_window, hostile, tmp_path, bait
) -> None:
    """The issue's case: a comment that is an image and huge bold words, before any import."""
    db, spoof, tagged = hostile
    window = make_window(db)
    comment = (
        f'<img src="{bait.path}"> <b><font size=7>ALL GOOD - no problems found {MARK}</font></b>'
    )
    path = tmp_path / "spoof.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        rows = [["date", "mentor", "skill", "rating", "comment"]]
        csv.writer(f).writerows(rows + [["2026-11-21", "Ms Adeyemi", "H1", 3, comment]])
    window.feedback_feature.open_import([path])
    dialog = window.feedback_feature.import_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy, timeout=20_000)
    dialog.resize(900, 600)
    _settle()
    detail = dialog.row_detail
    assert "ALL GOOD" in detail.text()
    problems, _ = walk_problems([dialog])
    assert not problems, "\n".join(problems)
    image = dialog.grab().toImage()
    assert image.save(str(tmp_path / "hostile-feedback-import.png"))
    # The markup is the text shown: no image, no size-7 bold words.
    assert detail.textFormat() == Qt.TextFormat.PlainText
    assert "<b><font size=7>ALL GOOD" in detail.text()
    assert bait.opened == 0


def _read_next_box(seen: list[str]) -> None:
    """Check the next message box shown, then close it."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        box.grab()  # laid out and painted, as a user would see it
        seen.append(message_box_problem("message box", box) or box.text())
        box.done(0)

    QTimer.singleShot(0, look)


def test_messages_that_quote_a_file_show_it_as_text(qtbot, bait) -> None:
    from plnjournal.errors import InputError, Problem, ValidationError
    from plnjournal.gui.skills.framework_actions import show_problems
    from plnjournal.gui.tasks import show_error

    spoof, tagged = hostile_strings(bait.path)
    seen: list[str] = []
    _read_next_box(seen)
    show_error(None, InputError(f"{spoof}: line 2: no such skill {tagged}"))
    _read_next_box(seen)
    show_error(None, RuntimeError(spoof))  # a bug's own words
    _read_next_box(seen)
    show_problems(None, "Import", ValidationError([Problem("f.json", 3, "name", spoof)]))
    assert len(seen) == 3 and all(MARK in text for text in seen), seen
    assert bait.opened == 0
