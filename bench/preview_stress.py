"""Stress the report preview's threading: documents laid out on worker threads while the GUI
thread drops what the workers hand it (the export dialog's hang, session 7).

Usage::

    QT_QPA_PLATFORM=offscreen python bench/preview_stress.py [--seconds 60] [--leak]

Two Python threads make what a preview's ``ReportDocument`` makes first, its document and
chart handler, and register the handler (``registerHandler`` connects the handler's
``destroyed`` signal: Qt's signal-slot locks, taken with the GIL held). By default both are
deleted on their worker, as ``ReportDocument.close`` does for the preview and the PDF now. ``--leak`` hands the document and its chart handler to the GUI thread to
be dropped there, the document first, as Python's cyclic collector did when it freed a
preview's document on the GUI thread: the layout's destructor then holds its signal-slot
lock while PySide takes the GIL for the handler's overrides, and a worker holding the GIL
waits for the same lock. A run that stops for ``--stall`` seconds dumps every thread's Python
stack and exits 1; attach gdb (``gdb -p PID -batch -ex "thread apply all bt"``) before that
for the native stacks (the process id is printed first).
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import sys
import threading
import time

import shiboken6
from PySide6.QtCore import QSizeF
from PySide6.QtWidgets import QApplication

from plnjournal.report_pdf.chart_object import CHART_OBJECT, ChartObject
from plnjournal.report_pdf.closed_document import ClosedDocument
from plnjournal.report_pdf.writer import FONT_FAMILIES


def main() -> int:
    """Run for ``--seconds``; exit 0 when it never stalled."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--leak", action="store_true", help="the GUI thread drops the documents")
    parser.add_argument("--stall", type=float, default=120.0)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"pid {os.getpid()}", flush=True)
    handed: list[tuple[object, object]] = []
    lock = threading.Lock()
    built = [0]
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            # What the preview's ReportDocument makes first: the document, the chart handler,
            # the handler registered (the rest of its layout only makes the window rarer).
            doc = ClosedDocument()
            charts = ChartObject({}, QSizeF(600, 800), FONT_FAMILIES)
            doc.documentLayout().registerHandler(CHART_OBJECT, charts)
            if args.leak:
                with lock:
                    handed.append((doc, charts))
            else:  # as ReportDocument.close does: the handler, then the document
                shiboken6.delete(charts)
                shiboken6.delete(doc)
            del doc, charts
            with lock:
                built[0] += 1

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(2)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    while time.perf_counter() - start < args.seconds:
        faulthandler.dump_traceback_later(args.stall, exit=True)  # a C watchdog: no GIL needed
        with lock:
            batch, handed[:] = handed[:], []
        del batch  # each pair's document, then its chart handler, destroyed on this thread
        app.processEvents()
    stop.set()
    for thread in threads:
        thread.join()
    faulthandler.cancel_dump_traceback_later()
    mode = "dropped on the GUI thread" if args.leak else "closed on their worker"
    print(f"ok: {built[0]} documents ({mode}) in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
