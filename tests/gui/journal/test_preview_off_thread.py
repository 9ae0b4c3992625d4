"""The editor's preview renders Markdown on a worker: typing never waits for it, a slow render
shows the plain text meanwhile, and nested tables reach Qt's layout flattened (issue 18, #2)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QTextFrame, QTextTable

from plnjournal.core import render
from plnjournal.gui.journal import markdown_preview
from plnjournal.gui.journal.markdown_preview import MarkdownPreview


def _table_depth(frame: QTextFrame) -> int:
    """How deep tables nest in a laid-out document (Qt's own structure, not the HTML)."""
    deepest, todo = 0, [(frame, 0)]
    while todo:
        f, depth = todo.pop()
        depth += isinstance(f, QTextTable)
        deepest = max(deepest, depth)
        todo.extend((child, depth) for child in f.childFrames())
    return deepest


def _idle(qtbot, preview: MarkdownPreview) -> None:
    qtbot.waitUntil(lambda: not preview.rendering(), timeout=30_000)


def test_markdown_is_rendered_off_the_gui_thread(qtbot, monkeypatch) -> None:
    threads: list[threading.Thread] = []

    def recording(text: str) -> str:
        threads.append(threading.current_thread())
        return render.markdown_to_html(text)

    monkeypatch.setattr(markdown_preview, "markdown_to_html", recording)
    preview = MarkdownPreview()
    qtbot.addWidget(preview)
    preview.show_markdown("# Title\n\nSome **bold** words")
    qtbot.waitUntil(lambda: "bold words" in preview.toPlainText(), timeout=30_000)
    assert threads and threading.main_thread() not in threads
    _idle(qtbot, preview)
    assert "font-weight" in preview.toHtml()  # formatted, not plain


def test_a_slow_render_shows_the_plain_text_while_the_gui_goes_on(qtbot, monkeypatch) -> None:
    release = threading.Event()

    def slow(text: str) -> str:
        release.wait(30)
        return render.markdown_to_html(text)

    monkeypatch.setattr(markdown_preview, "markdown_to_html", slow)
    preview = MarkdownPreview()
    qtbot.addWidget(preview)
    preview.show_markdown("Some **bold** words")  # returns at once
    assert not release.is_set()
    qtbot.waitUntil(lambda: "**bold**" in preview.toPlainText(), timeout=10_000)
    assert "being made" in preview.toPlainText()  # the quiet note
    preview.show_markdown("Some **bold** words, and more")  # typed meanwhile: waits its turn
    preview.show_markdown("Some **bold** words, and more typed")
    release.set()
    qtbot.waitUntil(lambda: "more typed" in preview.toPlainText(), timeout=30_000)
    _idle(qtbot, preview)
    assert "**" not in preview.toPlainText() and "being made" not in preview.toPlainText()


@pytest.mark.parametrize("depth", [22, 3000])
def test_nested_tables_reach_the_preview_flattened(qtbot, make_window, teaching_db, depth) -> None:
    window = make_window(teaching_db)
    editor = window.journal.editor
    window.actions_by_name["preview"].trigger()
    text = "<table><tr><td>" * depth + "deep words" + "</td></tr></table>" * depth
    editor.body.setPlainText(text)
    qtbot.waitUntil(lambda: "deep" in editor.preview.toPlainText(), timeout=30_000)
    _idle(qtbot, editor.preview)
    assert 1 <= _table_depth(editor.preview.document().rootFrame()) <= render.MAX_TABLE_DEPTH
