"""Untrusted Markdown stays inert end to end: a reflection imported from another journal and a
mentor's comment, each naming a web server, a FIFO and a secret file in every way Markdown and
HTML can (images, reference images, ``<img>``, ``<link>``, ``@import``, CSS ``url()``,
backgrounds, ``<object>``, ``<iframe>``, SVG, ``data:`` style sheets and big ``data:`` images),
shown in the editor's preview, the feedback window, the report's preview and the exported PDF.
A listener on 127.0.0.1 counts connections (none), the FIFO counts opens (none) and the secret
file's words are not in the PDF (issue 19, finding 5; the walls are issue 18's)."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import socket
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from plnjournal.cli import main
from plnjournal.core.feedback.importer import import_feedback
from plnjournal.core.journal_io.importer import import_journal
from plnjournal.core.report.content import ReportOptions
from plnjournal.gui.feedback.view import FeedbackPanel
from plnjournal.gui.journal.markdown_preview import MarkdownPreview
from plnjournal.gui.report.work import render_preview
from plnjournal.gui.tasks import wait_for_background_work
from plnjournal.report_pdf import closed_document
from tests.gui.hostile import FifoBait
from tests.gui.test_closed_documents import PNG_1PX, _show_everywhere, hostile_html

VISIBLE = "Kestrelshown"  # the hostile text's own words: they must still be shown
SECRET = "Basiliskfilecontents"  # in the local file the text names: never read
TODAY = dt.date.today()


class Listener:
    """A web server on 127.0.0.1 (a free port) that counts who connects, and answers each
    with a small PNG so a fetch would succeed."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        png = base64.b64decode(PNG_1PX)
        head = f"HTTP/1.0 200 OK\r\nContent-Type: image/png\r\nContent-Length: {len(png)}\r\n\r\n"
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with conn:
                try:
                    conn.settimeout(1)
                    conn.recv(4096)
                    conn.sendall(head.encode() + png)
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


def hostile_markdown(web: str, fifo: Path, secret: Path, *, big: bool = True) -> str:
    """Every way the text can name a resource, around words that must still show."""
    css = base64.b64encode(f"p {{ background: url({web}/data-css.png) }}".encode()).decode()
    huge = f"data:image/png;base64,{PNG_1PX}{'A' * 200_000}" if big else ""
    return (
        f"# {VISIBLE} on the ward\n\n"
        f"![web]({web}/md.png) ![fifo](file://{fifo}) ![relative]({fifo.name}) "
        f"![secret](file://{secret}) ![ref][r] ![css](data:text/css;base64,{css})"
        + (f" ![huge]({huge})" if big else "")
        + f"\n\n{VISIBLE} in a paragraph.\n\n"
        f'<img src="{web}/img.png"><img src="file://{fifo}"><img src="{secret}">\n'
        f'<link rel="stylesheet" href="{web}/link.css">'
        f'<link rel="stylesheet" href="file://{secret}">\n'
        f'<style>@import url({web}/import.css); @import "file://{secret}"; '
        f"p {{ background: url({web}/style.png) }}</style>\n\n"
        f'<div style="background-image: url({web}/div.png)">styled {VISIBLE}</div>\n\n'
        f'<table background="{web}/table.png"><tr><td background="file://{fifo}">cell</td>'
        f'<td style="background: url(file://{secret})">x</td></tr></table>\n\n'
        f'<object data="{web}/object"></object><iframe src="{web}/iframe"></iframe>'
        f'<video src="{web}/v.mp4" poster="{web}/poster.png"></video>'
        f'<svg><image href="{web}/svg.png"/></svg>\n\n'
        f'<a href="file://{secret}">a file link</a> and [a web link]({web}/only-if-clicked)\n\n'
        f"[r]: {web}/ref.png\n"
    )


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def bait(tmp_path: Path):
    fifo = FifoBait(tmp_path / "bait")
    yield fifo
    fifo.close()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.css"
    path.write_text(f"p::before {{ content: '{SECRET}' }}\n{SECRET}\n", encoding="utf-8")
    return path


