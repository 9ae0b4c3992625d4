"""Feedback GUI: import dialog (preview, problems in place, mapping, confirm), drops on the
window, the feedback window (inbox, respond), asking for feedback; models pass the tester."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox
from sqlalchemy import func, select

from plnjournal.gui.feedback import models as fm
from plnjournal.gui.feedback.inbox_model import I_WHY
from plnjournal.gui.plain import literal
from plnjournal.storage.models import EntryFeedback, FeedbackItem, FeedbackRequest
from tests.core.feedback.helpers import snapshot

EXAMPLES = Path(__file__).parents[3] / "resources" / "examples"
GOOD = (
    "date,mentor,skill,rating,comment\n"
    "2026-11-20,Ms Adeyemi,CL1,3,Calm start.\n"
    "2026-11-20,Ms Adeyemi,PA1,2,We agreed you would call home; it has not happened.\n"
)
BAD = "date,mentor,skill,rating,comment\n2026-11-20,Ms Adeyemi,IN2,9,Wait longer.\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _items(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(FeedbackItem))


def _checked(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy, timeout=10_000)


def test_import_dialog_previews_confirms_and_imports(
    qtbot, make_window, demo_db, tmp_path, monkeypatch
) -> None:
    window = make_window(demo_db)
    feature = window.feedback_feature
    action = feature.actions["import"]
    assert action.shortcut().toString() == "Ctrl+Shift+I"
    assert action in window.menu("file").actions() and action in window.menu("feedback").actions()
    feature.open_import([_write(tmp_path, "adeyemi.csv", GOOD)])
    dialog = feature.import_dialog
    _checked(qtbot, dialog)
    assert dialog.pages.currentIndex() == 2  # every column known: straight to the preview
    assert dialog.status_counts() == {"new": 2}
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 2 items"
    before = _items(demo_db)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.data_changed, timeout=10_000) as changed:
        dialog.import_button.click()
    assert {"feedback", "ratings"} <= changed.args[0]
    assert _items(demo_db) == before + 2
    assert (
        dialog.pages.currentIndex() == 3 and "Imported 2 feedback items" in dialog.done_text.text()
    )
    assert "backup" in dialog.done_text.text()


def test_problems_are_shown_in_place_and_nothing_is_written(
    qtbot, make_window, demo_db, tmp_path
) -> None:
    window = make_window(demo_db)
    before = snapshot(demo_db.path)
    window.feedback_feature.open_import(
        [_write(tmp_path, "good.csv", GOOD), _write(tmp_path, "feedback.csv", BAD)]
    )
    dialog = window.feedback_feature.import_dialog
    _checked(qtbot, dialog)
    assert not dialog.import_button.isEnabled()
    assert "1 problem to fix first" in dialog.summary.text()
    assert dialog.proxy.rowCount() == 1  # the view shows the problem rows first
    model = dialog.preview_model
    bad = next(r for r, row in enumerate(model.rows) if row.status == "error")
    status = model.index(bad, fm.P_STATUS).data()
    assert status == "✗ rating: 9 is outside the scale 1–5"
    assert model.cell_tone(model.rows[bad], fm.P_RATING) == fm.Tone.BAD
    assert model.cell_tone(model.rows[bad], fm.P_DATE) == fm.Tone.NONE
    assert model.index(bad, fm.P_RATING).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "feedback.csv, row 2" in dialog.row_detail.text()
    dialog.confirm_import()  # refused: nothing to confirm while there is a problem
    assert snapshot(demo_db.path) == before


def test_mapping_step_for_unrecognised_columns(qtbot, make_window, demo_db, tmp_path) -> None:
    window = make_window(demo_db)
    form = "Timestamp,Your name,How were the starts?\n2026/11/20 9:00:00 AM GMT,Ms Adeyemi,4\n"
    window.feedback_feature.open_import([_write(tmp_path, "form.csv", form)])
    dialog = window.feedback_feature.import_dialog
    _checked(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1  # the mapping step comes first
    table = dialog.mapping_table
    row = next(
        r for r in range(table.rowCount()) if "How were the starts?" in table.item(r, 0).text()
    )
    combo = table.cellWidget(row, 3)
    assert isinstance(combo, QComboBox) and combo.currentData() is None
    assert table.item(row, 2).text() == "4"  # an example value
    combo.setCurrentIndex(combo.findData("rating:CL1"))
    dialog.plan = None
    dialog.check_button.click()
    _checked(qtbot, dialog)
    assert dialog.pages.currentIndex() == 2
    assert [r.skill for r in dialog.preview_model.rows] == ["CL1 Managing transitions"]
    assert dialog.import_button.isEnabled()


def _drag(target, mime: QMimeData) -> tuple[bool, bool]:
    """Drag ``mime`` onto ``target`` and drop it, as a file manager would."""
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_files_dropped_on_the_window_open_the_import(qtbot, make_window, demo_db, tmp_path) -> None:
    window = make_window(demo_db)
    path = _write(tmp_path, "dropped.csv", GOOD)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    body = window.journal.editor.body
    text_before = body.toPlainText()
    assert _drag(body.viewport(), mime) == (True, True)  # the editor would paste the path
    dialog = window.feedback_feature.import_dialog
    assert dialog is not None and dialog.paths() == [path]
    _checked(qtbot, dialog)
    assert dialog.plan.new_count == 2
    assert body.toPlainText() == text_before
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.png"))])
    from plnjournal.gui.feedback.feature import dropped_feedback_files

    enter = QDragEnterEvent(
        QPoint(1, 1),
        Qt.DropAction.CopyAction,
        other,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert dropped_feedback_files(enter) == []  # not a feedback file: not ours


def test_inbox_respond_writes_a_linked_reflection_and_opens_it(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    window.feedback_feature.show_feedback(inbox=True)
    fw = window.feedback_feature.feedback_window
    inbox = fw.inbox
    qtbot.waitUntil(lambda: len(inbox.model.rows) > 0, timeout=10_000)  # read off the GUI thread
    n = len(inbox.model.rows)
    assert n > 0 and fw.tabs.tabText(0) == f"Inbox ({n})"
    first = inbox.current_item()
    assert first is not None and first == inbox.model.rows[0]  # the newest of the first group
    assert "Waiting for a reflection" in inbox.detail.toPlainText()
    with qtbot.waitSignal(window.data_changed) as changed:
        inbox.respond_button.click()
    assert {"entries", "feedback"} <= changed.args[0]
    qtbot.waitUntil(lambda: len(inbox.model.rows) == n - 1, timeout=10_000)
    with demo_db.session() as s:
        link = s.scalars(
            select(EntryFeedback).where(EntryFeedback.feedback_item_id == first.id)
        ).one()
    assert window.journal.editor.body.toPlainText().startswith(">")  # the quote, open to edit
    assert link.entry_id


def test_comments_are_rendered_sanitized(qtbot, demo_db) -> None:
    import datetime as dt

    from plnjournal.core.feedback.inbox import FeedbackRow
    from plnjournal.gui.feedback.view import FeedbackPanel, item_html

    row = FeedbackRow(
        1,
        dt.date(2026, 11, 3),
        "<b>Eve</b>",
        1,
        "CL1",
        "Managing transitions",
        3,
        2,
        "Advanced beginner",
        "See [notes](https://example.org) <script>alert(1)</script>"
        '<img src="https://tracker.example/x.png"> <a href="javascript:alert(1)">x</a>',
        "f.csv",
        4,
        False,
        "rated 2",
    )
    html = item_html(row)
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html and 'href="https://example.org"' in html
    panel = FeedbackPanel(demo_db, inbox=False)
    qtbot.addWidget(panel)
    assert not panel.detail.openLinks() and not panel.detail.openExternalLinks()
    assert panel.detail.loadResource(2, QUrl("https://tracker.example/x.png")) is None


def test_ask_for_feedback_writes_a_template_and_records_it(qtbot, demo_db, tmp_path) -> None:
    from plnjournal.gui.feedback.request_dialog import FeedbackRequestDialog

    dialog = FeedbackRequestDialog(demo_db)
    qtbot.addWidget(dialog)
    assert not dialog.skills.isEnabled()  # the skills are still being read
    qtbot.waitUntil(lambda: dialog.loaded)
    dialog._tick(False)
    assert not dialog.save_button.isEnabled()
    for i in range(3):
        dialog.skills.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.mentor.setText("Ms Adeyemi")
    dialog.format.setCurrentIndex(dialog.format.findData(".md"))
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):  # written off the GUI thread
        dialog.save(tmp_path / "ask.md")
    assert (
        dialog.written == tmp_path / "ask.md" and "mentor: Ms Adeyemi" in dialog.written.read_text()
    )
    with demo_db.session() as s:
        request = s.scalars(select(FeedbackRequest).order_by(FeedbackRequest.id.desc())).first()
        assert (request.mentor, len(request.skills)) == ("Ms Adeyemi", 3)


@pytest.mark.parametrize("inbox", [True, False])
def test_models_pass_the_model_tester(qtmodeltester, demo_db, inbox, tmp_path) -> None:
    from plnjournal.core.feedback.importer import ImportOptions, plan_import
    from plnjournal.core.feedback.inbox import list_feedback, unanswered_feedback
    from plnjournal.gui.feedback.filter_proxy import FeedbackFilterProxy
    from plnjournal.gui.feedback.inbox_model import InboxModel

    with demo_db.session() as s:
        rows = unanswered_feedback(s) if inbox else list_feedback(s)
        plan = plan_import(
            s, [_write(tmp_path, "p.csv", GOOD + BAD.split("\n", 1)[1])], ImportOptions()
        )
    model = InboxModel() if inbox else fm.FeedbackListModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    proxy = FeedbackFilterProxy()
    proxy.setSourceModel(model)
    before = proxy.rowCount()
    proxy.set_text("call")
    assert 0 < proxy.rowCount() < before
    qtmodeltester.check(proxy, force_py=True)
    preview = fm.PreviewModel()
    preview.set_rows(plan.rows)
    qtmodeltester.check(preview, force_py=True)


PRAISE_TEST = (
    "date,mentor,skill,rating,comment\n"
    "2026-11-21,Ms Adeyemi,CL1,5,Rushed the handover and omitted the checks.\n"
    '2026-11-22,Ms Adeyemi,CL1,5,"Not a single error… excellent."\n'
)


def _praise_rows(panel, item_id):
    return [row for row in panel.model.rows if row.id == item_id]


def test_cues_are_shown_and_praise_is_marked_and_taken_back(
    qtbot, make_window, demo_db, tmp_path
) -> None:
    from plnjournal.core.feedback.importer import ImportOptions, import_feedback
    from tests.conftest import TODAY

    path = _write(tmp_path, "praise.csv", PRAISE_TEST)
    assert import_feedback(demo_db, [path], ImportOptions(today=TODAY)).imported == 2
    with demo_db.session() as s:
        item_id = s.scalar(select(FeedbackItem.id).where(FeedbackItem.comment.startswith("Rushed")))
        praise_id = s.scalar(select(FeedbackItem.id).where(FeedbackItem.comment.startswith("Not")))
    window = make_window(demo_db)
    window.feedback_feature.show_feedback(inbox=True)
    fw = window.feedback_feature.feedback_window
    inbox = fw.inbox
    qtbot.waitUntil(lambda: bool(_praise_rows(inbox, item_id)), timeout=10_000)
    assert not _praise_rows(inbox, praise_id)  # praise with negations never waits
    inbox.select_item(item_id)
    cell = inbox.table.currentIndex().siblingAtColumn(I_WHY)
    assert cell.data() == "\u201cRushed the handover\u201d, \u201comitted the checks\u201d"
    detail = inbox.detail.toPlainText()
    assert (
        "asks for change: \u201cRushed the handover\u201d, \u201comitted the checks\u201d" in detail
    )
    assert "If the comment was praise, say so with This was praise" in detail
    assert inbox.praise_button.isEnabled() and inbox.praise_button.text() == "This was praise"
    with qtbot.waitSignal(window.data_changed, timeout=10_000) as changed:
        inbox.praise_button.click()
    assert "feedback" in changed.args[0]
    qtbot.waitUntil(lambda: not _praise_rows(inbox, item_id), timeout=10_000)
    assert inbox.notice_bar.isVisible()
    assert inbox.notice.text() == (
        "Ms Adeyemi\u2019s feedback on CL1 (21 Nov 2026)".join(["Marked ", " as praise; "])
        + "it left the inbox and stays in All feedback, marked."
    )
    with demo_db.session() as s:
        item = s.get(FeedbackItem, item_id)
        assert item.praise_marked_at is not None and item.comment.startswith("Rushed")
    # Still listed with all feedback, marked.
    fw.show_tab(inbox=False)
    qtbot.waitUntil(
        lambda: [r.praise_marked for r in _praise_rows(fw.all, item_id)] == [True], timeout=10_000
    )
    fw.all.select_item(item_id)
    [row] = _praise_rows(fw.all, item_id)
    assert row.praise_marked and fw.all.praise_button.text() == "Not praise after all"
    state = fw.all.proxy.index(fw.all.table.currentIndex().row(), fm.F_STATE).data()
    assert state == "marked as praise"
    assert "You marked this comment as praise" in fw.all.detail.toPlainText()
    # Undo from the inbox's notice brings it back.
    fw.show_tab(inbox=True)
    inbox.undo_button.click()
    qtbot.waitUntil(lambda: bool(_praise_rows(inbox, item_id)), timeout=10_000)
    with demo_db.session() as s:
        assert s.get(FeedbackItem, item_id).praise_marked_at is None


def test_praise_tooltips_and_notices_are_plain_text() -> None:
    import datetime as dt

    from plnjournal.core.feedback.inbox import FeedbackRow

    row = FeedbackRow(
        1, dt.date(2026, 11, 3), "<b>Eve</b>", 1, "CL1", "Managing transitions", 3, 3, "",
        "<i>Late</i> again", "f.csv", 4, False, "", ("Late</i> again",), True,
    )  # fmt: skip
    assert (
        literal(row.comment) == "<p style='white-space:pre-wrap'>&lt;i&gt;Late&lt;/i&gt; again</p>"
    )
    notice = fm.praise_notice(row, inbox=False)
    assert notice.startswith("Marked <b>Eve</b>\u2019s feedback on CL1 (3 Nov 2026) as praise")
