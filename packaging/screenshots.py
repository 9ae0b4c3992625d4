"""Screenshots of every main screen, light and dark, on the demo journal and on a new one.

The few in docs/images were made with this script at 1280x800, then made smaller with
``pngquant --quality 70-95`` (Debian package pngquant).

    python packaging/screenshots.py OUT_DIR [--sizes 1024x600,1920x1080] [--screens journal,about]
        [--journals demo,empty] [--schemes light,dark]

Offscreen (no display needed). Names: ``<screen>-<W>x<H>-<scheme>.png`` for the demo journal,
``<screen>-empty-<W>x<H>-<scheme>.png`` for a brand-new one (teaching framework, nothing
written). A main window fills the size; a dialog opens at its own size, within it (the size is
the screen's). 1024x600 is the small-screen check: everything must fit and work there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# The offscreen platform says so each time a window is raised or sized: not news here.
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;*.warning=false")

SIZES = ((1024, 600), (1024, 640), (1280, 800), (1920, 1080))
SCHEMES = ("light", "dark")
JOURNALS = ("demo", "empty")
SCREENS = (
    "journal",
    "insights",
    "matrix",
    "inbox",
    "feedback-import",
    "report",
    "first-start",
    "about",
)
EXAMPLE_FEEDBACK = "feedback-google-forms.csv"
PREVIEW_WAIT_MS = 800  # longer than the report dialog's PREVIEW_DELAY_MS


def _settle(app: object) -> None:
    """Let background reads and the charts they start deliver their results."""
    from PySide6.QtWidgets import QApplication

    from plnjournal.gui.tasks import busy, wait_for_background_work

    for _ in range(4):
        while busy():
            wait_for_background_work()
            QApplication.processEvents()
        QApplication.processEvents()


def _pause(ms: int) -> None:
    """Let timers due within ``ms`` fire (the report's preview waits for a pause in typing)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _journal(kind: str, folder: Path, today: dt.date) -> Path:
    """The demo journal (a year) or a new one with the teaching framework and nothing else."""
    from plnjournal.core.demo import build_demo
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.storage.db import open_database

    path = folder / f"{kind}.sqlite3"
    db = open_database(path)
    with db.session() as s:
        if kind == "demo":
            build_demo(s, years=1, seed=7, today=today)
        else:
            install_framework(s, load_builtin("teaching"))
    db.close()
    return path


def _open_screen(window: object, screen: str, size: tuple[int, int]) -> object:
    """Open ``screen`` over ``window``; return the top-level widget to grab."""
    from plnjournal.resources import folder as resource_folder
    from PySide6.QtCore import Qt

    from plnjournal.gui.report.feature import open_dialog
    from plnjournal.gui.shell.about_dialog import AboutDialog
    from plnjournal.gui.shell.first_start import FirstStartDialog

    w = window
    opened: Callable[[], object]
    if screen == "journal":
        return w
    if screen == "insights":
        return w.insights_feature.show()  # type: ignore[attr-defined]
    if screen == "matrix":
        w.skills_feature.show_matrix()  # type: ignore[attr-defined]
        return w.skills_feature.matrix_view  # type: ignore[attr-defined]
    if screen == "inbox":
        w.feedback_feature.show_feedback(inbox=True)  # type: ignore[attr-defined]
        return w.feedback_feature.feedback_window  # type: ignore[attr-defined]
    if screen == "feedback-import":
        files = None
        if getattr(w, "_demo", False):
            files = [resource_folder("examples").joinpath(EXAMPLE_FEEDBACK)]
        w.feedback_feature.open_import(files)  # type: ignore[attr-defined]
        return w.feedback_feature.import_dialog  # type: ignore[attr-defined]
    if screen == "report":
        return open_dialog(w)  # type: ignore[arg-type]
    if screen == "first-start":
        opened = lambda: FirstStartDialog(w._blank_db, w)  # type: ignore[attr-defined]  # noqa: E731
    elif screen == "about":
        opened = lambda: AboutDialog(w, w.db.path)  # type: ignore[attr-defined]  # noqa: E731
    else:
        raise SystemExit(f"screenshots: no screen called {screen!r}")
    dialog = opened()
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # type: ignore[attr-defined]
    dialog.show()  # type: ignore[attr-defined]
    return dialog


def _fit(widget: object, size: tuple[int, int], *, fill: bool) -> None:
    """A main window fills the screen; a dialog keeps its own size, within the screen."""
    from PySide6.QtWidgets import QMainWindow

    wide, high = size
    if fill or isinstance(widget, QMainWindow):
        widget.resize(wide, high)  # type: ignore[attr-defined]
        return
    hint = widget.property("defaultSize") or widget.size()  # type: ignore[attr-defined]
    widget.resize(min(hint.width(), wide), min(hint.height(), high))  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    """Write the screenshots to OUT_DIR; returns 0 (a missing screen stops with a message)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--screens", default=",".join(SCREENS))
    parser.add_argument("--journals", default=",".join(JOURNALS))
    parser.add_argument("--schemes", default=",".join(SCHEMES))
    args = parser.parse_args(argv)
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",")]
    screens, journals = args.screens.split(","), args.journals.split(",")
    schemes = args.schemes.split(",")
    args.out.mkdir(parents=True, exist_ok=True)

    home = Path(tempfile.mkdtemp(prefix="plnjournal-shots-"))
    os.environ["PLNJOURNAL_HOME"] = str(home)  # no remembered sizes, no user settings
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from plnjournal.gui import theme
    from plnjournal.gui.shell.main_window import MainWindow
    from plnjournal.storage.db import open_database

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("PLN Journal")
    app.setOrganizationName("plnjournal")
    theme.follow_system_scheme(app)
    today = dt.date.today()
    blank = open_database(home / "blank.sqlite3")  # the first-start dialog's brand-new journal
    written = 0
    for kind in journals:
        db = open_database(_journal(kind, home, today))
        window = MainWindow(db, today=lambda: today)
        window._demo = kind == "demo"  # type: ignore[attr-defined]
        window._blank_db = blank  # type: ignore[attr-defined]
        window.resize(*sizes[0])
        loaded: list[bool] = []
        window.loaded.connect(lambda flag=loaded: flag.append(True))
        window.show()
        while not loaded:
            QApplication.processEvents()
        _settle(app)
        for scheme in schemes:
            theme.switch_color_scheme(  # as when the desktop switches
                app, Qt.ColorScheme.Dark if scheme == "dark" else Qt.ColorScheme.Light
            )
            _settle(app)
            for screen in screens:
                widget = _open_screen(window, screen, sizes[0])
                for size in sizes:
                    _fit(widget, size, fill=screen in ("insights", "matrix", "inbox"))
                    _settle(app)
                    if screen == "journal":  # the text saved, as it is once typing stops
                        window.journal.flush()
                        _settle(app)
                    if screen == "report":  # its preview is drawn after a short pause
                        _pause(PREVIEW_WAIT_MS)
                        _settle(app)
                    tag = "" if kind == "demo" else "-empty"
                    name = f"{screen}{tag}-{size[0]}x{size[1]}-{scheme}.png"
                    widget.grab().save(str(args.out / name))  # type: ignore[attr-defined]
                    written += 1
                if widget is not window:
                    widget.close()  # type: ignore[attr-defined]
                    _settle(app)
        window.close()
        _settle(app)
        db.close()
    blank.close()
    print(f"screenshots: {written} images in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