def _hostile_journal(db, tmp_path: Path, text: str, comment: str) -> None:
    """The reflection comes from another journal (a Markdown note), the comment from a
    mentor's file: both the way untrusted text really arrives."""
    notes = tmp_path / "notes"
    notes.mkdir()
    day = TODAY - dt.timedelta(days=5)
    (notes / "ward.md").write_text(
        f"---\ntitle: {VISIBLE} imported\ndate: {day.isoformat()}\nhighlight: true\n"
        f"skills:\n  CL1: 2\n---\n\n{text}",
        encoding="utf-8",
    )
    assert import_journal(db, notes)["imported"] == 1
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "mentor", "skill", "rating", "comment"])
    writer.writerow([(day - dt.timedelta(days=1)).isoformat(), "Ms Okafor", "CL1", 2, comment])
    feedback = tmp_path / "mentor.csv"
    feedback.write_text(out.getvalue(), encoding="utf-8")
    result = import_feedback(db, [feedback])
    assert not result.errors, result.errors


def test_hostile_markdown_fetches_and_reads_nothing_anywhere(
    qtbot, qapp, teaching_db, tmp_path, monkeypatch, listener, bait, secret, capsys
) -> None:
    monkeypatch.chdir(tmp_path)  # the relative name resolves to the FIFO too
    asked: list[str] = []
    real = closed_document.refused
    monkeypatch.setattr(
        closed_document,
        "refused",
        lambda kind, url: asked.append(url.toString()) or real(kind, url),
    )
    # The big data: image only in the preview: shown as plain text it would fill the PDF.
    text = hostile_markdown(listener.url, bait.path, secret)
    small = hostile_markdown(listener.url, bait.path, secret, big=False)
    _hostile_journal(teaching_db, tmp_path, small, small)

    # The editor's preview of the reflection.
    preview = MarkdownPreview()
    qtbot.addWidget(preview)
    preview.resize(800, 600)
    preview.show()
    preview.show_markdown(text)
    qtbot.waitUntil(lambda: not preview.rendering() and "in a paragraph" in preview.toPlainText())
    preview.grab()

    # The feedback window showing the mentor's comment.
    panel = FeedbackPanel(teaching_db, inbox=False)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    qtbot.waitUntil(lambda: panel.current_item() is not None, timeout=10_000)
    qtbot.waitUntil(lambda: "in a paragraph" in panel.detail.toPlainText())
    panel.grab()

    # The report's preview and the PDF, with the reflection in full and the comment.
    options = ReportOptions(start=TODAY - dt.timedelta(days=60), end=TODAY, include_private=True)
    pages, _charts = render_preview(teaching_db, options, "a4", ("", ""), lambda *a: None)
    assert pages
    pdf = tmp_path / "report.pdf"
    code = main(
        ["--db", str(teaching_db.path), "export-pdf", str(pdf), "--from",
         options.start.isoformat(), "--to", TODAY.isoformat()]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    words = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())
    assert f"{VISIBLE} in a paragraph" in words  # the reflection is in the PDF, shown as text

    # And past the sanitizer, straight into every viewer: the second wall alone.
    _show_everywhere(qtbot, hostile_html(f"{listener.url}/direct.png"))
    _show_everywhere(qtbot, f"<style>@import url({listener.url}/direct.css);</style><p>x</p>")
    assert any(listener.url in a for a in asked), asked  # the wall was asked, and refused
    assert wait_for_background_work()

    assert listener.connections == 0
    assert bait.opened == 0
    assert SECRET not in words
    assert SECRET not in preview.toHtml() and SECRET not in panel.detail.toHtml()


def test_only_a_small_data_image_loads() -> None:
    """The second wall lets a small picture the text carries through, nothing else."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    image = QTextDocument.ResourceType.ImageResource.value
    sheet = QTextDocument.ResourceType.StyleSheetResource.value
    small = QUrl(f"data:image/png;base64,{PNG_1PX}")
    assert closed_document.refused(image, small) is None
    assert closed_document.refused(sheet, QUrl("data:text/css,p{color:red}")) is not None
    assert closed_document.refused(image, QUrl("data:text/html,<b>x</b>")) is not None
    big = QUrl(f"data:image/png;base64,{PNG_1PX}{'A' * closed_document.SMALL_DATA_CHARS}")
    assert closed_document.refused(image, big) is not None
    assert closed_document.refused(image, QUrl("http://127.0.0.1:9/x.png")) is not None
