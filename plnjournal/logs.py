"""A rotating log file in the user log folder; unexpected errors are written there."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from plnjournal.paths import log_dir

_handler: logging.Handler | None = None
_handler_path: Path | None = None


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the app's log to a rotating file; returns its path (None if it cannot be written).

    Called again with another log folder (``PLNJOURNAL_HOME`` changed, as between tests), it
    moves the file there, so the path it returns is always where the log really goes.
    """
    global _handler, _handler_path
    path = log_dir() / "plnjournal.log"
    if _handler is not None and _handler_path == path:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
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
    return path


def log_exception(exc: BaseException) -> str:
    """Write ``exc`` with its traceback to the log; return where it went, for the message."""
    path = setup_logging()
    text = "".join(traceback.format_exception(exc))
    logging.getLogger("plnjournal").error("unexpected error\n%s", text)
    return str(path) if path else "the log (could not be written)"
