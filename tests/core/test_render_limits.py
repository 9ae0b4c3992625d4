"""Hostile Markdown stays cheap to render and to lay out: nesting and size are capped, words kept.

Each shape here once made the report or the preview take minutes, crash or raise (issue 18,
finding 2); the property test tries random nestings of every kind up to large depths.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plnjournal.core import render
from plnjournal.core.render import markdown_to_html

LISTS_AND_QUOTES = {"ul", "ol", "dl", "blockquote"}


class _Depths(HTMLParser):
    """The deepest nesting of tables, of lists and quotes, and of any element, in some HTML."""

    VOID = {"br", "hr", "img", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tables = self.lists = self.depth = self.elements = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        if tag in self.VOID:
            return
        self.stack.append(tag)
        self.depth = max(self.depth, len(self.stack))
        self.tables = max(self.tables, self.stack.count("table"))
        self.lists = max(self.lists, sum(t in LISTS_AND_QUOTES for t in self.stack))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _depths(html: str) -> _Depths:
    parser = _Depths()
    parser.feed(html)
    parser.close()
    return parser


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", unescape(text)))


def _tables(n: int, word: str = "deep") -> str:
    return "<table><tr><td>" * n + f"{word} words" + "</td></tr></table>" * n


def _within_caps(html: str) -> _Depths:
    d = _depths(html)
    assert d.tables <= render.MAX_TABLE_DEPTH
    assert d.lists <= render.MAX_LIST_DEPTH
    assert d.depth <= render.MAX_ELEMENT_DEPTH
    return d


def test_tables_nested_25_deep_are_flattened_keeping_the_words() -> None:
    html = markdown_to_html(_tables(25))
    d = _within_caps(html)
    assert d.tables == render.MAX_TABLE_DEPTH
    assert {"deep", "words"} <= _words("".join(d.text))
    assert "flattened" in html  # a quiet note says so


def test_tables_nested_3000_deep_are_flattened() -> None:
    _within_caps(markdown_to_html(_tables(3000)))


def test_a_sane_table_and_list_are_left_alone() -> None:
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n    - two\n        - three\n\n> quoted"
    html = markdown_to_html(text)
    assert html.count("<table>") == 1 and html.count("<ul>") == 3 and "<blockquote>" in html
    assert "flattened" not in html and "plain text" not in html


def test_40_kb_of_nested_brackets_are_shown_as_plain_text() -> None:
    text = "[" * 40_000 + " tail"
    html = markdown_to_html(text)
    assert "plain text" in html  # said so
    assert html.count("[") >= 40_000
    assert "tail" in html


def test_open_brackets_across_many_lines_of_one_paragraph_are_plain_text() -> None:
    # Each open bracket is scanned to the paragraph's end: quadratic in Python-Markdown.
    text = ("[" * 8 + "a few words\n") * 2000
    assert "plain text" in markdown_to_html(text)


def test_a_few_open_brackets_in_prose_are_still_formatted() -> None:
    text = ("A sad face :( and a **bold** word [sic.\n\n" * 200).strip()
    html = markdown_to_html(text)
    assert "<strong>bold</strong>" in html and "plain text" not in html


def test_a_126_kb_nested_list_does_not_raise() -> None:
    text = "".join("    " * i + f"- item{i}\n" for i in range(300))
    assert len(text) > 126_000
    html = markdown_to_html(text)
    _within_caps(html)
    assert {f"item{i}" for i in range(300)} <= _words(html)


def test_a_list_nested_on_one_line_does_not_raise() -> None:
    html = markdown_to_html("- " * 40_000 + "end")
    _within_caps(html)
    assert "end" in html


def test_html_blocks_nested_with_markdown_inside_do_not_raise() -> None:
    html = markdown_to_html('<div markdown="1">\n' * 2000 + "inner" + "\n</div>" * 2000)
    _within_caps(html)
    assert "inner" in html


def test_unclosed_html_blocks_keep_their_text() -> None:
    assert "inner" in markdown_to_html('<div markdown="1">\n' * 3 + "inner")


def test_definitions_repeated_thousands_of_times_stay_small() -> None:
    # One definition, used on every word: Python-Markdown writes its title each time.
    long = "T" * 20_000
    for text in (
        f'[a]: http://x "{long}"\n\n' + "[a] " * 7_000,
        f"*[a]: {long}\n\n" + "a " * 14_000,
        f"[^a]: {long}\n\n" + "[^a] " * 6_000,
    ):
        html = markdown_to_html(text)
        assert len(html) <= render.MAX_HTML_CHARS + 2 * len(text)


def test_text_beyond_the_size_cap_is_plain_text_with_a_note() -> None:
    para = "Some **bold** words here.\n\n"
    text = para * (render.MAX_MARKDOWN_CHARS // len(para) + 50) + "last words"
    html = markdown_to_html(text)
    assert "plain text" in html and "last words" in html
    assert html.count("<strong>") < text.count("**bold**")
    assert html.count("bold") == text.count("bold")  # every word still there


def test_many_elements_past_the_budget_keep_their_text() -> None:
    text = " ".join(f"*w{i}*" for i in range(render.MAX_ELEMENTS + 500))
    html = markdown_to_html(text)
    d = _within_caps(html)
    assert d.elements <= render.MAX_ELEMENTS + 2  # and our note
    assert {f"w{i}" for i in range(render.MAX_ELEMENTS + 500)} <= _words("".join(d.text))


# --- the property: any nesting renders, within the caps, keeping every word ---------------

_OPEN_CLOSE = {
    "table": ("<table><tr><td>", "</td></tr></table>"),
    "ul": ("<ul><li>", "</li></ul>"),
    "ol": ("<ol><li>", "</li></ol>"),
    "quote": ("<blockquote>", "</blockquote>"),
    "div": ("<div>", "</div>"),
    "mddiv": ('<div markdown="1">\n', "\n</div>"),
    "dl": ("<dl><dd>", "</dd></dl>"),
    "em": ("<em>", "</em>"),
    "b": ("<b>", "</b>"),
    "mdem": ("*", "*"),
    "mdstrong": ("**", "**"),
    "bracket": ("[ ", " ]"),
    "paren": ("( ", " )"),
    "mdquote": ("\n> ", "\n"),
    "mdlist": ("\n- ", "\n"),
}


@st.composite
def _nesting(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Random runs of one or several kinds of nesting, deep, with numbered words inside."""
    kinds = draw(st.lists(st.sampled_from(sorted(_OPEN_CLOSE)), min_size=1, max_size=4))
    depth = draw(st.integers(min_value=1, max_value=1_500))
    unclosed = draw(st.booleans())
    words: list[str] = []
    opens, closes = [], []
    for i in range(depth):
        kind = kinds[i % len(kinds)]
        o, c = _OPEN_CLOSE[kind]
        word = f"w{i}x"
        words.append(word)
        opens.append(f"{o}{word} ")
        closes.append(c)
    text = "".join(opens) + ("" if unclosed else "".join(reversed(closes)))
    return text, words


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_nesting())
def test_any_nesting_renders_within_the_caps_keeping_every_word(
    case: tuple[str, list[str]],
) -> None:
    text, words = case
    html = markdown_to_html(text)
    d = _within_caps(html)
    assert set(words) <= _words("".join(d.text))
