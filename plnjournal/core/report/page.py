"""The report's page, Qt-free: paper sizes and margins in millimetres and points.

The PDF writer lays its pages out from these, and ``export-pdf``'s chart worker draws the
charts for the same text width before Qt is loaded (a process must not fork once Qt is in
it), so both read them here rather than keep a copy each.
"""

from __future__ import annotations

# Paper sizes in PostScript points (1/72 in), as Qt's QPageSize gives them.
PAPER_POINTS = {"a4": (595, 842), "letter": (612, 792)}

MARGIN_X_MM = 20.0
MARGIN_TOP_MM = 14.0
MARGIN_BOTTOM_MM = 12.0
HEADER_MM = 11.0  # room for the running header and the gap under it
FOOTER_MM = 10.0


def content_width_in(paper: str) -> float:
    """The width of the page's text (and so of its charts), in inches."""
    width_pt, _height = PAPER_POINTS[paper]
    return width_pt / 72 - 2 * MARGIN_X_MM / 25.4
