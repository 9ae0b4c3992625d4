"""The second wall: every document that shows HTML in the window (the Markdown preview, the
feedback window, a skill's history, the list items' HTML, the report's pages) loads no file
and nothing remote, even when the HTML gets past the sanitizer and the escaping."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QStringListModel, QTimer, QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QApplication, QListView

from plnjournal.gui.feedback.detail import FeedbackDetail
from plnjournal.gui.html_delegate import HTML_ROLE, HtmlDelegate
from plnjournal.gui.journal.markdown_preview import MarkdownPreview
from plnjournal.report_pdf import closed_document
from plnjournal.report_pdf.closed_document import ClosedDocument
from plnjournal.report_pdf.writer import ReportDocument
from tests.gui.hostile import FifoBait

PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def hostile_html(path: str) -> str:
    """Every way Qt's HTML names a resource: an image (absolute, relative, file: URL), a
    table's and a cell's background, a CSS background image and a style sheet link."""
    return (
        f'<link rel="stylesheet" href="{path}"><p>x<img src="{path}">'
        f'<img src="file://{path}"><img src="{os.path.basename(path)}"></p>'
        f'<table background="{path}"><tr><td background="{path}">a</td></tr></table>'
        f'<div style="background-image: url({path})">b</div>'
    )


class _Items(QStringListModel):
    def __init__(self, html: str) -> None:
        super().__init__(["x"])
        self.html = html

    def data(self, index, role=0):
        return self.html if role == HTML_ROLE else super().data(index, role)


def _show_everywhere(qtbot, html: str) -> None:
    """``html`` in each HTML viewer of the window, laid out and painted."""
    preview = MarkdownPreview()
    detail = FeedbackDetail()
    view = QListView()
    view.setItemDelegate(HtmlDelegate(view))
    items = _Items(html)
    items.setParent(view)  # lives as long as the view
    view.setModel(items)
    for widget in (preview, detail, view):
        qtbot.addWidget(widget)
    preview.setHtml(html)  # straight in: past the sanitizer
    detail.setHtml(html)
    for widget in (preview, detail, view):
        widget.show()
        widget.grab()
    report = ReportDocument(html, style="")
    page = QImage(400, 600, QImage.Format.Format_ARGB32)
    painter = QPainter(page)
    try:
        for index in range(report.page_count):
            report.paint_page(painter, index)
    finally:
        painter.end()


@pytest.fixture
def bait(tmp_path: Path):
    fifo = FifoBait(tmp_path / "bait")
    yield fifo
    fifo.close()


def test_no_viewer_opens_a_file_the_html_names(qtbot, bait, tmp_path, monkeypatch) -> None:
    """A FIFO at the named path: opening it would block (the watcher lets it go and counts)."""
    asked: list[str] = []
    real = closed_document.refused

    def spy(kind: int, url: QUrl) -> object | None:
        asked.append(url.toString())
        return real(kind, url)

    monkeypatch.setattr(closed_document, "refused", spy)
    monkeypatch.chdir(tmp_path)  # the relative name resolves to the FIFO too
    _show_everywhere(qtbot, hostile_html(str(bait.path)))
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)  # the window still answers
    assert bait.opened == 0
    assert any(str(bait.path) in a for a in asked), asked  # the wall was asked, and refused


def test_what_the_text_carries_still_loads() -> None:
    """A ``data:`` image (made by the app) loads; a file's name gets the blank stand-in."""
    doc = ClosedDocument()
    url = QUrl(f"data:image/png;base64,{PNG_1PX}")
    kind = QTextDocument.ResourceType.ImageResource.value
    assert closed_document.refused(kind, url) is None
    loaded = doc.loadResource(kind, url)
    assert loaded is not None and loaded.width() == 1  # Qt decoded the text's own image
    stand_in = doc.loadResource(kind, QUrl.fromLocalFile("/etc/hostname"))
    assert isinstance(stand_in, QImage) and not stand_in.isNull()


@pytest.mark.slow
def test_dev_zero_and_etc_hostname_are_never_read(tmp_path) -> None:
    """The issue's 77-byte comment read /dev/zero without end; in a child process with a time
    limit, so a broken wall fails the test instead of the run."""
    script = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        sys.path.insert(0, {str(Path(__file__).parents[2])!r})
        from tests.gui.test_closed_documents import _show_everywhere, hostile_html

        class Bot:
            def addWidget(self, w):
                pass

        for path in ("/dev/zero", "/etc/hostname"):
            _show_everywhere(Bot(), hostile_html(path))
            QApplication.processEvents()
        print("done")
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.strip().endswith("done"), done.stderr[-2000:]


def test_every_browser_of_the_window_has_a_closed_document(qtbot) -> None:
    for widget in (MarkdownPreview(), FeedbackDetail()):
        qtbot.addWidget(widget)
        assert isinstance(widget.document(), ClosedDocument)
    assert QApplication.instance() is not None


def test_only_web_and_mail_links_open_on_a_click(qapp, monkeypatch) -> None:
    """A link in untrusted text opens only when it is http(s) or mailto (the skill history,
    the feedback window and the preview share the one check)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from plnjournal.gui.plain import open_safe_link

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "smb://host/share", "x-custom:run"):
        assert not open_safe_link(QUrl(bad))
    assert open_safe_link(QUrl("https://example.org/"))
    assert opened == ["https://example.org/"]
