"""The quiet depth line under the editor, and File ▸ Reflection language… (docs/depth.md)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog

from plnjournal.core.journal.settings import journal_language, set_journal_language
from plnjournal.core.palette import palette as palette_of
from plnjournal.gui.shell import journal_language as language_module
from plnjournal.gui.tasks import busy
from plnjournal.gui.theme import is_dark
from tests.core.insights.test_depth import ENGLISH_PROSE, FRENCH_PROSE


@pytest.fixture
def answer_language(monkeypatch: pytest.MonkeyPatch):
    """The language dialog answers by itself with ``code`` (None: detect)."""

    def answer(code: str | None) -> None:
        def exec_(dialog: language_module.LanguageDialog) -> int:
            dialog.choice.setCurrentIndex(dialog.choice.findData(code))
            return QDialog.DialogCode.Accepted.value

        monkeypatch.setattr(language_module.LanguageDialog, "exec", exec_)

    return answer


def test_the_line_follows_the_typing_quietly(qtbot, make_window, teaching_db, tmp_path) -> None:
    window = make_window(teaching_db)
    editor = window.journal.editor
    line = editor.depth_line
    qtbot.waitUntil(lambda: window.is_loaded and not busy())
    assert line.text() == ""  # an empty reflection says nothing
    # quiet: the palette's muted colour, which holds 4.5:1 (the placeholder grey did not)
    muted = palette_of(is_dark(line.palette())).muted
    assert line.palette().color(QPalette.ColorRole.WindowText).name().upper() == muted.upper()
    qtbot.keyClicks(editor.body, "I will do better.")
    assert line.text() == ""  # not at every keystroke: once typing pauses
    qtbot.waitUntil(lambda: line.text() != "")
    assert line.full_text() == "Depth: Descriptive writing — nothing beyond what happened"
    editor.body.setPlainText(ENGLISH_PROSE)
    qtbot.waitUntil(lambda: line.full_text().startswith("Depth: Dialogic"))
    assert line.full_text() == (
        "Depth: Dialogic — analyses in the first person, considers causes, weighs alternatives, "
        "names feelings, a concrete next step, refers to feedback or evidence"
    )
    tip = line.toolTip()
    assert "  • considers causes" in tip
    assert "119 words, read as English (detected from the text)" in tip
    assert "The next level needs: at least 150 words" in tip
    # at 1024 px the editor's column is narrow: the line is elided, never widened
    assert line.text().endswith("…")
    assert line.width() <= editor.width()
    assert line.fontMetrics().horizontalAdvance(line.text()) <= line.contentsRect().width()
    assert window.grab().save(str(tmp_path / "depth.png"))  # to look at: the line under the editor


def test_the_journal_language_is_read_and_chosen_in_the_window(
    qtbot, make_window, teaching_db, answer_language
) -> None:
    with teaching_db.session() as s:
        set_journal_language(s, "en")
    window = make_window(teaching_db)
    line = window.journal.editor.depth_line
    qtbot.waitUntil(lambda: window.is_loaded and not busy())
    assert line.language == "en"  # read once the journal has loaded
    window.journal.editor.body.setPlainText(FRENCH_PROSE)
    line.update_now()
    assert not line.full_text().startswith("Depth: Dialogic")  # French read as English
    answer_language("fr")
    with qtbot.waitSignal(window.data_changed, timeout=30000) as changed:
        window.actions_by_name["language"].trigger()
    assert changed.args == [{"settings"}]
    assert line.language == "fr"
    assert line.full_text().startswith("Depth: Dialogic")
    assert "read as French (the journal's setting)" in line.toolTip()
    assert window.status_text.text() == "Reflections are now read as French."
    with teaching_db.session() as s:
        assert journal_language(s) == "fr"
    answer_language(None)
    with qtbot.waitSignal(window.data_changed, timeout=30000):
        window.actions_by_name["language"].trigger()
    assert line.language is None
    assert window.status_text.text() == "Each reflection's language is now detected from its text."
