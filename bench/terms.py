"""Time ``SkillMatcher.discussed``: 40 skills × 200 reflections of ~300 words must take ≤ 15 ms.

Usage: python bench/terms.py [--runs 30] [--reflections 200] [--words 300]

The skills are bench/generate.py's 40 (the teaching framework widened with nursing and
software skills, their descriptors included) and the reflections its texts: words of the
frameworks' own descriptors, the worst case for matching. Three figures:
- first: a fresh process's first pass (every word of the vocabulary stemmed once);
- new texts: texts never read before, their words already stemmed (a journal re-scored after
  an edit, or a matcher rebuilt over texts the process has not read);
- warm: the same texts again (the app re-scoring an unchanged journal: each text is read once).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from generate import body_text, forty_skills  # noqa: E402

from plnjournal.core.skills import terms  # noqa: E402
from plnjournal.core.skills.terms import SkillMatcher, SkillTerms  # noqa: E402


def skills() -> list[SkillTerms]:
    """The 40 skills as the matcher sees them."""
    return [
        SkillTerms(i, s.code, s.name, (s.description, *s.levels), ())
        for i, s in enumerate(forty_skills().all_skills(), 1)
    ]


def texts(n: int, words: int, seed: int) -> list[str]:
    """``n`` reflections of about ``words`` words, each about one of the skills."""
    rng = random.Random(seed)
    pool = forty_skills().all_skills()
    return [body_text(rng, rng.choice(pool), words) for _ in range(n)]


def one_pass(matcher: SkillMatcher, batch: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    links = sum(len(matcher.discussed(t)) for t in batch)
    return (time.perf_counter() - start) * 1000, links


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--reflections", type=int, default=200)
    ap.add_argument("--words", type=int, default=300)
    args = ap.parse_args()
    terms_list = skills()
    batches = [texts(args.reflections, args.words, seed) for seed in range(args.runs + 1)]
    n_words = statistics.mean(len(t.split()) for t in batches[0])
    matcher = SkillMatcher(terms_list, "en")
    first, links = one_pass(matcher, batches[0])
    new = [one_pass(SkillMatcher(terms_list, "en"), b)[0] for b in batches[1:]]
    warm = [one_pass(SkillMatcher(terms_list, "en"), batches[0])[0] for _ in range(args.runs)]
    guessed = SkillMatcher(terms_list)  # no journal language: each text's is guessed
    terms._read.cache_clear()
    one_pass(guessed, batches[0])
    terms._read.cache_clear()
    unknown = [one_pass(SkillMatcher(terms_list), b)[0] for b in batches[1:]]
    print(
        f"{len(terms_list)} skills × {args.reflections} reflections of ~{n_words:.0f} words "
        f"({links} skill mentions found)"
    )
    print(f"first pass (cold stems)      {first:7.2f} ms")
    print(f"new texts, median of {len(new):<3}     {statistics.median(new):7.2f} ms")
    print(f"  same, language guessed     {statistics.median(unknown):7.2f} ms")
    print(f"warm, median of {len(warm):<3}          {statistics.median(warm):7.2f} ms")


if __name__ == "__main__":
    main()
