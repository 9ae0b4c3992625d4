"""The sdist and wheel a packager builds carry every file, and the installed wheel runs.

``python -m build`` makes the sdist, then the wheel from the sdist (so a file missing from the
sdist shows up as a file missing from the wheel). The wheel is installed with its dependencies
into a fresh virtual environment, and the smoke commands run there from a folder outside the
source tree: version, demo, stats, PDF export, and the window offscreen. The file lists are
compared with the source tree, so a new data file cannot be silently left out.

Slow (build, then install of PySide6 and matplotlib from the local package cache): one build and
one venv for the whole module; timings in docs/packaging.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from plnjournal import __version__

ROOT = Path(__file__).parents[1]
pytestmark = pytest.mark.slow

# Folders of the source tree that the sdist carries whole (see MANIFEST.in).
SDIST_FOLDERS = ("plnjournal", "resources", "packaging", "docs", "tests")
SDIST_FILES = ("LICENSE", "README.md", "pyproject.toml", "MANIFEST.in")
# Build output that a local PyInstaller run may leave in the tree (pruned in MANIFEST.in).
NOT_SHIPPED = ("packaging/pyinstaller/build", "packaging/pyinstaller/dist")


def source_files(folder: Path) -> set[str]:
    """Every file under ``folder`` as a relative POSIX path, without caches and build output."""
    found = set()
    for path in folder.rglob("*"):
        rel = path.relative_to(ROOT).as_posix()
        if (
            path.is_dir()
            or "__pycache__" in path.parts
            or path.suffix in (".pyc", ".pyo")
            or rel.startswith(NOT_SHIPPED)
        ):
            continue
        found.add(path.relative_to(folder).as_posix())
    return found


def _run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None, timeout: int = 300):
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, (
        f"{' '.join(args)} exited {result.returncode}\n"
        f"stdout: {result.stdout[-3000:]}\nstderr: {result.stderr[-3000:]}"
    )
    return result


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sdist, wheel) built as a packager builds them: isolated, the wheel from the sdist."""
    pytest.importorskip("build", reason="needs the 'build' package: pip install -e '.[test]'")
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], cwd=out)
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return sdist, wheel


def test_wheel_carries_every_module_and_data_file(dists: tuple[Path, Path]) -> None:
    _, wheel = dists
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = zf.read(f"plnjournal-{__version__}.dist-info/entry_points.txt").decode()
        licenses = [n for n in names if n.endswith("/licenses/LICENSE")]
    expected = {f"plnjournal/{p}" for p in source_files(ROOT / "plnjournal")}
    expected |= {f"plnjournal/resources/{p}" for p in source_files(ROOT / "resources")}
    assert expected - names == set(), "missing from the wheel (package-data in pyproject.toml?)"
    strays = {n for n in names if not n.startswith(("plnjournal/", "plnjournal-"))}
    assert strays == set(), "the wheel installs files outside the plnjournal package"
    # The icons, migrations and built-in data that the app reads through importlib.resources:
    for needed in (
        "plnjournal/resources/icons/plnjournal-16.png",
        "plnjournal/resources/frameworks/teaching.json",
        "plnjournal/storage/migrations/script.py.mako",
        "plnjournal/storage/migrations/versions/0001_initial_schema.py",
    ):
        assert needed in names
    assert "plnjournal = plnjournal.cli:run" in entry_points
    assert "[gui_scripts]\nplnjournal-gui = plnjournal.cli:run_window" in entry_points
    assert licenses, "the wheel carries the LICENSE"


def test_sdist_carries_the_source_tree(dists: tuple[Path, Path]) -> None:
    sdist, _ = dists
    prefix = f"plnjournal-{__version__}/"
    with tarfile.open(sdist) as tf:
        names = {m.name.removeprefix(prefix) for m in tf.getmembers() if m.isfile()}
    expected = set(SDIST_FILES)
    for folder in SDIST_FOLDERS:
        expected |= {f"{folder}/{p}" for p in source_files(ROOT / folder)}
    assert expected - names == set(), "missing from the sdist (see MANIFEST.in)"


@pytest.fixture(scope="module")
def venv(dists: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment, outside the source tree, with the wheel and its deps."""
    _, wheel = dists
    path = tmp_path_factory.mktemp("venv") / "venv"
    # No pip inside: the test's pip installs into it (--python), which saves ~25 s per run.
    _run([sys.executable, "-m", "venv", "--without-pip", str(path)], cwd=path.parent)
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(path / "bin" / "python"),
            "install",
            "--quiet",
            "--no-compile",
            str(wheel),
        ],
        cwd=path.parent,
        timeout=600,
    )
    return path


class Installed:
    """Runs the installed app's commands in a scratch folder, isolated from the source tree."""

    def __init__(self, venv: Path, work: Path) -> None:
        self.venv = venv
        self.work = work
        self.journal = work / "journal.sqlite3"
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env.update(
            PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
            PLNJOURNAL_HOME=str(work / "home"),
            QT_QPA_PLATFORM="offscreen",
        )
        env.pop("PLNJOURNAL_DB", None)
        self.env = env

    def __call__(self, script: str, *args: str) -> subprocess.CompletedProcess:
        exe = str(self.venv / "bin" / script)
        return _run([exe, "--db", str(self.journal), *args], cwd=self.work, env=self.env)


@pytest.fixture(scope="module")
def installed(venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The installed app with a demo journal, so every smoke command has data."""
    app = Installed(venv, tmp_path_factory.mktemp("outside-the-source-tree"))
    result = app("plnjournal", "demo")
    assert "Demo journal written" in result.stdout
    return app


def test_installed_copy_is_the_wheel_not_the_source(installed: Installed) -> None:
    result = _run(
        [
            str(installed.venv / "bin" / "python"),
            "-c",
            "import plnjournal; print(plnjournal.__file__)",
        ],
        cwd=installed.work,
        env=installed.env,
    )
    assert Path(result.stdout.strip()).is_relative_to(installed.venv)


def test_version_from_both_entry_points(installed: Installed) -> None:
    for script in ("plnjournal", "plnjournal-gui"):
        assert installed(script, "--version").stdout.strip() == f"plnjournal {__version__}"


def test_stats_on_the_demo_journal(installed: Installed) -> None:
    stats = json.loads(installed("plnjournal", "stats", "--json").stdout)
    assert stats["entries"] > 200
    assert stats["skills"] > 20


def test_pdf_export(installed: Installed) -> None:
    from pypdf import PdfReader

    out = installed.work / "report.pdf"
    result = installed("plnjournal", "export-pdf", str(out))
    assert "Wrote" in result.stdout
    reader = PdfReader(out)
    assert len(reader.pages) >= 2
    text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    assert "Early-career teaching practice" in text  # the demo's framework, from the wheel's JSON


def test_window_starts_offscreen_with_its_icon(installed: Installed) -> None:
    picture = installed.work / "window.png"
    result = installed("plnjournal-gui", "gui", "--smoke-test", "--screenshot", str(picture))
    assert "smoke test: window shown: 'PLN Journal'" in result.stdout
    assert "icon set" in result.stdout
    assert "io.github.plnjournal.PLNJournal.desktop" in result.stdout
    header = picture.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(header[16:20], "big") >= 800  # the whole window, not a stub
