"""The one start-up deferral mechanism: a module named now is imported when first used."""

from __future__ import annotations

import subprocess
import sys


def test_a_lazy_module_is_imported_on_first_use_only() -> None:
    code = (
        "import sys\n"
        "from plnjournal.lazy import lazy_module\n"
        "html = lazy_module('plnjournal.core.report.html')\n"
        "assert 'plnjournal.core.report.html' not in sys.modules\n"
        "assert callable(html.report_html)\n"
        "assert 'plnjournal.core.report.html' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_patched_module_is_seen_through_the_lazy_name(monkeypatch) -> None:
    import plnjournal.core.dates as dates
    from plnjournal.lazy import lazy_module

    lazy = lazy_module("plnjournal.core.dates")
    monkeypatch.setattr(dates, "parse_date", lambda text: "patched")
    assert lazy.parse_date("2026-01-01") == "patched"
