"""The day list's own escaping is exactly the standard library's (it only avoids its import)."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from plnjournal.gui.html_delegate import escape


@given(st.text())
def test_escape_is_html_escape(text: str) -> None:
    assert escape(text) == html.escape(text)


def test_markup_in_a_title_is_shown_as_text() -> None:
    assert escape("<b>\"A\" & 'B'</b>") == "&lt;b&gt;&quot;A&quot; &amp; &#x27;B&#x27;&lt;/b&gt;"
