"""A rotating log file in the user log folder; unexpected errors are written there."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from plnjournal.lazy import lazy_module
from plnjournal.paths import log_dir

if TYPE_CHECKING:
    import logging.handlers as logging_handlers
else:
    # Off the window's first paint (the window opens the file after it): logging.handlers pulls
    # in sockets and pickling (docs/performance.md, "Where the start-up deferrals are, and
    # what each saves"); records logged meanwhile are held by ``_Early``.
    logging_handlers = lazy_module("logging.handlers")

_handler: logging.Handler | None = None
_handler_path: Path | None = None
EARLY_LIMIT = 1000  # records held before the file opens; more are not worth the memory


class _Early(logging.Handler):
    """Holds what is logged before the log file opens (the window opens it after its first
    paint), for ``setup_logging`` to write first."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < EARLY_LIMIT:
            self.records.append(record)


_early: _Early | None = None


def hold_early_records(level: int = logging.INFO) -> None:
    """Keep the app's log records until ``setup_logging`` opens the file (the window's start
    does not wait for ``logging.handlers``)."""
    global _early
    if _handler is not None or _early is not None:
        return
    _early = _Early()
    root = logging.getLogger("plnjournal")
    root.addHandler(_early)
    root.setLevel(level)


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the app's log to a rotating file; returns its path (None if it cannot be written).

    Called again with another log folder (``PLNJOURNAL_HOME`` changed, as between tests), it
    moves the file there, so the path it returns is always where the log really goes.
    """
    global _handler, _handler_path, _early
    path = log_dir() / "plnjournal.log"
    if _handler is not None and _handler_path == path:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging_handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("plnjournal")
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    root.addHandler(handler)
    root.setLevel(level)
    _handler, _handler_path = handler, path
    if _early is not None:
        root.removeHandler(_early)
        for record in _early.records:
            handler.handle(record)
        _early = None
    return path


def log_exception(exc: BaseException) -> str:
    """Write ``exc`` with its traceback to the log; return where it went, for the message."""
    path = setup_logging()
    text = "".join(traceback.format_exception(exc))
    logging.getLogger("plnjournal").error("unexpected error\n%s", text)
    return str(path) if path else "the log (could not be written)"
