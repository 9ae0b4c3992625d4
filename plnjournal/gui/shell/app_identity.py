"""The app's identity on the desktop: one app id, the window icon, and the packagers' smoke test.

``APP_ID`` names the .desktop file, the AppStream metainfo, the Flatpak and the icons installed
for Linux desktops; Wayland compositors match the window to its .desktop file (and so to its
icon and name in the taskbar) through ``QGuiApplication.setDesktopFileName(APP_ID)``.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QSize, QTimer

from plnjournal.gui import late_types
from plnjournal.resources import folder as resource_folder

if sys.platform == "win32":  # only Windows needs it (the taskbar's app id)
    import ctypes

if TYPE_CHECKING:  # QIcon for annotations; read from late_types when the icon is made
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

APP_ID = "io.github.plnjournal.PLNJournal"
# PNG renderings of resources/icons/plnjournal.svg (packaging/render_icons.py makes them).
# PNGs rather than the SVG: no SVG icon-engine plugin needed, crisp hand-drawn 16 px.
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
SMOKE_TIMEOUT_MS = 20_000


def icon_png(size: int) -> bytes:
    """The app icon at ``size`` pixels, read through the package (works in wheels and bundles)."""
    # Typed here: the checker cannot see plnjournal.resources (pyproject.toml, [tool.mypy]).
    data: bytes = resource_folder("icons").joinpath(f"plnjournal-{size}.png").read_bytes()
    return data


def app_icon() -> QIcon:
    """Files are named to Qt, which reads each size when it is first drawn (decoding all seven
    PNGs up front cost the window's start: docs/performance.md); from a zip, the bytes are
    decoded now."""
    icon = late_types.QIcon()
    folder = resource_folder("icons")
    for size in ICON_SIZES:
        name = f"plnjournal-{size}.png"
        if isinstance(folder, Path) and (folder / name).is_file():
            icon.addFile(str(folder / name), QSize(size, size))
            continue
        pixmap = late_types.QPixmap()
        if pixmap.loadFromData(icon_png(size), "PNG"):
            icon.addPixmap(pixmap)
    return icon


def apply_identity(app: QApplication) -> None:
    """Tie the app to its .desktop file (and so to its name and icon in the taskbar)."""
    app.setDesktopFileName(APP_ID)
    if sys.platform == "win32":
        # Windows groups taskbar buttons by this id, and the installer's Start menu shortcut
        # carries the same one; without it a pip install shows as python.exe with its icon.
        with contextlib.suppress(AttributeError, OSError):
            ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_ID)


def apply_window_icon(app: QApplication) -> None:
    """Give every window the app icon, once: right after the first paint (making it costs
    the first paint time it need not wait for), or before a dialog shown before it."""
    if app.windowIcon().isNull():
        app.setWindowIcon(app_icon())


def schedule_smoke_report(
    app: QApplication, window: QWidget, screenshot: Path | None = None
) -> None:
    """For ``plnjournal gui --smoke-test``: once the window is shown, say so and quit (exit 0);
    if it never shows, say that and exit 1. Proves a build starts without a person watching;
    ``screenshot`` saves the window as PNG, to look at what a bundle really shows."""
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer(window)
    timer.setInterval(50)

    def check() -> None:
        handle = window.windowHandle()
        shown = window.isVisible() and handle is not None and handle.isExposed()
        # The icon is set right after the first paint: wait for it, up to the time limit.
        if shown and (not app.windowIcon().isNull() or clock.elapsed() > SMOKE_TIMEOUT_MS):
            timer.stop()
            size = window.size()
            icon = "set" if not app.windowIcon().isNull() else "MISSING"
            if screenshot is not None and not window.grab().save(str(screenshot), "PNG"):
                icon += f", could not save {screenshot}"
            print(
                f"smoke test: window shown: '{window.windowTitle()}' "
                f"{size.width()}×{size.height()} on {app.platformName()}, "
                f"icon {icon}, desktop file {app.desktopFileName()}.desktop",
                flush=True,
            )
            app.exit(0 if icon == "set" else 1)
        elif clock.elapsed() > SMOKE_TIMEOUT_MS:
            timer.stop()
            print(
                f"smoke test: the window did not show within {SMOKE_TIMEOUT_MS // 1000} s",
                file=sys.stderr,
                flush=True,
            )
            app.exit(1)

    timer.timeout.connect(check)
    timer.start()
