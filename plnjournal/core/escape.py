"""Text made safe to put inside HTML: the one escaper of the report and the GUI."""

from __future__ import annotations

# What ``html.escape(text, quote=True)`` replaces, and with what (tests/core/test_escape.py
# checks the two agree on every text).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str | None) -> str:
    """``html.escape`` (None as empty), without importing the ``html`` module: the day list
    escapes its titles before the window's first paint, and that module's import loads a table
    of 2,000 named entities escaping never uses (docs/performance.md, "Where the start-up
    deferrals are, and what each saves")."""
    return (text or "").translate(_ESCAPES)
