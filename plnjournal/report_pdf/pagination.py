"""Cutting one long laid-out QTextDocument into pages, the way a typesetter would.

Qt's own pagination has no keep-with-next, splits table rows and, once a layout changes,
finishes it lazily on a timer that never fires without an event loop. So the report is laid
out once as a single tall page, and this module chooses where each page ends: between blocks
or table rows by preference, inside a paragraph only when it must (never leaving a single
line behind), never right after a heading, and with a split table's header row repeated at
the top of the next page. A page that would be nearly empty (the report's last, or the one
before a section that starts a page) takes more from the page before it, so a few lines
are never left alone on a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextDocument, QTextFormat, QTextTable

GOOD = 2  # between blocks or table rows
FAIR = 1  # between two lines of a paragraph
# A cut inside a paragraph is taken over a cut between blocks only if it fills the page
# by this much more (a fraction of the page height).
FAIR_GAIN = 0.2
SHORT_LIST = 8  # items
# A page filled less than this (a fraction of its height) is nearly empty: it takes more
# from the page before, which keeps at least the second fraction of its own.
NEARLY_EMPTY = 0.2
STILL_FULL = 0.5


@dataclass(frozen=True)
class Slice:
    """One page: the document's band [top, bottom), and a table header band to repeat."""

    top: float
    bottom: float
    header: tuple[float, float] | None = None
    forced_end: bool = False  # the page ends at a forced break (a new section or the cover)

    @property
    def header_height(self) -> float:
        """The room the repeated table header takes at the page's top."""
        return self.header[1] - self.header[0] if self.header else 0.0


@dataclass(frozen=True)
class _Cut:
    y: float
    quality: int
    header: tuple[float, float] | None = None  # the header band to repeat after this cut
    forced: bool = False


def paginate(doc: QTextDocument, page_height: float) -> list[Slice]:
    """Page slices for ``doc`` (laid out with a width and no page height)."""
    layout = doc.documentLayout()
    total = layout.documentSize().height()
    cuts, forced = _candidates(doc)
    slices: list[Slice] = []
    top, header = 0.0, None
    i = 0
    while top < total - 0.5:
        cap = page_height - (header[1] - header[0] if header else 0.0)
        limit = top + cap
        while i < len(cuts) and cuts[i].y <= top + 0.5:
            i += 1
        chosen: _Cut | None = None
        hard = next((f for f in forced if top + 0.5 < f <= limit), None)
        if hard is not None:
            chosen = _Cut(hard, GOOD, forced=True)
        elif limit >= total:
            chosen = _Cut(total, GOOD)
        else:
            best: dict[int, _Cut] = {}
            j = i
            while j < len(cuts) and cuts[j].y <= limit:
                best[cuts[j].quality] = cuts[j]
                j += 1
            good, fair = best.get(GOOD), best.get(FAIR)
            if good and (not fair or fair.y - good.y < FAIR_GAIN * page_height):
                chosen = good
            else:
                chosen = fair or good or _Cut(limit, FAIR)
        slices.append(Slice(top, chosen.y, header, chosen.forced))
        top, header = chosen.y, chosen.header
    return _no_nearly_empty(slices, cuts, page_height) or [Slice(0.0, max(total, 1.0))]


def _no_nearly_empty(slices: list[Slice], cuts: list[_Cut], page_height: float) -> list[Slice]:
    """Move the end of the page before a nearly empty one (the last page, or one ending at
    a forced break) back to a good cut, so both pages hold a fair share: the nearly empty
    one then holds at least ``NEARLY_EMPTY`` of a page and the one before ``STILL_FULL``."""
    out = list(slices)
    for k in range(1, len(out)):
        short, before = out[k], out[k - 1]
        if not (short.forced_end or k == len(out) - 1) or before.forced_end:
            continue
        used = short.bottom - short.top + short.header_height
        if used >= NEARLY_EMPTY * page_height:
            continue
        fits = [
            c
            for c in cuts
            if c.quality == GOOD
            and before.top + before.header_height + STILL_FULL * page_height <= c.y < short.top
            and short.bottom - c.y + _height(c.header) <= page_height
            and short.bottom - c.y + _height(c.header) >= NEARLY_EMPTY * page_height
        ]
        if fits:
            cut = fits[-1]  # the latest: the page before stays as full as it can
            out[k - 1] = Slice(before.top, cut.y, before.header, False)
            out[k] = Slice(cut.y, short.bottom, cut.header, short.forced_end)
    return out


