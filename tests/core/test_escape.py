"""The one HTML escaper is exactly the standard library's (it only avoids its import)."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from plnjournal.core.escape import escape


@given(st.text())
def test_escape_is_html_escape(text: str) -> None:
    assert escape(text) == html.escape(text)


@given(st.text(alphabet="&<>\"'; #x0123456789abcdefABCDEF", max_size=40))
def test_escape_is_html_escape_on_the_characters_that_matter(text: str) -> None:
    assert escape(text) == html.escape(text, quote=True)


def test_markup_in_a_title_is_shown_as_text() -> None:
    assert escape("<b>\"A\" & 'B'</b>") == "&lt;b&gt;&quot;A&quot; &amp; &#x27;B&#x27;&lt;/b&gt;"


def test_nothing_is_an_empty_text() -> None:
    assert escape(None) == escape("") == ""
