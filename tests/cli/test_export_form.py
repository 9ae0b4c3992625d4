"""``plnjournal export-form``: the NMC accounts one per page, read back as a recipient would;
a private reflection never reaches a form without the flag."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader

from plnjournal.core.journal.entries import add_entry
from plnjournal.storage.db import Database
from tests.cli.conftest import Cli
from tests.core.forms.test_fill import nmc_body

if TYPE_CHECKING:  # the writer draws with Qt: a widget app, as later GUI tests need
    from PySide6.QtWidgets import QApplication

SECRET = "Pangolin-private-2231"


def _pages(pdf: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]


def _journal(db: Database) -> int:
    """Six accounts and a private one; the private one's id."""
    with db.session() as s:
        for i in range(6):
            add_entry(
                s,
                entry_date=dt.date(2026, 1 + i, 10),
                title=f"Account {i}",
                body=nmc_body(f"topic{i}"),
            )
        secret = add_entry(
            s, entry_date=dt.date(2026, 11, 1), title="Private", body=nmc_body(SECRET), private=True
        )
        return secret.id


def test_nmc_accounts_one_per_page_with_the_discussion_form(
    db: Database, cli: Cli, tmp_path: Path, qapp: QApplication
) -> None:
    _journal(db)
    assert (
        cli(
            "forms", "nmc-reflective-accounts", "own_pin=12A3456E", "discussion_name=Sam Patel"
        ).code
        == 0
    )
    out = tmp_path / "accounts.pdf"
    result = cli("export-form", "nmc-reflective-accounts", str(out))
    assert result.code == 0, result.err
    assert "5 accounts" in result.out and "1 private reflection left out" in result.out
    pages = _pages(out)
    assert len(pages) == 6  # five accounts, one page each, and the discussion form
    for n, page in enumerate(pages[:5], start=1):
        assert f"Reflective account {n}" in page
        assert f"Learned about topic{n}." in page  # the oldest of the five newest first
        assert "How did you change or improve your practice as a result?" in page
        assert "\u2612 Preserve safety" in page and "\u2610 Prioritise people" in page
    assert "Reflective discussion form" in pages[5] and "12A3456E" in pages[5]
    assert "Sam Patel" in pages[5]
    assert all(SECRET not in page for page in pages)
    assert os.stat(out).st_mode & 0o777 == 0o600


def test_private_only_with_the_flag(
    db: Database, cli: Cli, tmp_path: Path, qapp: QApplication
) -> None:
    secret_id = _journal(db)
    out = tmp_path / "one.pdf"
    refused = cli("export-form", "nmc-reflective-accounts", str(out), "--entries", str(secret_id))
    assert refused.code == 2 and "is private" in refused.err and not out.exists()
    shown = cli(
        "export-form", "nmc-reflective-accounts", str(out), "--entries", str(secret_id),
        "--include-private",
    )  # fmt: skip
    assert shown.code == 0, shown.err
    assert SECRET in " ".join(_pages(out))


def test_no_accounts_yet_is_a_clear_message(
    db: Database, cli: Cli, tmp_path: Path, qapp: QApplication
) -> None:
    result = cli("export-form", "mentor-meeting-record", str(tmp_path / "m.pdf"))
    assert result.code == 2
    assert "no reflection was written with the 'mentor_meeting' reflection model" in result.err
    assert cli("export-form", "nmc", str(tmp_path / "m.pdf")).code == 2
