"""Stress the report preview's threading: documents laid out on worker threads while the GUI
thread runs Python's cyclic garbage collector and its event loop (the hang of session 7).

Usage::

    QT_QPA_PLATFORM=offscreen python bench/preview_stress.py [--iterations 400] [--leak]

Two pool threads build ``ReportDocument``s (each with its chart handler registered, which
connects the handler's ``destroyed`` signal under Qt's signal-slot locks) while the GUI thread
allocates, collects and processes events. ``--leak`` keeps each document in a reference cycle
instead of closing it, as the preview and the PDF did before the fix: the cycle is then freed
by whichever thread runs the collector next, mostly the GUI thread, which deletes the worker's
QTextDocument and chart handler there. A run that stops making progress for ``--stall``
seconds dumps every thread's Python stack and exits 1 (attach gdb first for native stacks;
the process id is printed at the start).
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import os
import sys
import threading
import time

from PySide6.QtCore import QRunnable, QThreadPool
from PySide6.QtWidgets import QApplication, QLabel

from plnjournal.report_pdf.writer import ReportDocument

HTML = "<h1>Report</h1>" + "<p>" + "word " * 300 + "</p>[[chart:a]]<p>after</p>" * 3
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">'
    b'<rect width="100" height="50" fill="#3a7"/></svg>'
)


class Build(QRunnable):
    """One preview's document, made and painted on a pool thread."""

    def __init__(self, leak: bool, done: list[int]) -> None:
        super().__init__()
        self.leak = leak
        self.done = done

    def run(self) -> None:
        """Lay out and paint a page; leak the document into a cycle, or close it here."""
        document = ReportDocument(HTML, style="", charts={"a": SVG})
        document.page_image(0, 200)
        if self.leak:
            # A cycle for the collector to free, the document before its chart handler (so
            # the layout's destructor still finds the handler connected to it).
            cycle: list[object] = [document.doc, document._charts]
            cycle.append(cycle)
        else:
            document.close()
        with lock:
            self.done[0] += 1


lock = threading.Lock()


def main() -> int:
    """Run the stress; exit 0 when every iteration finished."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=400)
    parser.add_argument("--leak", action="store_true", help="documents left to the collector")
    parser.add_argument("--stall", type=float, default=60.0)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"pid {os.getpid()}", flush=True)
    gc.set_threshold(50, 5, 5)  # collections often, on whichever thread allocates
    done = [0]
    pool = QThreadPool()
    pool.setMaxThreadCount(2)
    start = time.perf_counter()
    started = 0
    faulthandler.dump_traceback_later(args.stall, exit=True)
    while done[0] < args.iterations:
        while started - done[0] < 2 and started < args.iterations:
            pool.start(Build(args.leak, done))
            started += 1
        labels = [QLabel("x") for _ in range(20)]
        for label in labels:
            label.deleteLater()
        del labels
        gc.collect()
        app.processEvents()
        faulthandler.dump_traceback_later(args.stall, exit=True)  # progress: push it back
    pool.waitForDone()
    gc.collect()
    faulthandler.cancel_dump_traceback_later()
    mode = "leaked to the collector" if args.leak else "closed on the worker"
    print(f"ok: {done[0]} documents ({mode}) in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
