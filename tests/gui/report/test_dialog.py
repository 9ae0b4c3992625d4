"""The export dialog: choices, preview, privacy in the entry list, export off the GUI thread."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt

from plnjournal.core.journal.entries import add_entry, update_entry
from plnjournal.core.journal.settings import OWNER_NAME, OWNER_ROLE, get_setting
from plnjournal.core.report.content import PeriodEntry, ReportOptions
from plnjournal.gui.report import dialog as rd
from plnjournal.gui.report import work
from plnjournal.gui.report.entries_model import ReportEntriesModel
from plnjournal.gui.report.page_preview import PREVIEW_WIDTH
from plnjournal.gui.tasks import wait_for_background_work
from tests.conftest import TODAY

SECRET = "Axolotl-private-9"


def _entries() -> list[PeriodEntry]:
    day = dt.date(2026, 11, 1)
    return [
        PeriodEntry(1, day, "Public highlight", private=False, highlight=True),
        PeriodEntry(2, day, "Private highlight", private=True, highlight=True),
        PeriodEntry(3, day, "Ordinary", private=False, highlight=False),
    ]


def test_entries_model_contract(qtmodeltester) -> None:
    model = ReportEntriesModel()
    model.set_entries(_entries())
    qtmodeltester.check(model, force_py=True)


def test_private_entries_are_unticked_and_locked_until_allowed(qtbot) -> None:
    model = ReportEntriesModel()
    model.set_entries(_entries())
    assert model.checked_ids() == (1,)  # highlights, but not the private one
    private = model.index(1)
    assert "private" in private.data()
    assert not private.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(private, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    model.set_private_allowed(True)
    assert model.setData(private, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_ids() == (1, 2)
    model.set_private_allowed(False)  # switching it off unticks it again
    assert model.checked_ids() == (1,)


def test_untouched_ticks_leave_the_choice_to_the_report(qtbot) -> None:
    """While the ticks are what the report would pick (the highlights), the dialog passes
    none, so with no highlight the report picks the deepest reflections itself."""
    model = ReportEntriesModel()
    model.set_entries(_entries())
    assert model.chosen_ids(include_private=False) is None
    model.set_checked({1, 3})
    assert model.chosen_ids(include_private=False) == (1, 3)
    model.set_checked(set())
    assert model.chosen_ids(include_private=False) == ()  # none, on purpose
    plain = ReportEntriesModel()
    plain.set_entries([e for e in _entries() if not e.highlight])
    assert plain.checked_ids() == () and plain.chosen_ids(include_private=False) is None
    model.set_private_allowed(True)
    model.set_checked({1})  # the private highlight left out on purpose
    assert model.chosen_ids(include_private=True) == (1,)


@pytest.fixture
def journal(demo_db):
    with demo_db.session() as s:
        e = add_entry(s, entry_date=TODAY, title="Private note", body=SECRET, private=True)
        update_entry(s, e.id, highlight=True)
        shown = add_entry(s, entry_date=TODAY, title="Shared highlight", body="Shared text")
        update_entry(s, shown.id, highlight=True)
    return demo_db


def _dialog(qtbot, db, *, charts: bool = False) -> rd.ReportDialog:
    """The dialog with its first preview made; without the charts unless a test is about
    them (drawing them is most of a preview's time)."""
    dialog = rd.ReportDialog(db, None, today=TODAY)
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled()  # the saved cover is still being read
    qtbot.waitUntil(lambda: dialog.loaded)
    dialog.section_boxes["charts"].setChecked(charts)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.pages), timeout=30000)
    return dialog


def test_dialog_opens_on_the_default_period_with_a_preview(qtbot, journal) -> None:
    dialog = _dialog(qtbot, journal)
    assert dialog.period() == (dt.date(2026, 8, 29), TODAY)
    assert dialog.preview_label.text() == f"Preview · {len(dialog.pages)} pages"
    assert len(dialog.pages) >= 4 and dialog.pages[0].width() == PREVIEW_WIDTH * 2
    options = dialog.options()
    assert not options.include_private and not options.anonymize_mentors
    titles = {dialog.entries_model.index(r).data() for r in range(dialog.entries_model.rowCount())}
    assert any("Private note" in t and "private" in t for t in titles)
    checked = dialog.entries_model.checked_ids()
    assert len(checked) == 1  # the shared highlight only
    # Leaving a section out changes the preview.
    before = len(dialog.pages)
    dialog.section_boxes["commitments"].setChecked(False)
    dialog.section_boxes["feedback"].setChecked(False)
    qtbot.waitUntil(lambda: len(dialog.pages) < before, timeout=30000)
    assert "commitments" not in dialog.options().sections
    dialog.preset.setCurrentIndex(2)  # 12 months
    assert dialog.period() == (dt.date(2025, 11, 29), TODAY)
    wait_for_background_work()


