"""The window's own keys are a fake here unless a test says otherwise (plain journals)."""

from __future__ import annotations

import pytest

from tests.gui.privacy.fakes import FakeKeys


@pytest.fixture(autouse=True)
def plain_keys(monkeypatch):
    from plnjournal.gui.privacy import keys as keys_module

    fake = FakeKeys(encrypted=False)
    monkeypatch.setattr(keys_module, "journal_keys", lambda: fake)
    return fake
