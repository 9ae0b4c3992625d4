"""Deterministic benchmark journals: N years of near-daily reflections over 40 skills, with
self and mentor ratings, mentor feedback, commitments, a 10,000-row mentor feedback file, and
the same journal in jrnl's plain-text format.

    python bench/generate.py --size 10              # bench/out/10y.sqlite3, 10y.txt, 10y-feedback.csv
    python bench/generate.py --size 100k            # 100,000 reflections over 30 years
    python bench/generate.py --size 0.1             # about 36 days (smoke tests)

The same size and seed always give the same journal (only created-at timestamps differ).
Skills are practised unevenly on purpose: some often, some rarely, one never reflected on but
rated low by mentors, two rated by the user well above the mentors' view (blind spots).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from plnjournal.core.demo import (  # noqa: E402
    ACTION,
    ANALYSIS,
    CRITICAL,
    DROP_REASONS,
    FEELING,
    PRAISE,
    PRIVATE,
    SITUATION,
    _fill,
)
from plnjournal.core.feedback.items import feedback_fingerprint  # noqa: E402
from plnjournal.core.frameworks.spec import AreaSpec, FrameworkSpec, load_builtin  # noqa: E402

TODAY = dt.date(2026, 11, 28)  # the day every generated journal ends (as the other benches)
FEEDBACK_ROWS = 10_000
MENTORS = ("Ms Okafor", "Mr Brennan", "Dr Ahmed")
OUT = BENCH / "out"


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
# Zipf-like weights: a few words are common, most are rare, as in real writing. Cumulative
# weights computed once: random.choices would otherwise add them up on every call.
CUM_ZIPF = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(WORDS))))


@dataclass(frozen=True)
class Size:
    """A benchmark journal size: ``years`` of reflections, or ``entries`` spread over 30 years."""

    label: str  # "10y", "0.1y", "100k": names the files
    years: float
    entries: int | None = None
    words: int = 300

    @property
    def days(self) -> int:
        return max(1, round(365 * self.years))


def parse_size(text: str) -> Size:
    """``10`` (years), ``0.1`` (a fraction of a year) or ``100k`` (reflections over 30 years)."""
    text = text.strip().lower()
    if text.endswith("k"):
        return Size(label=text, years=30, entries=int(float(text[:-1]) * 1000), words=120)
    years = float(text.removesuffix("y"))
    if years <= 0:
        raise ValueError(f"{text}: a size must be more than 0 years")
    label = f"{years:g}y"
    return Size(label=label, years=years)


def paths_for(size: Size, out: Path = OUT) -> dict[str, Path]:
    base = out / size.label
    return {
        "db": base.with_name(f"{size.label}.sqlite3"),
        "jrnl": base.with_name(f"{size.label}.txt"),
        "feedback": base.with_name(f"{size.label}-feedback.csv"),
        "stamp": base.with_name(f"{size.label}.stamp"),
    }


def forty_skills() -> FrameworkSpec:
    """The teaching framework plus software skills up to 40, so benches use 40 skills."""
    teaching = load_builtin("teaching")
    software = load_builtin("software")
    extra = AreaSpec(
        name="Engineering", skills=software.all_skills()[: 40 - len(teaching.all_skills())]
    )
    teaching.areas.append(extra)
    return teaching


def body_text(rng: random.Random, skill, words: int = 300) -> str:
    """About ``words`` words in three or four paragraphs: situation/feeling/analysis/action
    sentences like the demo's, the rest in the field's own vocabulary."""
    pools = (SITUATION, FEELING, ANALYSIS, ACTION)
    paragraphs: list[str] = []
    n = 0
    per_paragraph = max(30, words // rng.randint(3, 4))
    while n < words:
        parts: list[str] = []
        count = 0
        while count < per_paragraph and n + count < words:
            if rng.random() < 0.2:
                sentence = _fill(rng.choice(pools[len(parts) % 4]), rng, skill)
            else:
                chosen = rng.choices(WORDS, cum_weights=CUM_ZIPF, k=rng.randint(8, 18))
                sentence = " ".join(chosen).capitalize() + "."
            parts.append(sentence)
            count += len(sentence.split())
        paragraphs.append(" ".join(parts))
        n += count
    return "\n\n".join(paragraphs)


@dataclass
class _SkillState:
    """How a skill grows: practice raises the level; the user's self view may run ahead."""

    id: int
    code: str
    name: str
    weight: float
    base: int
    self_bias: int
    practice: int = 0

    def level(self, per_level: int) -> int:
        return max(1, min(5, self.base + self.practice // per_level))


def generate(size: Size, out: Path = OUT, seed: int = 1, today: dt.date = TODAY) -> dict:
    """Write the journal (database and jrnl text) and the feedback file; return the paths."""
    from plnjournal.core.frameworks.spec import install_framework
    from plnjournal.core.skills.lookup import list_skills
    from plnjournal.storage.db import open_database

    rng = random.Random(seed)
    paths = paths_for(size, out)
    out.mkdir(parents=True, exist_ok=True)
    for p in paths.values():
        p.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        paths["db"].with_name(paths["db"].name + suffix).unlink(missing_ok=True)
    db = open_database(paths["db"])
    with db.session() as s:
        install_framework(s, forty_skills())
        skills = list_skills(s)
        codes = [sk.code for sk in skills]
        states = _skill_states(rng, skills)
        rows = _journal_rows(rng, size, states, today)
        _write_rows(s, rows)
    db.close()
    paths["jrnl"].write_text("\n".join(rows["jrnl"]), encoding="utf-8")
    _write_feedback_file(paths["feedback"], codes)
    paths["stamp"].write_text(stamp(size, seed), encoding="utf-8")
    return {k: v for k, v in paths.items() if k != "stamp"}


def _skill_states(rng: random.Random, skills) -> list[_SkillState]:
    states = []
    for i, sk in enumerate(skills):
        weight = rng.choice((0.05, 0.3, 1, 1, 2, 6))
        states.append(
            _SkillState(
                id=sk.id,
                code=sk.code,
                name=sk.name,
                weight=weight,
                base=rng.choice((1, 1, 2)),
                self_bias=2 if i in (3, 17) else rng.choice((0, 0, 0, 1)),
            )
        )
    states[9].weight = 0.0  # avoided: never reflected on, rated low by mentors
    return states


def _journal_rows(
    rng: random.Random, size: Size, states: list[_SkillState], today: dt.date
) -> dict[str, list]:
    """Every row to insert, with ids given here (a fresh journal), and the jrnl text."""
    rows: dict[str, list] = {
        k: [] for k in ("entries", "links", "ratings", "commitments", "imports", "items", "jrnl")
    }
    pool = [st for st in states if st.weight > 0]
    cum = list(itertools.accumulate(st.weight for st in pool))
    avoided = next(st for st in states if st.weight == 0)
    start = today - dt.timedelta(days=size.days - 1)
    per_day = (size.entries / size.days) if size.entries else None
    per_level = max(10, round(25 * (size.entries or size.days) / 3650))
    next_feedback = start + dt.timedelta(days=rng.randint(10, 20))
    next_assessment = start + dt.timedelta(days=rng.randint(20, 40))
    made = 0
    for offset in range(size.days):
        day = start + dt.timedelta(days=offset)
        if per_day is None:
            n = (2 if rng.random() < 0.06 else 1) if rng.random() < 0.9 else 0
        else:
            target = round(size.entries * (offset + 1) / size.days)
            n = target - made
        for k in range(n):
            made += 1
            _entry_rows(rng, rows, made, day, k, n, pool, cum, size, per_level, today)
        if day >= next_feedback:
            _feedback_rows(rng, rows, day, states, avoided, per_level)
            next_feedback = day + dt.timedelta(days=rng.randint(18, 28))
        if day >= next_assessment:
            for st in states:
                level = min(5, st.level(per_level) + st.self_bias)
                rows["ratings"].append(
                    (st.id, level, day, "self", "", "", "self_assessment", None, None, None)
                )
            next_assessment = day + dt.timedelta(days=rng.randint(50, 70))
    return rows


def _entry_rows(rng, rows, entry_id, day, k, n, pool, cum, size, per_level, today) -> None:
    chosen: list[_SkillState] = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        st = rng.choices(pool, cum_weights=cum)[0]
        if st not in chosen:
            chosen.append(st)
    main = chosen[0]
    minute = rng.randint(0, 59) if n == 1 else min(59, k * 60 // n)
    when = dt.time(rng.randint(6, 22) if n == 1 else (6 + k * 16 // n), minute)
    private = rng.random() < 0.03
    if private:
        title, body = "Not for sharing", rng.choice(PRIVATE)
    else:
        title = f"{main.name}: " + " ".join(rng.choices(WORDS, cum_weights=CUM_ZIPF, k=2))
        body = body_text(rng, main, size.words)
    stamp = dt.datetime.combine(day, when)
    rows["entries"].append(
        (
            entry_id,
            day,
            when,
            title,
            body,
            stamp,
            stamp,
            private,
            False,
            rng.randint(1, 5),
            rng.choice((None, None, "gibbs", "driscoll")),
            "demo",
        )
    )
    tags = []
    for st in chosen:
        st.practice += 1
        rating = None
        if rng.random() < 0.3:
            rating = min(5, st.level(per_level) + st.self_bias)
            rows["ratings"].append(
                (st.id, rating, day, "self", "", "", "entry", entry_id, None, stamp)
            )
        rows["links"].append((entry_id, st.id, rating))
        tags.append(f"@{st.code}")
    rows["jrnl"].append(f"[{day.isoformat()} {when:%H:%M}] {title}.\n{body} {' '.join(tags)}\n")
    if not private and rng.random() < 0.12:
        due = day + dt.timedelta(days=rng.randint(5, 21))
        state, closed, reason = "open", None, ""
        if due < today:
            roll = rng.random()
            if roll < 0.72:
                state, closed = "done", min(today, due - dt.timedelta(days=rng.randint(0, 3)))
            elif roll < 0.82:
                state, closed, reason = "dropped", due, rng.choice(DROP_REASONS)
        text = _fill(rng.choice(ACTION), rng, main)
        rows["commitments"].append((text, due, state, reason, entry_id, main.id, day, closed))


def _feedback_rows(rng, rows, day, states, avoided, per_level) -> None:
    """One mentor's feedback file of the day: four to seven skills, a level and a comment each."""
    mentor = MENTORS[len(rows["imports"]) % len(MENTORS)]
    import_id = len(rows["imports"]) + 1
    rated = rng.sample(states, rng.randint(4, 7))
    if len(rows["imports"]) % 2 == 0 and avoided not in rated:
        rated.append(avoided)
    rows["imports"].append(
        (
            import_id,
            f"feedback-{day.isoformat()}-{mentor.split()[-1].lower()}.csv",
            hashlib.sha256(f"{day}{mentor}".encode()).hexdigest(),
            "csv-long",
            dt.datetime.combine(day, dt.time(18)),
        )
    )
    for line, st in enumerate(rated, start=2):
        if st is avoided:
            level, comment = 2, _fill(rng.choice(CRITICAL), rng, st)
        else:
            level = max(1, st.level(per_level) + rng.choice((-1, -1, 0, 0, 0)))
            comment = rng.choice(PRAISE) if rng.random() < 0.7 else ""
        raw = {"date": day.isoformat(), "mentor": mentor, "skill": st.code, "rating": level}
        raw["comment"] = comment
        item_id = len(rows["items"]) + 1
        rows["items"].append(
            (
                item_id,
                import_id,
                line,
                st.id,
                mentor,
                day,
                level,
                comment,
                json.dumps(raw),
                feedback_fingerprint(mentor, st.code, day, level, comment),
            )
        )
        rows["ratings"].append(
            (st.id, level, day, "mentor", mentor, comment, "feedback", None, item_id, None)
        )


def _write_rows(session, rows: dict[str, list]) -> None:
    """Bulk inserts in one transaction (the ORM would take minutes at 100,000 entries)."""
    from plnjournal.storage.bulk import bulk_insert
    from plnjournal.storage.models import (
        Commitment,
        Entry,
        EntrySkill,
        FeedbackImport,
        FeedbackItem,
        Rating,
    )

    entry_cols = (
        "id",
        "entry_date",
        "entry_time",
        "title",
        "body",
        "created_at",
        "updated_at",
        "private",
        "highlight",
        "comfort",
        "reflection_model",
        "source",
    )
    bulk_insert(session, Entry.__table__, entry_cols, rows["entries"])
    bulk_insert(
        session, EntrySkill.__table__, ("entry_id", "skill_id", "self_rating"), rows["links"]
    )
    bulk_insert(
        session,
        FeedbackImport.__table__,
        ("id", "file_name", "sha256", "format", "imported_at"),
        rows["imports"],
    )
    item_cols = (
        "id",
        "import_id",
        "line",
        "skill_id",
        "mentor",
        "given_on",
        "level",
        "comment",
        "raw",
        "fingerprint",
    )
    bulk_insert(session, FeedbackItem.__table__, item_cols, rows["items"])
    rating_cols = (
        "skill_id",
        "level",
        "rated_on",
        "source",
        "rater",
        "comment",
        "origin",
        "entry_id",
        "feedback_item_id",
        "created_at",
    )
    # Ratings in date order, as they were given; created at the moment of their entry, else
    # in the evening of their day.
    ratings = [
        (*r[:9], r[9] or dt.datetime.combine(r[2], dt.time(20)))
        for r in sorted(rows["ratings"], key=lambda r: r[2])
    ]
    bulk_insert(session, Rating.__table__, rating_cols, ratings)
    commitment_cols = (
        "text",
        "due_on",
        "state",
        "reason",
        "entry_id",
        "skill_id",
        "created_on",
        "closed_on",
    )
    bulk_insert(session, Commitment.__table__, commitment_cols, rows["commitments"])


def _write_feedback_file(path: Path, codes: list[str]) -> None:
    """The 10,000-row long-CSV file the feedback import bench reads (date, mentor, skill,
    rating, comment), from bench/feedback_import.py so both benches import the same rows."""
    from feedback_import import make_rows, write_file

    written = write_file(path.parent, make_rows(codes, FEEDBACK_ROWS), "csv")
    written.replace(path)


def stamp(size: Size, seed: int) -> str:
    """What a generated journal was made from: regenerate when the generator changes."""
    sources = b"".join((BENCH / f).read_bytes() for f in ("generate.py", "feedback_import.py"))
    return f"{size}|{seed}|{hashlib.sha256(sources).hexdigest()}"


def ensure(size: Size, out: Path = OUT, seed: int = 1, quiet: bool = False) -> dict[str, Path]:
    """The journal of ``size``, generated unless an up-to-date one is already there."""
    paths = paths_for(size, out)
    current = (
        paths["stamp"].exists()
        and paths["stamp"].read_text(encoding="utf-8") == stamp(size, seed)
        and all(paths[k].exists() for k in ("db", "jrnl", "feedback"))
    )
    if current:
        return {k: v for k, v in paths.items() if k != "stamp"}
    t0 = time.perf_counter()
    result = generate(size, out, seed)
    if not quiet:
        print(f"generated {size.label} journal in {time.perf_counter() - t0:.1f} s", flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="10", help="years (10, 0.1) or reflections (100k)")
    ap.add_argument("--out", type=Path, default=OUT, help="folder (default bench/out)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    t0 = time.perf_counter()
    paths = generate(parse_size(args.size), args.out, args.seed)
    print(f"wrote {', '.join(str(p) for p in paths.values())} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
