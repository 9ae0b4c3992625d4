"""Markdown to safe HTML: untrusted text (mentor files, imported journals) is sanitized and bounded.

No scripts, no event handlers, no remote resources: images may only be ``data:`` URIs the app
itself made; links are kept but only opened by the front end on an explicit click.

Bounded, because Qt's rich-text layout doubles its work with each table nested in another and
crashes on thousands, and Python-Markdown has quadratic and recursive corners: every text goes
through the limits below here, the one place where Markdown becomes HTML, so the preview, the
feedback window and the report all get them (docs/reliability.md, "Nesting and size limits for
rendered text"). No word of the text is ever dropped: what is past a limit is shown flattened,
or as plain text, with a short note saying so.
"""

from __future__ import annotations

import logging
import re
import threading
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from plnjournal.core.escape import escape

log = logging.getLogger(__name__)

# Python-Markdown formats this much of a text; the rest is shown as plain text.
MAX_MARKDOWN_CHARS = 50_000
# What Python-Markdown's link parser would scan (each "[", and each "](", to its closing
# bracket or its paragraph's end): past this the whole text is plain text.
MAX_BRACKET_SCAN = 1_000_000
# List, quote and indent levels at the start of a line (Python-Markdown recurses on each).
MAX_LINE_NESTING = 32
# Footnote references (Python-Markdown numbers repeated ones in quadratic time).
MAX_FOOTNOTE_REFS = 300
# HTML Python-Markdown may write (a definition used on every word repeats its title each time).
MAX_HTML_CHARS = 400_000
# In the HTML shown: tables in tables, lists and quotes in each other, any element in another,
# and elements in all; deeper or further ones are flattened to their text.
MAX_TABLE_DEPTH = 4
MAX_LIST_DEPTH = 8
MAX_ELEMENT_DEPTH = 48
MAX_ELEMENTS = 5_000

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
}
LINK_SCHEMES = {"http", "https", "mailto"}

_INLINE = {"a", "abbr", "b", "code", "del", "em", "i", "s", "span", "strong", "sub", "sup"}
_VOID = {"br", "hr"}
_LISTS = {"ul", "ol", "dl", "blockquote"}
# Elements that only make sense inside their parent: there, kept exactly when the parent is.
_PARTS = {
    "thead": {"table"},
    "tbody": {"table"},
    "tr": {"table", "thead", "tbody"},
    "td": {"tr"},
    "th": {"tr"},
    "li": {"ul", "ol"},
    "dt": {"dl"},
    "dd": {"dl"},
}
# Levels a kept container needs below it for its parts (a table: tbody, tr, td).
_ROOM = {"table": 4, "ul": 2, "ol": 2, "dl": 2}
# A tag as html5ever writes it: attribute values always in double quotes, `"` escaped.
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"]|"[^"]*")*)>')
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BRACKETS = re.compile(r"\]\(|[\[\]()]")
_LINE_PREFIX = re.compile(r"(?m)^((?:[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)*)(\S?)")
_FOOTNOTE_REF = re.compile(r"\[\^")


class _TooLarge(Exception):
    """Python-Markdown's tree would serialise past ``MAX_HTML_CHARS``."""


class _SizeGuard(Treeprocessor):
    """Measures the finished tree before it is written out: repeated definitions share one
    title string in the tree and only multiply when serialised."""

    def run(self, root: etree.Element) -> None:
        size = 0
        for el in root.iter():
            size += 2 * len(str(el.tag)) + 5 + len(el.text or "") + len(el.tail or "")
            for key, value in el.attrib.items():
                size += len(key) + len(value) + 4
            if size > MAX_HTML_CHARS:
                raise _TooLarge()


# "extra" without md_in_html: Markdown inside raw HTML recursed per level, and lost the text
# of unclosed nested blocks (``<div markdown="1">`` three deep, unclosed, rendered as nothing).
EXTENSIONS = ["abbr", "attr_list", "def_list", "fenced_code", "footnotes", "tables", "sane_lists"]

_local = threading.local()  # one Markdown per thread: the preview renders on a worker


def _markdown() -> markdown.Markdown:
    md: markdown.Markdown | None = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
        md.treeprocessors.register(_SizeGuard(md), "plnjournal-size", 1)
        _local.md = md
    return md


