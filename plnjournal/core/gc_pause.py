"""Batch work (imports, the progress report) with Python's cyclic garbage collector paused.

Work that creates tens of thousands of long-lived objects (10,000 planned feedback items, a
year's report, matplotlib's artists) makes Python run full collections again and again, each
walking every object of the process — SQLAlchemy's, Qt's and matplotlib's included: a large
share of the CPU time of a feedback import, a jrnl import and the PDF's charts
(docs/performance.md, "Before and after (session 2)", has the figures). Paused for the length
of the work, the collector runs once afterwards; the work's own objects are alive throughout
anyway, so the peak memory barely moves.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # batches running, in any thread: the collector runs again when none is left
_paused_here = False  # whether the collector was running when the first batch began


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a batch of work (nestable, thread-safe)."""
    global _depth, _paused_here
    with _lock:
        if _depth == 0:
            _paused_here = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            resume = _depth == 0 and _paused_here
        if resume:
            gc.enable()