def test_export_writes_the_pdf_saves_the_cover_and_opens_it(
    qtbot, journal, tmp_path: Path, monkeypatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        rd.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    dialog = _dialog(qtbot, journal, charts=True)
    dialog.name_edit.setText("Sam Taylor")
    dialog.role_edit.setText("Early-career teacher")
    dialog.anonymize_box.setChecked(True)
    dialog.paper.setCurrentIndex(1)  # Letter
    qtbot.waitUntil(lambda: dialog._charts[0] == (dialog.options(), "letter"), timeout=60000)
    import plnjournal.core.report.charts as report_charts

    drawn: list[int] = []
    real = report_charts.chart_images
    monkeypatch.setattr(
        report_charts, "chart_images", lambda *a, **k: drawn.append(1) or real(*a, **k)
    )
    out = tmp_path / "progress.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        dialog.export_to(out)
    assert drawn == []  # the preview's charts were reused, not drawn again
    assert blocker.args == [str(out)] and opened == [str(out)]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Sam Taylor" in text and "Shared text" in text
    assert SECRET not in text and "Okafor" not in text
    assert round(float(PdfReader(out).pages[0].mediabox.width)) == 612
    with journal.session() as s:
        assert get_setting(s, OWNER_NAME) == "Sam Taylor"
        assert get_setting(s, OWNER_ROLE) == "Early-career teacher"
    assert "Saved" in dialog.status.text()
    wait_for_background_work()


def test_private_reflection_can_be_included_on_purpose(qtbot, journal, tmp_path, monkeypatch):
    monkeypatch.setattr(rd.QDesktopServices, "openUrl", lambda url: None)
    dialog = _dialog(qtbot, journal)
    dialog.private_box.setChecked(True)
    model = dialog.entries_model
    row = next(r for r in range(model.rowCount()) if "Private note" in model.index(r).data())
    model.setData(model.index(row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    out = tmp_path / "with-private.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.export_to(out)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert SECRET in text
    wait_for_background_work()


def test_a_bad_period_says_so_instead_of_a_preview(qtbot, journal) -> None:
    dialog = _dialog(qtbot, journal)
    dialog.start_edit.setDate(dialog.end_edit.date().addDays(5))
    qtbot.waitUntil(lambda: "before the start" in dialog.preview_label.text(), timeout=10000)
    wait_for_background_work()


def test_file_menu_opens_the_dialog(qtbot, journal) -> None:
    from plnjournal.gui.report.feature import open_dialog
    from plnjournal.gui.shell.main_window import MainWindow

    window = MainWindow(journal)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menu("file").actions()]
    assert texts.index("Export progress &report…") < texts.index("&Quit")
    dialog = open_dialog(window)
    assert isinstance(dialog, rd.ReportDialog) and open_dialog(window) is dialog
    qtbot.waitUntil(lambda: bool(dialog.pages), timeout=30000)
    dialog.close()
    wait_for_background_work()


def test_closing_while_a_preview_is_being_made_is_safe(qtbot, journal) -> None:
    import shiboken6

    dialog = rd.ReportDialog(journal, None, today=TODAY)
    dialog.show()
    qtbot.waitUntil(lambda: dialog._preview_running, timeout=10000)
    dialog.close()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=10000)
    assert wait_for_background_work()  # the preview finishes into nothing, without an error
    qtbot.wait(50)  # let its result be delivered


def test_the_previews_document_is_deleted_on_its_worker(journal, monkeypatch) -> None:
    # Left to Python's collector, a worker's QTextDocument was destroyed on the GUI thread,
    # which could deadlock with the next preview's layout (bench/preview_stress.py).
    built = []
    real = work.build_document
    monkeypatch.setattr(work, "build_document", lambda *a: built.append(real(*a)) or built[-1])
    start, end = TODAY - dt.timedelta(days=30), TODAY
    options = ReportOptions(start=start, end=end, sections=("summary",), generated_on=TODAY)
    pages: list = []
    worker = threading.Thread(
        target=lambda: pages.append(
            work.render_preview(journal, options, "a4", ("", ""), lambda *_: None)
        )
    )
    worker.start()
    worker.join()
    assert pages and pages[0][0]  # the images came back
    (document,) = built
    assert not shiboken6.isValid(document.doc) and not shiboken6.isValid(document._charts)
