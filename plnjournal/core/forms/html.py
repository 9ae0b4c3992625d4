"""A filled form as HTML for the PDF engine: one page per account, boxes in the form's order.

Everything from the journal is escaped or rendered through the sanitizer (core/render.py):
a reflection's Markdown keeps its emphasis and lists, and can fetch or run nothing.
"""

from __future__ import annotations

import re

from plnjournal.core.escape import escape
from plnjournal.core.forms.fill import FilledField, FilledForm, FilledPage
from plnjournal.core.render import markdown_to_html, plain_text_html
from plnjournal.core.report.html import ACCENT, MUTED, RULE, SHADE

# Ticked and empty boxes: characters every PDF reader copies and searches as they look.
TICKED = "\u2612"
UNTICKED = "\u2610"

STYLE = f"""
body {{ color: #1b1f24; }}
h1 {{ font-size: 17pt; font-weight: 600; color: {ACCENT}; margin: 0 0 4px 0; }}
h4 {{ font-size: 10pt; font-weight: 600; margin: 6px 0 2px 0; }}
p {{ margin: 0 0 5px 0; }}
li {{ margin: 0 0 2px 0; }}
.form {{ color: {MUTED}; font-size: 9pt; margin: 0 0 2px 0; }}
.note {{ color: {MUTED}; font-size: 9pt; margin: 2px 0 10px 0; }}
.group {{ font-weight: 600; color: {ACCENT}; font-size: 9.5pt; margin: 10px 0 2px 0; }}
td.label {{ background-color: {SHADE}; font-weight: 600; font-size: 9pt;
            border: 1px solid {RULE}; }}
td.answer {{ border: 1px solid {RULE}; }}
.choice {{ font-size: 10pt; }}
"""

_HEADING = re.compile(r"<(/?)h[1-6]>")


def _answer_html(field: FilledField) -> str:
    if field.kind == "choices":
        return "<br>".join(
            f'<span class="choice">{TICKED if on else UNTICKED}&nbsp;{escape(name)}</span>'
            for name, on in field.choices
        )
    if field.kind == "blank":
        return "<p>&nbsp;</p><p>&nbsp;</p>"
    if not field.text.strip():  # room to write it by hand; the command line says which
        return "<p>&nbsp;</p>"
    if field.long:  # a reflection's own words: their Markdown, headings made small
        return _HEADING.sub(lambda m: f"<{m.group(1)}h4>", markdown_to_html(field.text))
    return plain_text_html(field.text)


def _box(field: FilledField) -> str:
    return (
        '<table cellpadding="6" cellspacing="0" width="100%" '
        'style="border-collapse: collapse; margin: 0 0 8px 0;">'
        f'<tr><td class="label">{escape(field.label)}</td></tr>'
        f'<tr><td class="answer">{_answer_html(field)}</td></tr></table>'
    )


def _page_html(form: FilledForm, page: FilledPage, first: bool) -> str:
    spec = form.spec
    style = "" if first else ' style="page-break-before: always;"'
    title = spec.title + (f" · {spec.subtitle}" if spec.subtitle else "")
    out = [f'<p class="form"{style}>{escape(title)}</p>', f"<h1>{escape(page.heading)}</h1>"]
    if page.note:
        out.append(f'<p class="note">{escape(page.note)}</p>')
    elif first and spec.intro:
        out.append(f'<p class="note">{escape(spec.intro)}</p>')
    group = ""
    for field in page.fields:
        if field.group and field.group != group:
            out.append(f'<p class="group">{escape(field.group)}</p>')
        group = field.group
        out.append(_box(field))
    return "".join(out)


def form_html(form: FilledForm) -> str:
    """The whole form: every page starts a new sheet."""
    return "".join(_page_html(form, page, i == 0) for i, page in enumerate(form.pages))
