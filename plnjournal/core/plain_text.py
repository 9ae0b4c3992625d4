"""Markdown as plain text, for the places that show a reflection or a comment in one line (list
rows, table cells, search snippets, the command line's lists): ``**What went well?**`` reads
"What went well?" and ``## What?`` reads "What?".

Pattern-based and light on purpose: the window's day list uses it on its first paint, where
Python-Markdown may not be imported (docs/performance.md). It never adds text, only removes
markup, so search highlights (private-use characters) and the words themselves survive. HTML
in the text is left as written (shown as text, never interpreted: the hostile-text tests read
it back); text shown in full is rendered, sanitized, by ``core/render.py`` instead.
"""

from __future__ import annotations

import re

from plnjournal.core.words import shorten

# Marks a line may start with before its Markdown: a snippet's "…" and search highlights.
_LEAD = "[\u2026\ue000\ue001]*"
_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING = re.compile(rf"^(\s*{_LEAD})#{{1,6}}\s+(.*?)(\s+#+\s*)?$")
_QUOTE = re.compile(rf"^(\s*{_LEAD})(>\s?)+")
_LIST = re.compile(rf"^(\s*{_LEAD})([-*+]|\d{{1,9}}[.)])\s+(\[[ xX]\]\s+)?")
_FOOTNOTE_DEF = re.compile(r"^\s*\[\^[^\]]+\]:\s*")

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STAR_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_UNDER_EM = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
# Emphasis marks left unpaired (a snippet cut between "**" and its partner).
_STRAY = re.compile(r"(?<!\S)(\*\*|__)|(\*\*|__)(?!\S)")
_ESCAPABLE = "\\`*_{}[]()#+-.!|>~"
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
# An escaped character is set aside as a private-use stand-in while the markup is read.
_KEPT = 0xF800
_STAND_INS = re.compile(f"[{chr(_KEPT)}-{chr(_KEPT + len(_ESCAPABLE) - 1)}]")


def _line(line: str) -> str:
    if _RULE.match(line) or _TABLE_RULE.match(line) or _FENCE.match(line):
        return ""
    line = _FOOTNOTE_DEF.sub("", line)
    line = _HEADING.sub(r"\1\2", line)
    line = _QUOTE.sub(r"\1", line)
    line = _LIST.sub(r"\1", line)
    if line.lstrip().startswith("|"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        line = " · ".join(c for c in cells if c)
    return line


def _inline(text: str) -> str:
    text = _ESCAPED.sub(lambda m: chr(_KEPT + _ESCAPABLE.index(m.group(1))), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    for pattern in (_STRONG, _STRIKE, _STAR_EM, _UNDER_EM):
        text = pattern.sub(lambda m: m.group(m.lastindex or 0), text)
    text = _STRAY.sub("", text)
    return _STAND_INS.sub(lambda m: _ESCAPABLE[ord(m.group()) - _KEPT], text)


def plain_text(markdown: str) -> str:
    """``markdown`` without its markup, its lines kept (empty ones dropped)."""
    lines = (_inline(_line(line)) for line in (markdown or "").splitlines())
    return "\n".join(line.strip() for line in lines if line.strip())


def one_line(markdown: str, limit: int | None = None) -> str:
    """``markdown`` as plain text on one line, cut at a word with "…" past ``limit``."""
    text = " ".join(plain_text(markdown).split())
    return shorten(text, limit, at_word=True) if limit is not None else text
