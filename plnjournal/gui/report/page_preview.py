"""The export dialog's page preview: the report's pages as images, as many side by side as the
pane's width holds, under a line that says how many there are or why there are none.

The images are painted on a worker by the same code that writes the PDF (``render_pages``),
so what the preview shows is what is written.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from plnjournal.gui.plain import plain_label
from plnjournal.report_pdf.writer import ReportDocument

PREVIEW_WIDTH = 380  # px per page in the preview


def render_pages(document: ReportDocument) -> list[QImage]:
    """Worker: every page of ``document`` as an image (2× for sharp text on high-DPI
    screens; QImage may be painted off the GUI thread)."""
    images = []
    for index in range(document.page_count):
        image = document.page_image(index, PREVIEW_WIDTH * 2)
        image.setDevicePixelRatio(2.0)
        images.append(image)
    return images


class PagePreview(QWidget):
    """The pages, laid out in as many columns as fit, and the preview's status line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 0, 0, 0)
        self.label = plain_label("Preview")  # why there is none may quote an error
        box.addWidget(self.label)
        self.pages_widget = QWidget()
        self.pages_layout = QGridLayout(self.pages_widget)
        self.pages_layout.setSpacing(16)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_labels: list[QLabel] = []
        self._columns = 1
        self.pages_widget.setStyleSheet("background: #7d838a;")
        scroll = QScrollArea()
        scroll.setAccessibleName("Preview of the report's pages")
        scroll.setWidget(self.pages_widget)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll.setMinimumWidth(PREVIEW_WIDTH + 40)
        self.scroll_area = scroll
        scroll.viewport().installEventFilter(self)
        box.addWidget(scroll, 1)

    def set_status(self, text: str) -> None:
        """The line above the pages ("Preview · updating…", or why there is no preview)."""
        self.label.setText(f"Preview · {text}")

    def set_pages(self, images: list[QImage]) -> None:
        """Show ``images`` in place of the pages shown before."""
        for label in self.page_labels:
            self.pages_layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        for image in images:
            page = QLabel()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(image.devicePixelRatio())
            page.setPixmap(pixmap)
            page.setStyleSheet("background: white; border: 1px solid #5b6470;")
            self.page_labels.append(page)
        self._lay_out_pages(force=True)
        n = len(images)
        self.set_status(f"{n} page{'s' * (n != 1)}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Re-flow the pages when the pane's width changes."""
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._lay_out_pages()
        return super().eventFilter(watched, event)

    def _lay_out_pages(self, *, force: bool = False) -> None:
        """As many pages side by side as the preview's width holds."""
        width = self.scroll_area.viewport().width()
        columns = max(1, (width - 20) // (PREVIEW_WIDTH + 16))
        if columns == self._columns and not force:
            return
        self._columns = columns
        for label in self.page_labels:
            self.pages_layout.removeWidget(label)
        for i, label in enumerate(self.page_labels):
            self.pages_layout.addWidget(label, i // columns, i % columns)
