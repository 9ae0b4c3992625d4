"""Render the app icon's PNG sizes, the Windows .ico and the macOS .icns from the SVG.

Run after editing resources/icons/plnjournal.svg (or plnjournal-small.svg, drawn on the 16 px
grid for the smallest sizes):  python packaging/render_icons.py
With --check, writes nothing and exits 1 if a PNG is missing or the wrong size.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "plnjournal.svg"
# Shapes drawn on the 16 px grid: the full icon's page lines and outlines blur at that size.
SMALL_SVG = ICONS / "plnjournal-small.svg"
SMALL_UP_TO = 24
SIZES = (16, 32, 48, 64, 128, 256, 512)
PACKAGING = Path(__file__).resolve().parent
ICO = PACKAGING / "windows" / "plnjournal.ico"
ICNS = PACKAGING / "macos" / "plnjournal.icns"


def png_path(size: int) -> Path:
    return ICONS / f"plnjournal-{size}.png"


def render(size: int):  # -> QImage
    """One square, transparent, antialiased rendering of the SVG."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    svg = SMALL_SVG if size <= SMALL_UP_TO else SVG
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def write_platform_icons() -> None:
    """The .ico (Windows: every size in one file) and .icns (macOS) for the PyInstaller spec.

    Pillow (a matplotlib dependency) writes both formats on any platform."""
    from PIL import Image

    images = {size: Image.open(png_path(size)).convert("RGBA") for size in SIZES}
    ICO.parent.mkdir(exist_ok=True)
    # append_images: our own rendering for each size (the 16 px one is drawn for 16 px),
    # rather than Pillow shrinking the largest.
    ico_sizes = [s for s in SIZES if s <= 256]
    images[256].save(
        ICO,
        format="ICO",
        sizes=[(s, s) for s in ico_sizes],
        append_images=[images[s] for s in ico_sizes if s != 256],
    )
    ICNS.parent.mkdir(exist_ok=True)
    images[512].save(ICNS, format="ICNS", append_images=[images[s] for s in SIZES if s != 512])
    for path in (ICO, ICNS):
        print(f"wrote {path.relative_to(ICONS.parents[1])}")


def main(argv: list[str]) -> int:
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication(["render_icons"])
    check = "--check" in argv
    problems = []
    for size in SIZES:
        path = png_path(size)
        if check:
            on_disk = QImage(str(path))
            if on_disk.isNull() or on_disk.width() != size or on_disk.height() != size:
                problems.append(f"{path.name}: missing or not {size}×{size}")
            continue
        if not render(size).save(str(path), "PNG"):
            raise SystemExit(f"{path}: could not write")
        print(f"wrote {path.relative_to(ICONS.parents[1])}")
    if not check:
        write_platform_icons()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
