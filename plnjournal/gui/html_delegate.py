"""Drawing a list item's escaped HTML (bold title, highlighted words), wrapped to the width."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from plnjournal.report_pdf.closed_document import ClosedDocument

# Models give the item's HTML under this role; it must be escaped already (never user markup).
HTML_ROLE = Qt.ItemDataRole.UserRole + 30


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's ``HTML_ROLE``, in the palette's text colours (selected or not)."""

    def _doc(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        doc = ClosedDocument()  # loads no file an item's text might name
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(option.rect.width(), 200))
        return doc

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """QStyledItemDelegate.initStyleOption, without the text this delegate draws itself."""
        super().initStyleOption(option, index)
        option.text = ""  # the base class draws the item (background, selection) but no text

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """QStyledItemDelegate.paint: the base's background and selection, then the HTML."""
        # Through the base class, not the style's drawControl: reading QStyle's enums from
        # Python sets their type up at the window's first paint (docs/performance.md,
        # "Where the start-up deferrals are, and what each saves").
        super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._doc(opt, index)
        view = opt.widget
        selection = view.selectionModel() if isinstance(view, QAbstractItemView) else None
        selected = selection is not None and selection.isSelected(index)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.translate(opt.rect.topLeft())
        paint_ctx = QAbstractTextDocumentLayout.PaintContext()
        paint_ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        doc.documentLayout().draw(painter, paint_ctx)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """QStyledItemDelegate.sizeHint: the HTML's height at the view's width."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if isinstance(opt.widget, QAbstractItemView):
            opt.rect.setWidth(opt.widget.viewport().width())
        doc = self._doc(opt, index)
        # As wide as the view (never wider: no sideways scrolling), as tall as the text.
        return QSize(opt.rect.width(), int(doc.size().height()) + 4)
