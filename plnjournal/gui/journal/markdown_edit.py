"""The Markdown text editor: plain text, formatting commands, word count, app shortcuts kept.

Formatting commands change the text with Markdown marks (one undo step each), so what is
stored is always plain Markdown the user can read and edit anywhere.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from plnjournal.gui.journal.markdown_highlight import MarkdownHighlighter

if TYPE_CHECKING:  # annotations only: on the start path, PySide sets a class up when read
    from PySide6.QtGui import QPaintEvent, QResizeEvent, QTextBlock

_WORD = re.compile(r"\w[\w'’-]*")
_HEADING_PREFIX = re.compile(r"^#{1,6}\s+")
_LIST_PREFIX = re.compile(r"^\s*[-*+]\s+")


def word_count(text: str) -> int:
    """Words as a writer counts them (contractions and hyphenated words are one)."""
    return len(_WORD.findall(text))


class MarkdownEdit(QPlainTextEdit):
    """QPlainTextEdit that lets the window's shortcuts (and its own format keys) through."""

    # Once, when the text has first been drawn: the window then loads the rest. (Watching the
    # viewport instead would cost the first paint: handing Qt's viewport widget to Python makes
    # PySide set up every widget class it might be; docs/performance.md, session 4.)
    first_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.painted = False
        self.setAccessibleName("Reflection text")
        self.setPlaceholderText("Write your reflection… (Markdown: **bold**, _italic_, ## heading)")
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self._reserved: list[QKeySequence] = []
        # Long lines are hard to read: on a wide window the text keeps a readable column.
        self.max_text_width = self.fontMetrics().horizontalAdvance("x") * 92
        # The margins beside the text column are the scroll area's own background: fill
        # them with the text's colour (from the inherited palette, so a scheme change is
        # followed), so the page looks like one sheet.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.highlighter = MarkdownHighlighter(self.document(), self.palette())

    def changeEvent(self, event: QEvent) -> None:
        """QWidget.changeEvent: the highlighting takes the new palette's colours."""
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "highlighter"):
            self.highlighter.set_palette(self.palette())
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """QPlainTextEdit.paintEvent, telling the start probe when the text first shows."""
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            self.first_painted.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """QWidget.resizeEvent: the text stays a readable column, centred in the width."""
        spare = self.width() - self.max_text_width
        side = max(0, spare // 2)
        self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)

    def reserve_shortcuts(self, sequences: list[QKeySequence]) -> None:
        """Key sequences the window's actions own even while the text has focus (Qt's text
        edits claim some, e.g. Ctrl+K deletes to the end of the line on X11)."""
        self._reserved = [s for s in sequences if not s.isEmpty()]

    def event(self, event: QEvent) -> bool:
        """QObject.event: the reserved shortcuts reach the window, not the text edit."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(
                pressed.matches(s) == QKeySequence.SequenceMatch.ExactMatch for s in self._reserved
            ):
                event.ignore()  # let the shortcut fire
                return True
        return super().event(event)

    # --- formatting ------------------------------------------------------------------------

    def wrap_selection(self, mark: str) -> None:
        """**bold** / _italic_: wrap the selection, or insert the marks around the cursor."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if cursor.hasSelection():
            text = cursor.selectedText().replace("\u2029", "\n")
            start = cursor.selectionStart()
            cursor.insertText(f"{mark}{text}{mark}")
            cursor.setPosition(start + len(mark))
            cursor.setPosition(start + len(mark) + len(text), QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.insertText(mark * 2)
            cursor.movePosition(QTextCursor.MoveOperation.Left, n=len(mark))
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def _selected_blocks(self, cursor: QTextCursor) -> list[QTextBlock]:
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart())
        last = doc.findBlock(cursor.selectionEnd())
        blocks: list[QTextBlock] = []
        block = first
        while block.isValid():
            blocks.append(block)
            if block == last:
                break
            block = block.next()
        return blocks

    def _toggle_prefix(self, prefix: str, pattern: re.Pattern[str]) -> None:
        cursor = self.textCursor()
        blocks = self._selected_blocks(cursor)
        remove = all(pattern.match(b.text()) for b in blocks if b.text().strip())
        cursor.beginEditBlock()
        for block in blocks:
            line = QTextCursor(block)
            m = pattern.match(block.text())
            if remove and m:
                line.movePosition(
                    QTextCursor.MoveOperation.Right,
                    QTextCursor.MoveMode.KeepAnchor,
                    len(m.group(0)),
                )
                line.removeSelectedText()
            elif not remove:
                if m:  # a heading of another level, or another list mark: replace it
                    line.movePosition(
                        QTextCursor.MoveOperation.Right,
                        QTextCursor.MoveMode.KeepAnchor,
                        len(m.group(0)),
                    )
                line.insertText(prefix)
        cursor.endEditBlock()

    def toggle_heading(self) -> None:
        """Make the selected lines level-2 headings, or plain again if they all are."""
        self._toggle_prefix("## ", _HEADING_PREFIX)

    def toggle_list(self) -> None:
        """Make the selected lines a bulleted list, or plain again if they all are."""
        self._toggle_prefix("- ", _LIST_PREFIX)

    def insert_link(self) -> None:
        """[text](https://) with the address selected, ready to paste over."""
        cursor = self.textCursor()
        text = cursor.selectedText().replace("\u2029", " ")
        cursor.beginEditBlock()
        start = cursor.selectionStart()
        cursor.insertText(f"[{text}](https://)")
        cursor.endEditBlock()
        if text:
            url_start = start + len(text) + 3
            cursor.setPosition(url_start)
            cursor.setPosition(url_start + len("https://"), QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(start + 1)
        self.setTextCursor(cursor)

    def insert_at_end(self, text: str) -> int:
        """Append ``text`` after a blank line; returns where it starts."""
        body = self.toPlainText()
        if not body.strip() or body.endswith("\n\n"):
            sep = ""
        elif body.endswith("\n"):
            sep = "\n"
        else:
            sep = "\n\n"
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        cursor.insertText(sep + text)
        cursor.endEditBlock()
        return len(body) + len(sep)

    def move_cursor_to(self, position: int) -> None:
        """Put the cursor at ``position`` (clamped to the text) and scroll to it."""
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """QWidget.keyPressEvent: Enter continues a list, and ends it on an empty item."""
        # Enter on a list line continues the list, as in other Markdown editors.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            line = self.textCursor().block().text()
            m = re.match(r"^(\s*)([-*+]|\d+[.)])\s+", line)
            if m and self.textCursor().atBlockEnd():
                if line.strip() == m.group(0).strip():  # an empty item ends the list
                    cursor = self.textCursor()
                    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
                    cursor.movePosition(
                        QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.removeSelectedText()
                    return
                mark = m.group(2)
                if mark[0].isdigit():
                    mark = f"{int(mark[:-1]) + 1}{mark[-1]}"
                self.textCursor().insertText(f"\n{m.group(1)}{mark} ")
                return
        super().keyPressEvent(event)
