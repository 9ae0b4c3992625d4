"""The live preview: sanitized HTML from ``core.render``; fetches nothing, opens links on click.

Links go to the system browser only when clicked, and only web and mail links; images and any
other resource are never loaded (the sanitizer drops them, and the document, a
``ClosedDocument``, refuses them).
The Markdown is rendered on a worker, so typing never waits for it: a render that takes longer
than ``PREVIEW_WAIT_MS`` shows the plain text meanwhile, with a quiet note.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from plnjournal.core.render import markdown_to_html, plain_text_html
from plnjournal.gui.plain import close_browser
from plnjournal.gui.tasks import Task, run_in_background, show_error

SAFE_SCHEMES = ("http", "https", "mailto")
# How long the preview waits for its HTML before it shows the plain text instead.
PREVIEW_WAIT_MS = 500
LATE_NOTE = "<p><i>(Plain text while the formatted preview is being made.)</i></p>"


class MarkdownPreview(QTextBrowser):
    """The rendered reflection, safe to show: sanitized, nothing fetched, links only on click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        close_browser(self)
        self.setAccessibleName("Preview of the reflection")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDocumentMargin(12)
        self.anchorClicked.connect(self._clicked)
        # Replaceable in tests; the default hands the URL to the desktop's browser.
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._rendering: Task | None = None  # at most one render at a time
        self._rendering_text = ""
        self._next: str | None = None  # typed while a render ran: rendered once it is done
        self._late = QTimer(self)
        self._late.setSingleShot(True)
        self._late.setInterval(PREVIEW_WAIT_MS)
        self._late.timeout.connect(self._show_plain)
        self._apply_style()

    def _apply_style(self) -> None:
        p = self.palette()
        muted = p.color(QPalette.ColorRole.PlaceholderText).name()
        link = p.color(QPalette.ColorRole.Link).name()
        self.document().setDefaultStyleSheet(
            f"blockquote {{ color: {muted}; margin-left: 8px; font-style: italic; }}"
            f"a {{ color: {link}; }}"
            "h1 { font-size: x-large; } h2 { font-size: large; } h3 { font-size: medium; }"
            "h1, h2, h3 { margin-top: 12px; margin-bottom: 4px; }"
            "pre, code { font-family: monospace; }"
        )

    def changeEvent(self, event: QEvent) -> None:
        """QWidget.changeEvent: the style sheet follows a palette (light/dark) change."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_style()
        super().changeEvent(event)

    def show_markdown(self, text: str) -> None:
        """Render ``text`` on a worker and show it when it is ready (returns at once); while a
        render runs, only the newest text waits for the next."""
        self._next = text
        if self._rendering is None:
            self._start()

    def rendering(self) -> bool:
        """Whether a render is still running (tests wait until it is not)."""
        return self._rendering is not None

    def _start(self) -> None:
        text, self._next = self._next or "", None
        self._rendering_text = text
        self._rendering = run_in_background(
            self,
            lambda _progress: markdown_to_html(text),
            on_success=self._rendered,
            on_failure=self._failed,
        )
        self._late.start()

    def _rendered(self, html: str) -> None:
        self._rendering = None
        self._late.stop()
        if self._next is None:  # still the newest text, even if it came late
            self._set_html(html)
        else:
            self._start()

    def _failed(self, exc: BaseException) -> None:
        self._rendering = None
        self._late.stop()
        self._show_plain()
        show_error(self, exc)

    def _show_plain(self) -> None:
        """The render runs late: the text as it is, so the preview never lags far behind."""
        self._set_html(LATE_NOTE + plain_text_html(self._rendering_text))

    def _set_html(self, html: str) -> None:
        """Show ``html``, keeping the scroll position so typing does not jump the view."""
        bar = self.verticalScrollBar()
        at = bar.value()
        self.setHtml(html)
        bar.setValue(min(at, bar.maximum()))

    def _clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in SAFE_SCHEMES:
            self.open_url(url)