def _height(band: tuple[float, float] | None) -> float:
    return band[1] - band[0] if band else 0.0


def _candidates(doc: QTextDocument) -> tuple[list[_Cut], list[float]]:
    """Where a page may end (sorted), and where it must (page-break policies)."""
    layout = doc.documentLayout()
    cuts: list[_Cut] = []
    forced: list[float] = []
    after_heading = True  # nothing above the very first block
    it = doc.rootFrame().begin()
    while not it.atEnd():
        frame = it.currentFrame()
        block = it.currentBlock()
        if frame is not None:
            top = layout.frameBoundingRect(frame).top()
            if isinstance(frame, QTextTable):
                top, inner = _table_cuts(doc, frame)
                cuts.extend(inner)
            if not after_heading:
                cuts.append(_Cut(top, GOOD))
            after_heading = False
        elif block.isValid() and block.length() > 1:
            rect = layout.blockBoundingRect(block)
            policy = block.blockFormat().pageBreakPolicy()
            if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                forced.append(rect.top())
            elif not after_heading:
                cuts.append(_Cut(rect.top(), _quality_before(block)))
            heading = bool(block.blockFormat().headingLevel())
            if not heading:
                cuts.extend(_line_cuts(block))
            if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter:
                forced.append(rect.bottom())
            after_heading = heading
        it += 1
    cuts.sort(key=lambda c: c.y)
    return cuts, sorted(forced)


def _quality_before(block: QTextBlock) -> int:
    """A short list is kept together where it can: a cut between its items is only fair."""
    text_list = block.textList()
    if text_list is not None and text_list.count() <= SHORT_LIST and text_list.itemNumber(block):
        return FAIR
    return GOOD


def _line_cuts(block: QTextBlock) -> list[_Cut]:
    """Cuts between lines of a long paragraph, keeping two lines on each side."""
    text_layout = block.layout()
    n = text_layout.lineCount()
    if n < 4:
        return []
    offset = text_layout.position().y()  # line rects are relative to the block's layout
    return [_Cut(offset + text_layout.lineAt(k).rect().bottom(), FAIR) for k in range(1, n - 2)]


def _table_cuts(doc: QTextDocument, table: QTextTable) -> tuple[float, list[_Cut]]:
    """The table's top edge, and cuts between its body rows (the header rows are repeated
    after each)."""
    layout = doc.documentLayout()
    rows: list[tuple[float, float]] = []
    group_rows: set[int] = set()  # one cell across the table: a group's heading row
    for r in range(table.rows()):
        tops, bottoms = [], []
        if table.cellAt(r, 0).columnSpan() == table.columns() > 1:
            group_rows.add(r)
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            if not cell.isValid() or cell.row() != r:  # spanned from the row above
                continue
            block = doc.findBlock(cell.firstPosition())
            last = doc.findBlock(cell.lastPosition())
            while block.isValid():
                rect = layout.blockBoundingRect(block)
                tops.append(rect.top())
                bottoms.append(rect.bottom())
                if block == last:
                    break
                block = block.next()
        if tops:
            rows.append((min(tops), max(bottoms)))
    fmt = table.format()
    # frameBoundingRect() of a table starts at its first cell's text; the edge is above that.
    edge = fmt.cellPadding() + fmt.border()
    top = (rows[0][0] - edge) if rows else layout.frameBoundingRect(table).top()
    if len(rows) < 2:
        return top, []
    n_header = min(fmt.headerRowCount(), len(rows) - 1)
    boundaries = [(rows[r - 1][1] + rows[r][0]) / 2 for r in range(1, len(rows))]
    header = (top, boundaries[n_header - 1]) if n_header else None
    return top, [
        _Cut(boundaries[r - 1], GOOD, header)
        for r in range(max(1, n_header + 1), len(rows))
        if r - 1 not in group_rows
    ]
