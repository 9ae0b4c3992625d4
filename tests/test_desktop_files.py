"""Desktop integration files agree with each other and with the app: one app id, valid files.

The validators (desktop-file-validate, appstreamcli) run when installed, as in .ci/run.
"""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from plnjournal import __version__
from plnjournal.gui.shell.app_identity import APP_ID, ICON_SIZES

ROOT = Path(__file__).parents[1]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_desktop_entry_opens_the_gui_script_with_the_app_icon() -> None:
    entry = _desktop_entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["gui-scripts"]
    assert entry["Exec"].split()[0] in scripts  # plnjournal-gui: no console window
    assert entry["Icon"] == APP_ID
    assert entry["Name"] == "PLN Journal"
    assert entry["Terminal"] == "false"


def test_metainfo_names_the_same_app_and_this_release() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    releases = root.findall("releases/release")
    assert releases[0].get("version") == __version__, "add a <release> for the new version"
    assert releases[0].get("date")
    assert root.find("content_rating").get("type") == "oars-1.1"
    assert root.findtext("project_license") == "MIT"
    assert len(root.findall("description/p")) >= 2
    assert root.findall("screenshots/screenshot/image")


def test_metainfo_screenshot_is_in_the_repository() -> None:
    root = ET.parse(METAINFO).getroot()
    for image in root.findall("screenshots/screenshot/image"):
        rel = image.text.split("/main/", 1)[1]  # …/raw/…/main/docs/screenshots/x.png
        if not (ROOT / rel).exists():
            pytest.skip(f"{rel} is not in the repository yet (the journaling window adds it)")
        assert _png_size(ROOT / rel)[0] >= 1000, "software centres want a large screenshot"


def test_icons_exist_at_every_size() -> None:
    icons = ROOT / "resources" / "icons"
    assert (icons / "plnjournal.svg").read_text().lstrip().startswith("<?xml")
    for size in ICON_SIZES:
        assert _png_size(icons / f"plnjournal-{size}.png") == (size, size)
    assert (ROOT / "packaging" / "windows" / "plnjournal.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (ROOT / "packaging" / "macos" / "plnjournal.icns").read_bytes()[:4] == b"icns"


def test_install_script_puts_files_where_desktops_look(tmp_path: Path) -> None:
    subprocess.run(
        ["sh", str(LINUX / "install.sh"), str(tmp_path), "/opt/plnjournal/plnjournal-gui"],
        check=True,
        capture_output=True,
    )
    share = tmp_path / "share"
    installed = share / "applications" / DESKTOP.name
    assert "Exec=/opt/plnjournal/plnjournal-gui\n" in installed.read_text()
    assert (share / "metainfo" / METAINFO.name).exists()
    assert (share / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").exists()
    for size in ICON_SIZES:
        png = share / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        assert _png_size(png) == (size, size)


@pytest.mark.parametrize(
    ("tool", "args", "path"),
    [
        ("desktop-file-validate", [], DESKTOP),
        ("appstreamcli", ["validate", "--no-net"], METAINFO),
    ],
)
def test_validators_accept_the_files(tool: str, args: list[str], path: Path) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (apt-get install desktop-file-utils appstream)")
    result = subprocess.run([tool, *args, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()


FLATPAK = ROOT / "packaging" / "flatpak" / f"{APP_ID}.yml"
# A window and nothing else: files come and go through the portal, never --filesystem.
FLATPAK_PERMISSIONS = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]


def _top_level_list(text: str, key: str) -> list[str]:
    """The items of a top-level YAML list (no YAML library in the test dependencies)."""
    items, inside = [], False
    for line in text.splitlines():
        if line.startswith(f"{key}:"):
            inside = True
        elif inside and line and not line.startswith((" ", "#")):
            break
        elif inside and line.strip().startswith("- "):
            items.append(line.strip()[2:])
    return items


def test_flatpak_manifest_is_the_same_app_with_minimal_permissions() -> None:
    text = FLATPAK.read_text()
    assert f"\nid: {APP_ID}\n" in text
    assert "\ncommand: plnjournal-gui\n" in text
    assert _top_level_list(text, "finish-args") == FLATPAK_PERMISSIONS
    assert "--filesystem" not in text and "--share=network" not in text


def test_flatpak_builder_reads_the_manifest(tmp_path: Path) -> None:
    """flatpak-builder parses it (building needs Flathub; see packaging/flatpak/README.md)."""
    if shutil.which("flatpak-builder") is None:
        pytest.skip("flatpak-builder is not installed (apt-get install flatpak-builder)")
    import json

    shutil.copy(FLATPAK, tmp_path)
    # The generated dependency module, stood in for: generating it needs the Flathub SDK.
    (tmp_path / "python3-requirements.json").write_text('{"name": "python3-requirements"}')
    result = subprocess.run(
        ["flatpak-builder", "--show-manifest", FLATPAK.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    assert manifest["id"] == APP_ID
    assert manifest["finish-args"] == FLATPAK_PERMISSIONS
    assert manifest["runtime-version"] == manifest["base-version"]
    assert [m["name"] for m in manifest["modules"]] == ["python3-requirements", "plnjournal"]
