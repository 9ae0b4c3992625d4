"""Stemming from two threads at once (two scorings in flight) gives each word its own stem."""

from __future__ import annotations

import threading

from plnjournal.core.skills import terms


def test_two_threads_stem_without_corrupting_each_other(monkeypatch) -> None:
    words = [f"{stem}{i}ing" for i in range(1500) for stem in ("reflect", "question", "plan")]
    expected = {w: terms.stem(w) for w in words}
    monkeypatch.setattr(terms, "_stems", {lang: {} for lang in terms.LANGUAGES})
    got: dict[str, str] = {}
    errors: list[BaseException] = []

    def work(part: list[str]) -> None:
        try:
            for w in part:
                got[w] = terms.stem(w)
        except BaseException as exc:  # the failure this test is about
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(words[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and got == expected
