"""Text from files and the database in Qt widgets: shown as written, never as Qt's HTML guess.

Qt reads a label's, a message box's or a tooltip's text as HTML when ``Qt.mightBeRichText``
says it looks like some (AutoText), and then opens the files its ``<img src>`` names. A mentor's
comment, a skill's name or a reflection's title is shown through one of these instead (house
rule; issue 18, #1): a label set to plain text, our own HTML with the data escaped
(``core/escape.py``), or, where Qt guesses whatever we do (tooltips, the message box's static
functions, an item's tooltip), ``literal``. Buttons, check boxes, group boxes and menus read
'&' as a keyboard shortcut: ``no_mnemonic`` doubles it in data text.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget

from plnjournal.core.escape import escape
from plnjournal.report_pdf.closed_document import ClosedDocument

PLAIN = Qt.TextFormat.PlainText
RICH = Qt.TextFormat.RichText


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows ``text`` (and whatever it is set to later) as written."""
    label = QLabel(parent)
    set_plain(label, text)
    return label


def set_plain(label: QLabel, text: str) -> None:
    """Show ``text`` in ``label`` as written: plain text is set before the text."""
    label.setTextFormat(PLAIN)
    label.setText(text)


def html_label(html: str = "", parent: QWidget | None = None) -> QLabel:
    """A label for our own markup, whose data parts are ``escape``d by the caller."""
    label = QLabel(parent)
    set_html(label, html)
    return label


def set_html(label: QLabel, html: str) -> None:
    """Show our own ``html`` (data in it escaped) in ``label``: rich text, never a guess."""
    label.setTextFormat(RICH)
    label.setText(html)


def literal(text: str) -> str:
    """``text`` for a place where Qt guesses HTML (tooltips, QMessageBox's static functions,
    an item's ToolTipRole): unchanged when Qt would show it as plain text anyway, else
    escaped in a paragraph that keeps its line breaks; either way it shows as written."""
    if not text or not Qt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>"


def no_mnemonic(text: str) -> str:
    """Data text for a button, check box, radio button, group box, tab or menu entry: each
    '&' doubled, so none becomes a keyboard shortcut and all of them show."""
    return text.replace("&", "&&")


def close_browser(browser: QTextBrowser) -> QTextBrowser:
    """Give ``browser`` a document that loads no file and nothing remote (ClosedDocument);
    call before anything is set on its document."""
    browser.setDocument(ClosedDocument(browser))
    return browser


def literal_data(value: object) -> object:
    """``literal`` for an item model's ToolTipRole answer (a text, or None for none)."""
    return literal(value) if isinstance(value, str) else value


# The only links a click on untrusted text may open, in the system's own handler.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def open_safe_link(url: QUrl) -> bool:
    """Open a clicked link from a file or the database only when it is http(s) or mailto:
    never a local file, a custom scheme or a script (sanitized Markdown keeps only those,
    and this is the wall behind it). Whether it was opened."""
    if url.scheme().lower() not in SAFE_SCHEMES:
        return False
    return bool(QDesktopServices.openUrl(url))
