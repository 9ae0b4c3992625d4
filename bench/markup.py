"""Time hostile Markdown shapes through the renderer, the report's layout and the preview (issue 18).

Usage::

    python bench/markup.py [--timeout 60] [--shape NAME ...]

Each shape runs in a child process (before the caps some crashed Qt with SIGSEGV or ran for
minutes), which times, for one text: ``render`` (``markdown_to_html``, the preview's worker),
``report`` (render, then Qt's layout of the HTML in a mentor-comment cell of the report's table
at A4 width, the report's own style) and ``preview`` (the GUI thread's part: the preview's
``setHtml`` and layout at 500 px). Budgets: ``report`` ≤ 1 s and ``preview`` ≤ 0.2 s per
shape; the exit status is 1 when one is over. Figures: docs/performance.md, "Hostile markup".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPORT_BUDGET_S = 1.0
PREVIEW_BUDGET_S = 0.2


def _nest(open_: str, close: str, n: int, words: str = "deep words") -> str:
    return open_ * n + words + close * n


SHAPES = {
    "tables 25 (889 B comment)": lambda: _nest("<table><tr><td>", "</td></tr></table>", 25),
    "tables 22 (800 B reflection)": lambda: _nest("<table><tr><td>", "</td></tr></table>", 22),
    "tables 3,000": lambda: _nest("<table><tr><td>", "</td></tr></table>", 3000),
    "lists 3,000 (HTML)": lambda: _nest("<ul><li>", "</li></ul>", 3000),
    "quotes 3,000 (HTML)": lambda: _nest("<blockquote>", "</blockquote>", 3000),
    "40 KB of [": lambda: "[" * 40_000,
    "[a]( × 4,000": lambda: "[a](" * 4000,
    "open [ on 2,000 lines": lambda: ("[" * 8 + "a few words\n") * 2000,
    "126 KB nested list": lambda: "".join("    " * i + "- x\n" for i in range(300)),
    "list on one line (80 KB)": lambda: "- " * 40_000 + "x",
    "a footnote used 6,000 times": lambda: "[^a]: note\n\n" + "[^a] " * 6000,
    "an abbreviation on 14,000 words": lambda: "*[a]: " + "T" * 20_000 + "\n\n" + "a " * 14_000,
    "<b> 20,000 deep": lambda: _nest("<b>", "</b>", 20_000),
    "50 KB of formatted prose": lambda: (
        (
            "## A heading\n\nSome **bold** and *italic* words, a [link](https://example.org).\n\n"
            "- one\n- two\n    - three\n\n> a quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        )
        * 290
    ),
    "1 MB of plain lines": lambda: "a line of plain words\n" * 48_000,
}
# Not held to the budgets: Qt's own layout of this much text costs as much shown plain (the
# ``plain`` figure: ``setPlainText``, as the editor beside the preview pays for it too).
REFERENCE = {"1 MB of plain lines"}


def _measure(name: str) -> dict[str, float]:
    """In the child: time one shape (render, report layout, preview's GUI part)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication, QTextBrowser

    from plnjournal.core.render import markdown_to_html
    from plnjournal.core.report.html import STYLE, TABLE
    from plnjournal.report_pdf.writer import PageGeometry, _report_font

    app = QApplication.instance() or QApplication([])
    text = SHAPES[name]()
    t0 = time.perf_counter()
    html = markdown_to_html(text)
    render_s = time.perf_counter() - t0
    doc = QTextDocument()
    doc.setDefaultFont(_report_font())
    doc.setDefaultStyleSheet(STYLE)
    t0 = time.perf_counter()
    doc.setHtml(
        f"{TABLE}<tbody><tr><td>CL1 Managing transitions</td><td>3/5</td><td>{html}</td>"
        "<td></td></tr></tbody></table>"
    )
    doc.setTextWidth(PageGeometry.for_paper("a4").content.width())
    doc.size()
    layout_s = time.perf_counter() - t0
    browser = QTextBrowser()
    browser.resize(500, 600)
    t0 = time.perf_counter()
    browser.setHtml(html)
    browser.document().setTextWidth(480)
    browser.document().size()
    preview_s = time.perf_counter() - t0
    plain = QTextBrowser()
    plain.resize(500, 600)
    t0 = time.perf_counter()
    plain.setPlainText(text)
    plain.document().setTextWidth(480)
    plain.document().size()
    plain_s = time.perf_counter() - t0
    del app
    return {
        "bytes": len(text.encode()),
        "render": render_s,
        "report": render_s + layout_s,
        "preview": preview_s,
        "plain": plain_s,
    }


def _run(name: str, timeout: float) -> dict[str, object]:
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", name],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"shape": name, "error": f"over {timeout:g} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        why = f"signal {-done.returncode}" if done.returncode < 0 else last
        return {"shape": name, "error": why}
    return {"shape": name, **json.loads(done.stdout.strip().splitlines()[-1])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per shape")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_measure(args.child)))
        return 0
    rows = [_run(name, args.timeout) for name in (args.shape or SHAPES)]
    over = False
    print(
        f"{'shape':34} {'bytes':>9} {'render s':>9} {'report s':>9} {'preview s':>9} {'plain s':>9}"
    )
    for r in rows:
        if "error" in r:
            over = True
            print(f"{r['shape']:34} {'':>9} {r['error']}")
            continue
        bad = r["shape"] not in REFERENCE and (
            r["report"] > REPORT_BUDGET_S or r["preview"] > PREVIEW_BUDGET_S  # type: ignore[operator]
        )
        over = over or bad
        note = "  OVER BUDGET" if bad else "  (reference)" if r["shape"] in REFERENCE else ""
        print(
            f"{r['shape']:34} {r['bytes']:>9,} {r['render']:>9.3f} {r['report']:>9.3f} "
            f"{r['preview']:>9.3f} {r['plain']:>9.3f}{note}"
        )
    if args.json:
        print(json.dumps(rows))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
