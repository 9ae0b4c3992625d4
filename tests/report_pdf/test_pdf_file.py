"""Writing the PDF file: a new private temporary file, never a planted link; a full disk said
as such, with no partial file left (issue 18, findings 11 and 13)."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
from pathlib import Path

import pytest

from plnjournal.core.report.content import ReportOptions, build_report
from plnjournal.errors import PlnError
from plnjournal.report_pdf import writer
from tests.storage.hostile import small_disk

pytestmark = pytest.mark.gui


@pytest.fixture
def report(teaching_copy):
    with teaching_copy.session() as s:
        return build_report(s, ReportOptions(start=dt.date(2026, 9, 1), end=dt.date(2026, 11, 28)))


def test_a_link_planted_at_the_old_temporary_name_is_not_followed(
    report, tmp_path: Path, qapp
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "report.pdf"
    # The name the writer used to use: predictable from the process id.
    (tmp_path / f".{out.name}.{os.getpid()}.part").symlink_to(victim)
    writer.write_report_pdf(report, out)
    assert victim.read_text() == "precious"
    assert out.read_bytes().startswith(b"%PDF") and not out.is_symlink()
    assert out.stat().st_mode & 0o077 == 0  # the user's own, like every file the app writes


def test_a_full_disk_at_the_end_says_so_and_leaves_nothing(
    report, tmp_path: Path, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills up as the file is flushed (os.fsync is where NFS and friends say so)."""

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writer.os, "fsync", full)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(PlnError, match="the disk is full") as info:
        writer.write_report_pdf(report, folder / "report.pdf")
    assert "writable" not in info.value.message
    assert list(folder.iterdir()) == []


def test_a_real_full_disk_says_so_and_leaves_nothing(report, tmp_path: Path, qapp) -> None:
    with small_disk(tmp_path / "disk", 256) as disk:
        filler = disk / "filler"
        # Fill the disk, then leave a few KB: the PDF starts, then runs out.
        with filler.open("wb") as fh, contextlib.suppress(OSError):
            fh.write(b"x" * (256 * 1024))
        filler.write_bytes(b"x" * (filler.stat().st_size - 8 * 1024))
        out = disk / "report.pdf"
        with pytest.raises(PlnError, match="the disk is full") as info:
            writer.write_report_pdf(report, out)
        assert "writable" not in info.value.message
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]
