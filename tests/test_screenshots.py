"""packaging/screenshots.py draws the screens it is asked for, named as the docs say."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_screenshot_script_draws_each_screen_within_the_size(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    env = {k: v for k, v in os.environ.items() if not k.startswith("PLNJOURNAL_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "screenshots.py"),
            str(tmp_path),
            "--sizes",
            "1024x600",
            "--journals",
            "empty",
            "--schemes",
            "dark",
            "--screens",
            "journal,matrix,about,first-start",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names == [
        "about-empty-1024x600-dark.png",
        "first-start-empty-1024x600-dark.png",
        "journal-empty-1024x600-dark.png",
        "matrix-empty-1024x600-dark.png",
    ]
    for name in names:
        image = QImage(str(tmp_path / name))
        assert 0 < image.width() <= 1024 and 0 < image.height() <= 600, name
        assert image.pixelColor(5, image.height() - 5).lightness() < 100, name  # dark
