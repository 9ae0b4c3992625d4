"""The live preview: sanitized HTML from ``core.render``; fetches nothing, opens links on click.

Links go to the system browser only when clicked, and only web and mail links; images and any
other resource are never loaded (the sanitizer drops them, and ``loadResource`` refuses).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from plnjournal.core.render import markdown_to_html

SAFE_SCHEMES = ("http", "https", "mailto")


class MarkdownPreview(QTextBrowser):
    """The rendered reflection, safe to show: sanitized, nothing fetched, links only on click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Preview of the reflection")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDocumentMargin(12)
        self.anchorClicked.connect(self._clicked)
        # Replaceable in tests; the default hands the URL to the desktop's browser.
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
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
        """Render ``text``, keeping the scroll position so typing does not jump the view."""
        bar = self.verticalScrollBar()
        at = bar.value()
        self.setHtml(markdown_to_html(text))
        bar.setValue(min(at, bar.maximum()))

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """QTextBrowser.loadResource, refusing every resource."""
        return None  # never fetch: no images, no style sheets, nothing remote or local

    def _clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in SAFE_SCHEMES:
            self.open_url(url)
