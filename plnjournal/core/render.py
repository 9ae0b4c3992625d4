"""Markdown to safe HTML: untrusted text (mentor files, imported journals) is sanitized.

No scripts, no event handlers, no remote resources: images may only be ``data:`` URIs the app
itself made; links are kept but only opened by the front end on an explicit click.
"""

from __future__ import annotations

import functools

import markdown
import nh3

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


@functools.lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


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
    """The user's or a mentor's Markdown as sanitized HTML, ready for a preview or a report."""
    md = _markdown()
    md.reset()
    return sanitize_html(md.convert(text or ""))
