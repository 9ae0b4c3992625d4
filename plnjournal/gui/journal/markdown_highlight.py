"""Light Markdown highlighting in the editor: headings bold, guiding questions muted, bold and
italic marks shown as such. The text stays plain Markdown; only its look changes."""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

_HEADING = re.compile(r"^#{1,6}\s.*$")
_QUOTE = re.compile(r"^\s*>.*$")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*_\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*_\w])")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


class MarkdownHighlighter(QSyntaxHighlighter):
    """Shows the Markdown marks' meaning (bold, headings, quotes) without hiding them."""

    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self.set_palette(palette)

    def set_palette(self, palette: QPalette) -> None:
        """Take the palette's colours (light or dark) and highlight again."""
        self.heading = QTextCharFormat()
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.quote = QTextCharFormat()
        self.quote.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        self.quote.setFontItalic(True)
        self.bold = QTextCharFormat()
        self.bold.setFontWeight(QFont.Weight.Bold)
        self.italic = QTextCharFormat()
        self.italic.setFontItalic(True)
        self.mark = QTextCharFormat()
        self.mark.setForeground(palette.color(QPalette.ColorRole.Link))
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        """QSyntaxHighlighter.highlightBlock: one line's formats."""
        if _HEADING.match(text):
            self.setFormat(0, len(text), self.heading)
            return
        if _QUOTE.match(text):
            self.setFormat(0, len(text), self.quote)
            return
        m = _LIST.match(text)
        if m:
            self.setFormat(0, m.end(), self.mark)
        for m in _BOLD.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.bold)
        for m in _ITALIC.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.italic)
