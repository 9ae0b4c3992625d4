"""Rendering untrusted Markdown never runs a script or fetches a resource."""

from __future__ import annotations

import pytest

from plnjournal.core.render import markdown_to_html


def test_formatting_survives() -> None:
    html = markdown_to_html(
        "# Title\n\n**bold** and *it*\n\n- a\n- b\n\n[site](https://example.org)"
    )
    assert "<h1>Title</h1>" in html and "<strong>bold</strong>" in html and "<li>a</li>" in html
    assert 'href="https://example.org"' in html


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        '<img src="https://tracker.example/p.gif">',
        "![x](https://tracker.example/p.gif)",
        '<a href="javascript:alert(1)">x</a>',
        '<p onclick="alert(1)">x</p>',
        '<iframe src="https://example.org"></iframe>',
        '<link rel="stylesheet" href="https://example.org/a.css">',
        '<div style="background:url(https://example.org/x)">x</div>',
    ],
)
def test_nothing_active_or_remote(evil: str) -> None:
    html = markdown_to_html(evil).lower()
    for bad in ("<script", "<img", "javascript:", "onclick", "<iframe", "<link", "url(", "style="):
        assert bad not in html