def sanitize_html(html: str) -> str:
    """Keep formatting; drop scripts, styles, images and anything that would fetch a resource."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def markdown_to_html(text: str) -> str:
    """The user's or a mentor's Markdown as sanitized HTML, ready for a preview or a report,
    within the limits above (what is past them is flattened or plain text, and a note says so)."""
    text = text or ""
    head, rest = _split(text, MAX_MARKDOWN_CHARS)
    out = _formatted(head)
    if rest:
        out += _note(
            f"The rest of this text is shown as plain text: formatting stops after "
            f"{MAX_MARKDOWN_CHARS:,} characters."
        ) + plain_text_html(rest)
    return out


def plain_text_html(text: str) -> str:
    """``text`` as escaped paragraphs, its line breaks kept: nothing in it is formatting."""
    paragraphs = (p.strip("\n") for p in _BLANK_LINE.split(text))
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs if p.strip())


def _note(message: str) -> str:
    return f"<p><i>({message})</i></p>"


def _formatted(text: str) -> str:
    """``text`` (within the size cap) formatted, or plain text when its shape is unsafe."""
    why = _unsafe_shape(text)
    raw = ""
    if why is None:
        md = _markdown()
        try:
            md.reset()
            raw = md.convert(text)
        except _TooLarge:
            why = f"its HTML would be longer than {MAX_HTML_CHARS:,} characters"
        except RecursionError:
            why = "it nests deeper than the formatter can follow"
        if why is not None:
            _local.md = None  # a conversion cut short may leave state behind
    if why is not None:
        log.info("rendered as plain text: %s", why)
        return _note(f"Shown as plain text: {why}.") + plain_text_html(text)
    html, flattened = _flatten(sanitize_html(raw))
    if flattened:
        html += _note(
            f"Formatting nested deeper than {MAX_TABLE_DEPTH} tables or {MAX_LIST_DEPTH} lists "
            f"and quotes, or past {MAX_ELEMENTS:,} elements, is shown flattened."
        )
    return html


def _split(text: str, limit: int) -> tuple[str, str]:
    """``text`` cut at ``limit`` characters or before, at a paragraph, a line or a space."""
    if len(text) <= limit:
        return text, ""
    for sep in ("\n\n", "\n", " "):
        at = text.rfind(sep, limit // 2, limit)
        if at > 0:
            return text[:at], text[at:]
    return text[:limit], text[limit:]


def _unsafe_shape(text: str) -> str | None:
    """Why Python-Markdown should not be given ``text``, found in one pass; None if safe."""
    refs = len(_FOOTNOTE_REF.findall(text))
    if refs > MAX_FOOTNOTE_REFS:
        return f"it has {refs:,} footnote references (the limit is {MAX_FOOTNOTE_REFS:,})"
    for m in _LINE_PREFIX.finditer(text):
        if m.group(2) and len(m.group(1)) > MAX_LINE_NESTING:
            levels = _line_nesting(m.group(1))
            if levels > MAX_LINE_NESTING:
                return f"a line nests {levels:,} lists or quotes (the limit is {MAX_LINE_NESTING})"
    if _bracket_scan(text) > MAX_BRACKET_SCAN:
        return "it has too many unclosed or nested brackets to format in good time"
    return None


def _line_nesting(prefix: str) -> int:
    """List markers, quote marks and four-space indents in a line's prefix."""
    markers = len(re.findall(r"[-*+>]|\d{1,9}[.)]", prefix))
    indent = len(prefix.expandtabs(4)) - len(prefix.lstrip(" \t").expandtabs(4))
    return markers + indent // 4


def _bracket_scan(text: str) -> int:
    """Characters Python-Markdown's link parser would scan: from each "[" to its "]", and from
    each "](" to its ")", or to the end of the paragraph when it is never closed."""
    total = 0
    for paragraph in _BLANK_LINE.split(text):
        end = len(paragraph)
        squares: list[int] = []
        parens: list[tuple[int, bool]] = []  # opened at, whether a link's target opened it
        for m in _BRACKETS.finditer(paragraph):
            token, at = m.group(), m.start()
            if token == "[":
                squares.append(at)
            elif token == "]":
                if squares:
                    total += at - squares.pop()
            elif token == "](":
                if squares:
                    total += at - squares.pop()
                parens.append((at, True))
            elif token == "(":
                parens.append((at, False))
            elif parens:
                opened, link = parens.pop()
                total += at - opened if link else 0
        total += sum(end - at for at in squares)
        total += sum(end - at for at, link in parens if link)
        if total > MAX_BRACKET_SCAN:
            break
    return total


def _flatten(html: str) -> tuple[str, bool]:
    """Sanitized HTML with what is past the nesting and element limits turned into its text
    (a space where a block or a cell was, so words never run together); whether any was."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: tag, kept
    open_tags: dict[str, int] = {}  # how many of each tag are open (a stray end tag is ignored)
    kept_depth = tables = lists = elements = 0
    flattened = False
    pos = 0
    for m in _TAG.finditer(html):
        out.append(html[pos : m.start()])
        pos = m.end()
        closing, tag = m.group(1) == "/", m.group(2).lower()
        if closing:
            if not open_tags.get(tag):
                continue
            while stack:
                open_tag, kept = stack.pop()
                open_tags[open_tag] -= 1
                if kept:
                    out.append(f"</{open_tag}>")
                    kept_depth -= 1
                    tables -= open_tag == "table"
                    lists -= open_tag in _LISTS
                elif open_tag not in _INLINE:
                    out.append(" ")
                if open_tag == tag:
                    break
            continue
        parent, parent_kept = stack[-1] if stack else ("", True)
        if parent in _PARTS.get(tag, ()):
            keep = parent_kept
        else:
            keep = (
                elements < MAX_ELEMENTS
                and kept_depth + _ROOM.get(tag, 1) <= MAX_ELEMENT_DEPTH
                and not (tag == "table" and tables >= MAX_TABLE_DEPTH)
                and not (tag in _LISTS and lists >= MAX_LIST_DEPTH)
            )
        if keep:
            out.append(m.group())
            elements += 1
        else:
            flattened = True
            if tag not in _INLINE:
                out.append(" ")
        if tag in _VOID:
            continue
        stack.append((tag, keep))
        open_tags[tag] = open_tags.get(tag, 0) + 1
        if keep:
            kept_depth += 1
            tables += tag == "table"
            lists += tag in _LISTS
    out.append(html[pos:])
    while stack:  # html5ever closes everything; this is only a second wall
        open_tag, kept = stack.pop()
        if kept:
            out.append(f"</{open_tag}>")
    return "".join(out), flattened
