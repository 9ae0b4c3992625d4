"""Deterministic benchmark journals: N years of near-daily reflections, 40 skills, ratings,
feedback and commitments, written both to our database and as a jrnl plain-text journal.

    python bench/generate.py --years 10 --out bench/out/10y   # writes 10y.sqlite3 and 10y.txt
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plnjournal.core.demo import ACTION, ANALYSIS, FEELING, SITUATION, _fill  # noqa: E402
from plnjournal.core.frameworks import AreaSpec, FrameworkSpec, install_framework, load_builtin  # noqa: E402
from plnjournal.storage.db import open_database  # noqa: E402
from plnjournal.storage.models import (  # noqa: E402
    Commitment,
    CommitmentState,
    Entry,
    EntrySkill,
    EntrySource,
    FeedbackImport,
    FeedbackItem,
    Rating,
    RatingOrigin,
    RatingSource,
)


def vocabulary() -> list[str]:
    """Real words of the field, from the built-in frameworks' descriptors, most common first."""
    import collections
    import re

    counts: collections.Counter[str] = collections.Counter()
    for fid in ("teaching", "software", "nursing"):
        for skill in load_builtin(fid).all_skills():
            counts.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", " ".join(skill.levels)))
    return [w for w, _ in counts.most_common()]


WORDS = vocabulary()
# Zipf-like weights: a few words are common, most are rare, as in real writing.
ZIPF = [1.0 / (rank + 1) for rank in range(len(WORDS))]


def forty_skills() -> FrameworkSpec:
    """The teaching framework plus software skills up to 40, so benches use 40 skills."""
    teaching = load_builtin("teaching")
    software = load_builtin("software")
    extra = AreaSpec(
        name="Engineering", skills=software.all_skills()[: 40 - len(teaching.all_skills())]
    )
    teaching.areas.append(extra)
    return teaching


def body_text(rng: random.Random, skill, words: int = 300) -> str:  # noqa: ANN001
    """About ``words`` words: a few situation/feeling/analysis/action sentences like the demo's,
    the rest in the field's own vocabulary, so common words are common but not everywhere."""
    parts: list[str] = []
    pools = (SITUATION, FEELING, ANALYSIS, ACTION)
    n = 0
    while n < words:
        if rng.random() < 0.2:
            sentence = _fill(rng.choice(pools[len(parts) % 4]), rng, skill)
        else:
            sentence = " ".join(rng.choices(WORDS, ZIPF, k=rng.randint(8, 18))).capitalize() + "."
        parts.append(sentence)
        n += len(sentence.split())
    return " ".join(parts)


def generate(
    years: int, out: Path, seed: int = 1, today: dt.date | None = None
) -> tuple[Path, Path]:
    rng = random.Random(seed)
    today = today or dt.date(2026, 11, 28)
    db_path = out.with_suffix(".sqlite3")
    jrnl_path = out.with_suffix(".txt")
    out.parent.mkdir(parents=True, exist_ok=True)
    for p in (db_path, jrnl_path):
        p.unlink(missing_ok=True)
    db = open_database(db_path)
    jrnl_lines: list[str] = []
    with db.session() as s:
        install_framework(s, forty_skills())
        from plnjournal.core.skills import list_skills

        skills = list_skills(s)
        weights = [rng.choice((0.05, 1, 1, 2, 6)) for _ in skills]
        day = today - dt.timedelta(days=365 * years - 1)
        entries: list[Entry] = []
        while day <= today:
            if rng.random() < 0.97:
                skill = rng.choices(skills, weights)[0]
                t = dt.time(rng.randint(6, 22), rng.randint(0, 59))
                title = f"{skill.name}: " + " ".join(rng.choices(WORDS, ZIPF, k=2))
                body = body_text(rng, skill)
                entries.append(
                    Entry(
                        entry_date=day,
                        entry_time=t,
                        title=title,
                        body=body,
                        source=EntrySource.DEMO,
                        comfort=rng.randint(1, 5),
                        skill_links=[
                            EntrySkill(skill_id=skill.id, self_rating=rng.choice((None, 2, 3)))
                        ],
                    )
                )
                jrnl_lines.append(f"[{day.isoformat()} {t:%H:%M}] {title}.\n{body}\n")
            day += dt.timedelta(days=1)
        s.add_all(entries)
        s.flush()
        for e in entries:
            link = e.skill_links[0]
            if link.self_rating is not None:
                s.add(
                    Rating(
                        skill_id=link.skill_id,
                        level=link.self_rating,
                        rated_on=e.entry_date,
                        source=RatingSource.SELF,
                        origin=RatingOrigin.ENTRY,
                        entry_id=e.id,
                    )
                )
            if rng.random() < 0.1:
                due = e.entry_date + dt.timedelta(days=14)
                state = (
                    CommitmentState.DONE
                    if due < today and rng.random() < 0.7
                    else CommitmentState.OPEN
                )
                s.add(
                    Commitment(
                        text="Try it again next week",
                        due_on=due,
                        state=state,
                        entry_id=e.id,
                        skill_id=link.skill_id,
                        created_on=e.entry_date,
                    )
                )
        day = today - dt.timedelta(days=365 * years - 1)
        n = 0
        while day <= today:
            imp = FeedbackImport(
                file_name=f"feedback-{day}.csv",
                sha256=hashlib.sha256(str(day).encode()).hexdigest(),
                format="csv-long",
            )
            s.add(imp)
            for skill in rng.sample(skills, 6):
                n += 1
                level = rng.randint(1, 5)
                item = FeedbackItem(
                    feedback_import=imp,
                    line=n,
                    skill_id=skill.id,
                    mentor="Ms Okafor",
                    given_on=day,
                    level=level,
                    comment="Keep going.",
                    raw="{}",
                    fingerprint=hashlib.sha256(f"{n}".encode()).hexdigest(),
                )
                s.add(item)
                s.add(
                    Rating(
                        skill_id=skill.id,
                        level=level,
                        rated_on=day,
                        source=RatingSource.MENTOR,
                        rater="Ms Okafor",
                        origin=RatingOrigin.FEEDBACK,
                        feedback_item=item,
                    )
                )
            day += dt.timedelta(days=21)
    db.close()
    jrnl_path.write_text("\n".join(jrnl_lines), encoding="utf-8")
    return db_path, jrnl_path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    out = args.out or Path(__file__).parent / "out" / f"{args.years}y"
    t0 = time.perf_counter()
    db_path, jrnl_path = generate(args.years, out, args.seed)
    print(f"wrote {db_path} and {jrnl_path} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
