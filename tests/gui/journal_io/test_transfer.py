"""File → Import journal… / Export journal…: preview, import in the background, export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import func, select

from plnjournal.core.journal_io.importer import PreviewRow
from plnjournal.gui.journal_io.preview_model import DATE, LINKS, TITLE, ImportPreviewModel
from plnjournal.gui.tasks import wait_for_background_work
from plnjournal.storage.models import Entry

FIXTURES = Path(__file__).parents[2] / "fixtures"


def _count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Entry))


def _no_message_boxes(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text)
    )
    return shown


def test_preview_model(qtmodeltester) -> None:
    model = ImportPreviewModel()
    model.set_rows(
        [
            PreviewRow(dt.date(2026, 11, 2), dt.time(7, 45), "Call", ("PA1",), ("parents",), "j:1"),
            PreviewRow(dt.date(2026, 11, 3), None, "", (), (), "j:4"),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, LINKS).data() == "PA1  #parents"
    assert model.index(1, TITLE).data() == "(no title)"
    assert model.index(0, DATE).data() == "2026-11-02"


def test_import_shows_a_preview_then_imports(qtbot, teaching_db, monkeypatch) -> None:
    from plnjournal.gui.journal_io.import_dialog import ImportJournalDialog

    shown = _no_message_boxes(monkeypatch)
    dialog = ImportJournalDialog(teaching_db)
    qtbot.addWidget(dialog)
    dialog.set_path(FIXTURES / "jrnl" / "journal.txt")
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
    assert dialog.model.rowCount() == 10
    assert "<b>10</b> reflections will come in" in dialog.summary.text()
    assert "PA1 (1)" in dialog.summary.text()
    assert dialog.import_button.text() == "&Import 10 reflections"
    assert _count(teaching_db) == 0  # the preview writes nothing
    with qtbot.waitSignal(dialog.imported, timeout=30000) as blocker:
        dialog.import_button.click()
    assert blocker.args[0]["imported"] == 10
    assert _count(teaching_db) == 10
    assert shown and shown[0].startswith("Imported 10 reflections.")
    assert wait_for_background_work()


def test_problems_are_listed_and_nothing_can_be_imported(qtbot, teaching_db, tmp_path) -> None:
    from plnjournal.gui.journal_io.import_dialog import ImportJournalDialog

    bad = tmp_path / "j.txt"
    bad.write_text("[2026-11-27 09:00] Fine.\n\n[2026-11-31 09:00] No such day.\n")
    dialog = ImportJournalDialog(teaching_db)
    qtbot.addWidget(dialog)
    dialog.set_path(bad)
    qtbot.waitUntil(lambda: dialog.warnings.count() == 1, timeout=20000)
    assert dialog.warnings.item(0).text().startswith(f"{bad}:3: ")
    assert "cannot be imported" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert wait_for_background_work()


def test_warnings_and_format_choice(qtbot, teaching_db) -> None:
    from plnjournal.gui.journal_io.import_dialog import ImportJournalDialog

    dialog = ImportJournalDialog(teaching_db)
    qtbot.addWidget(dialog)
    dialog.set_format("markdown")
    dialog.set_path(FIXTURES / "markdown" / "obsidian")
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
    assert dialog.model.rowCount() == 3
    assert dialog.warnings.count() == 1 and "Reading list.md" in dialog.warnings.item(0).text()
    assert wait_for_background_work()


def test_file_menu_import_and_export(qtbot, demo_db, tmp_path, monkeypatch) -> None:
    from plnjournal.gui.journal_io.export_dialog import ExportJournalDialog
    from plnjournal.gui.shell.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menu("file").actions()]
    assert texts.index("Import &journal…") < texts.index("E&xport journal…") < texts.index("&Quit")

    shown = _no_message_boxes(monkeypatch)
    total = _count(demo_db)
    dialog = ExportJournalDialog(demo_db, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "reflections" in dialog.whole.text())  # counted off the GUI thread
    assert f"{total} reflections" in dialog.whole.text()
    dialog.period.setChecked(True)
    dialog.date_from.setDate(dialog.date_from.date().addDays(365 - 30))
    qtbot.waitUntil(lambda: "will be exported" in dialog.count.text())
    assert "reflections will be exported as Markdown files" in dialog.count.text()
    dest = tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    dialog.dest.setText(str(dest))
    dialog.choose_destination()  # keeps the folder name, in the chosen place
    assert dialog.dest.text() == str(dest)
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        dialog.export_button.click()
    files = list(dest.glob("*.md"))
    assert files and len(files) == dialog.result_summary["entries"] < total
    assert shown and shown[0].startswith(f"Exported {len(files)} reflections")

    json_dialog = ExportJournalDialog(demo_db, window)
    qtbot.addWidget(json_dialog)
    json_dialog.json.setChecked(True)
    json_dialog.include_private.setChecked(True)
    assert json_dialog.dest.text().endswith(".json")
    json_dialog.dest.setText(str(tmp_path / "all.json"))
    with qtbot.waitSignal(json_dialog.accepted, timeout=30000):
        json_dialog.export_button.click()
    assert json_dialog.result_summary["entries"] == total
    assert wait_for_background_work()


def test_private_reflections_stay_out_of_the_windows_export_unless_asked(
    qtbot, demo_db, tmp_path, monkeypatch
) -> None:
    """``add --private`` promises "never exported unless asked": the dialog's choice is off by
    default, says how many it leaves out, and the file holds none of them."""
    from plnjournal.gui.journal_io.export_dialog import ExportJournalDialog

    shown = _no_message_boxes(monkeypatch)
    total = _count(demo_db)
    with demo_db.session() as s:
        private = {
            t for (t,) in s.execute(select(Entry.title).where(Entry.private.is_(True))).all()
        }
        n = s.scalar(select(func.count()).select_from(Entry).where(Entry.private.is_(True)))
    assert private, "the demo journal has private reflections"

    def export(name: str, *, with_private: bool) -> dict:
        dialog = ExportJournalDialog(demo_db)
        qtbot.addWidget(dialog)
        assert not dialog.include_private.isChecked()
        dialog.json.setChecked(True)
        dialog.include_private.setChecked(with_private)
        dialog.dest.setText(str(tmp_path / name))
        qtbot.waitUntil(lambda: "will be exported" in dialog.count.text())
        expected = f"{total if with_private else total - n} reflections will be exported"
        qtbot.waitUntil(lambda: dialog.count.text().startswith(expected))
        assert (f"{n} private reflections left out" in dialog.count.text()) != with_private
        with qtbot.waitSignal(dialog.accepted, timeout=30000):
            dialog.export_button.click()
        return json.loads((tmp_path / name).read_text(encoding="utf-8"))

    without = export("shared.json", with_private=False)
    titles = {e["title"] for e in without["tables"]["entries"]}
    assert len(without["tables"]["entries"]) == total - n and not titles & private
    assert not any(e["private"] for e in without["tables"]["entries"])
    assert f"{n} private reflections left out" in shown[-1]
    everything = export("all.json", with_private=True)
    assert private <= {e["title"] for e in everything["tables"]["entries"]}
    assert "left out" not in shown[-1]
    assert wait_for_background_work()


def test_restore_from_json_refreshes_every_view(qtbot, demo_db, db, tmp_path, monkeypatch) -> None:
    from plnjournal.core.journal_io.export import export_journal
    from plnjournal.gui.journal_io.import_dialog import CHANGED_BY_RESTORE
    from plnjournal.gui.shell.main_window import MainWindow

    _no_message_boxes(monkeypatch)
    with demo_db.session() as s:
        export_journal(s, tmp_path / "all.json", "json", include_private=True)
    window = MainWindow(db)
    qtbot.addWidget(window)
    changed: list[set] = []
    window.data_changed.connect(changed.append)
    dialog = window.journal_transfer.import_dialog()
    qtbot.addWidget(dialog)
    dialog.set_path(tmp_path / "all.json")
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
    assert "full PLN Journal export" in dialog.summary.text()
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        dialog.import_button.click()
    assert _count(db) == _count(demo_db)
    assert changed == [set(CHANGED_BY_RESTORE)]
    assert wait_for_background_work()
