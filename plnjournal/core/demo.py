"""A realistic, deterministic demo journal: a new teacher's year(s), ending today.

Attention is uneven on purpose, so every insight has something to find: a few skills are
practised all the time, some are neglected, one gets low mentor ratings and is never written
about, one is a blind spot (self-ratings well above the mentor's).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plnjournal.core.feedback.items import (
    add_feedback_item,
    feedback_fingerprint,
    known_fingerprints,
)
from plnjournal.core.frameworks.spec import install_framework, load_builtin
from plnjournal.core.journal.entries import add_entry
from plnjournal.core.journal.stats import journal_stats
from plnjournal.core.skills.lookup import active_framework, list_skills
from plnjournal.errors import InputError
from plnjournal.storage.models import (
    Commitment,
    Entry,
    EntryFeedback,
    FeedbackImport,
    FeedbackItem,
    Nudge,
    Rating,
    Skill,
)
from plnjournal.values import CommitmentState, EntrySource, NudgeAction, RatingOrigin, RatingSource

MENTORS = ("Ms Okafor", "Mr Brennan")
PRACTISED = ("CL1", "IN1", "IN2", "PL2", "AS1", "IN4")
NEGLECTED = ("PA5", "PG1", "CL3", "PA2")
AVOIDED = "PA1"  # low mentor ratings, never reflected on
BLIND_SPOT = "AS1"  # self-ratings well above the mentor's

STUDENTS = ("Amir", "Bea", "Callum", "Dani", "Eleni", "Femi", "Grace", "Hugo", "Isla", "Jonah")
CLASSES = ("8C", "9B", "Year 7 form", "10X", "the Year 11 set", "7R")
COLLEAGUES = (
    "my mentor",
    "the head of department",
    "the teaching assistant",
    "a colleague next door",
)

SITUATION = (
    "Period {p} with {cls} started late because the previous lesson overran.",
    "Today I taught {cls} a lesson I had planned around {skill_l}.",
    "{student} put their head down ten minutes into the task and would not start.",
    "I tried a new starter with {cls}: three retrieval questions on the board as they came in.",
    "The lesson with {cls} was observed by {colleague}, which I knew about a week ahead.",
    "We ran out of time before the plenary again, so the exit tickets did not happen.",
    "{student} asked a question I could not answer on the spot, and I said I would find out.",
    "Half of {cls} had not done the homework, and I had planned the lesson around it.",
    "I used a worked example on the visualiser, then a faded example, then independent practice.",
    "After lunch {cls} were unsettled and the first ten minutes were mostly about getting quiet.",
    "A parent emailed about {student}'s report, and I spent my free period drafting a reply.",
    "I moved the seating plan in {cls} so that {student} sits near the front.",
    "Marking the {cls} books took most of the evening; the feedback is still very uneven.",
)
FEELING = (
    "I felt flustered and I think the class noticed.",
    "Honestly I was pleased; it was the calmest lesson with them this term.",
    "I was tired and more short-tempered than I want to be.",
    "I noticed I avoided eye contact with {student}, which I do when I am unsure what to do.",
    "It felt rushed, and I went home replaying the last ten minutes.",
    "I felt more confident than last week, though I am not sure it showed.",
    "I was anxious before the lesson and relieved afterwards, which is not a good sign.",
)
ANALYSIS = (
    "Looking back, the problem was the instructions: I gave three steps at once and only wrote one on the board.",
    "I think the routine works because it is the same every time, not because the questions are clever.",
    "The real issue was pace: I spent too long on the part I was comfortable explaining.",
    "When I compare this with the lesson on Tuesday, the difference was how I checked understanding before moving on.",
    "I read that cold-calling works best when it is predictable and safe; today it was neither.",
    "{colleague} pointed out that I answer my own questions if nobody responds within two seconds.",
    "Part of this is that I have not set clear expectations for what happens when a task is finished early.",
    "I can see a pattern: when I feel observed I over-plan the content and under-plan the transitions.",
)
ACTION = (
    "Next lesson I will write every step of the instructions on the board before I say them.",
    "I will ask {colleague} to watch ten minutes of my {cls} lesson and count my wait time.",
    "By Friday I will rewrite the seating plan and explain it to {cls} at the door.",
    "I will plan the plenary first and cut content to protect it.",
    "I will phone {student}'s family this week with something positive before anything else.",
    "I will try mini whiteboards for every hinge question next week and note what I learn.",
    "I will read the chapter on feedback that my mentor recommended and try one idea.",
)
PRIVATE = (
    "Private. I cried in the car park after school today. I am not sure I am cut out for this, "
    "and I do not want my mentor to read that yet.",
    "Private. Money worries again this month; it is making it hard to focus in the evenings.",
    "Private. I think I am more burnt out than I admit to anyone at school.",
)
CRITICAL = (
    "We agreed you would call {student}'s family after the incident; I have not seen that happen. "
    "I know these calls are uncomfortable, but avoiding them makes the next one harder.",
    "Parents' evening showed you are still reluctant to give difficult news directly. Be kind and be clear.",
    "You tend to hand difficult parent conversations to the head of year. Let's plan one together.",
)
PRAISE = (
    "Good progress here: the routine at the door is now consistent and the class responds to it.",
    "Explanations were clear and well sequenced; check understanding before moving on.",
    "Solid. Next step: plan for the students who finish early.",
    "This is improving. I'd like to see more wait time after questions.",
    "Secure at this level now; push yourself on the harder cases.",
)
DROP_REASONS = (
    "Timetable changed, so the plan no longer fits.",
    "Agreed with my mentor to focus on something else.",
)


def _fill(template: str, rng: random.Random, skill: Skill) -> str:
    return template.format(
        p=rng.randint(1, 6),
        cls=rng.choice(CLASSES),
        student=rng.choice(STUDENTS),
        colleague=rng.choice(COLLEAGUES),
        skill_l=skill.name.lower(),
    )


def _pick_by_code(
    skills: list[Skill], codes: tuple[str, ...], fallback: list[Skill], n: int
) -> list[Skill]:
    by_code = {s.code: s for s in skills}
    found = [by_code[c] for c in codes if c in by_code]
    return found or fallback[:n]


def build_demo(
    session: Session,
    *,
    years: int = 1,
    seed: int = 7,
    force: bool = False,
    today: dt.date | None = None,
) -> dict[str, int | str | None]:
    """Write the demo journal and return the journal's stats."""
    existing = session.scalar(select(func.count()).select_from(Entry)) or 0
    if existing and not force:
        raise InputError(
            f"demo: the journal already has {existing} reflections; "
            "use --force to add the demo anyway, or --db to write it to another file"
        )
    rng = random.Random(seed)
    today = today or dt.date.today()
    fw = active_framework(session) or install_framework(session, load_builtin("teaching"))
    skills = [s for s in list_skills(session) if not s.archived]
    if len(skills) < 4:
        raise InputError(
            "demo: the journal's framework has fewer than 4 skills; start from an empty journal"
        )
    lo, hi = fw.scale_min, fw.scale_max
    by_code = {s.code: s for s in skills}
    avoided = by_code.get(AVOIDED) or skills[-1]
    blind = by_code.get(BLIND_SPOT) or skills[0]
    practised = _pick_by_code(skills, PRACTISED, skills, 5)
    neglected = _pick_by_code(skills, NEGLECTED, skills[-5:-1], 4)

    weights: dict[int, float] = {}
    for s in skills:
        weights[s.id] = 1.0
    for s in practised:
        weights[s.id] = 6.0
    for s in neglected:
        weights[s.id] = 0.08
    weights[avoided.id] = 0.0
    pool = [s for s in skills if weights[s.id] > 0]
    pool_w = [weights[s.id] for s in pool]

    # How often the trainee answers feedback asking for it: most of it, except on the skills
    # they drift away from (and, half the time, the one they think they have mastered).
    answer_chance = {s.id: 0.8 for s in skills}
    answer_chance.update({s.id: 0.95 for s in practised})
    answer_chance.update({s.id: 0.0 for s in neglected})
    answer_chance[avoided.id] = 0.0
    answer_chance[blind.id] = 0.5
    # Its own random stream, so the rest of the demo is the same with or without answers.
    answer_rng = random.Random(seed + 1)

    practice: dict[int, int] = {s.id: 0 for s in skills}
    base: dict[int, int] = {s.id: rng.choice((lo, lo, lo + 1)) for s in skills}

    def level_now(skill: Skill) -> int:
        return max(lo, min(hi, base[skill.id] + practice[skill.id] // 25))

    start = today - dt.timedelta(days=365 * years - 1)
    entries_made = 0
    day = start
    next_feedback = start + dt.timedelta(days=rng.randint(10, 20))
    next_self_assessment = start + dt.timedelta(days=rng.randint(20, 40))
    feedback_round = 0
    while day <= today:
        weekend = day.weekday() >= 5
        holiday = day.month == 8 and rng.random() < 0.6
        write = rng.random() < (0.45 if weekend or holiday else 0.88)
        n_entries = (2 if rng.random() < 0.08 else 1) if write else 0
        if day == today:
            n_entries = max(n_entries, 1)  # the demo ends today, as it says
        for k in range(n_entries):
            entries_made += 1
            _make_entry(session, rng, day, k, pool, pool_w, practice, level_now, today, blind, hi)
        if day >= next_feedback:
            feedback_round += 1
            items = _make_feedback(
                session, rng, day, feedback_round, skills, practised, avoided, blind, level_now, lo
            )
            _answer_feedback(session, answer_rng, items, answer_chance, today)
            next_feedback = day + dt.timedelta(days=rng.randint(18, 28))
        if day >= next_self_assessment:
            for s in skills:
                bias = 2 if s.id == blind.id else rng.choice((0, 0, 1))
                session.add(
                    Rating(
                        skill_id=s.id,
                        level=max(lo, min(hi, level_now(s) + bias)),
                        rated_on=day,
                        source=RatingSource.SELF,
                        origin=RatingOrigin.SELF_ASSESSMENT,
                    )
                )
            next_self_assessment = day + dt.timedelta(days=rng.randint(50, 70))
        day += dt.timedelta(days=1)

    # The avoided skill has been put off when the app asked about it.
    for back in (40, 26, 12, 5):
        shown = today - dt.timedelta(days=back)
        if shown >= start:
            action = NudgeAction.SNOOZED if back == 26 else NudgeAction.DISMISSED
            session.add(
                Nudge(
                    skill_id=avoided.id,
                    shown_on=shown,
                    action=action,
                    reason="Too much marking this week." if action == NudgeAction.DISMISSED else "",
                    snooze_until=shown + dt.timedelta(days=7)
                    if action == NudgeAction.SNOOZED
                    else None,
                )
            )
    session.flush()
    return journal_stats(session)


def _make_entry(
    session: Session,
    rng: random.Random,
    day: dt.date,
    k: int,
    pool: list[Skill],
    pool_w: list[float],
    practice: dict[int, int],
    level_now: Callable[[Skill], int],
    today: dt.date,
    blind: Skill,
    hi: int,
) -> None:
    n_skills = rng.choice((1, 1, 2, 2, 3))
    chosen: list[Skill] = []
    while len(chosen) < n_skills:
        s = rng.choices(pool, pool_w)[0]
        if s not in chosen:
            chosen.append(s)
    main = chosen[0]
    if rng.random() < 0.03:
        body = rng.choice(PRIVATE)
        add_entry(
            session,
            entry_date=day,
            entry_time=dt.time(21, rng.randint(0, 59)),
            title="Not for sharing",
            body=body,
            private=True,
            source=EntrySource.DEMO,
            comfort=rng.randint(3, 5),
        )
        return
    model = rng.choice(("driscoll", "gibbs", "free", "free", "free"))
    deep = rng.random() < 0.65
    situation = [_fill(t, rng, main) for t in rng.sample(SITUATION, rng.randint(2, 4))]
    feelings = [_fill(t, rng, main) for t in rng.sample(FEELING, rng.randint(1, 2))]
    analysis = (
        [_fill(t, rng, main) for t in rng.sample(ANALYSIS, rng.randint(2, 3))] if deep else []
    )
    actions = [_fill(t, rng, main) for t in rng.sample(ACTION, rng.randint(1, 2))] if deep else []
    if model == "driscoll":
        parts = ["## What?", " ".join(situation + feelings)]
        if deep:
            parts += [
                "## So what?",
                " ".join(analysis),
                "## Now what?",
                "\n".join(f"- {a}" for a in actions),
            ]
    elif model == "gibbs":
        parts = ["## Description", " ".join(situation), "## Feelings", " ".join(feelings)]
        if deep:
            parts += [
                "## Analysis",
                " ".join(analysis),
                "## Action plan",
                "\n".join(f"- {a}" for a in actions),
            ]
    else:
        parts = [" ".join(situation), " ".join(feelings)]
        if deep:
            parts += [" ".join(analysis), " ".join(actions)]
    links: dict[int, int | None] = {}
    for s in chosen:
        practice[s.id] += 1
        rate = rng.random() < 0.3
        bias = 2 if s.id == blind.id else 0
        links[s.id] = min(hi, level_now(s) + bias) if rate else None
    title = f"{main.name}: " + rng.choice(
        (
            "what happened today",
            "a lesson that wobbled",
            "small win",
            "still stuck",
            "trying something new",
            "after the observation",
        )
    )
    entry = add_entry(
        session,
        entry_date=day,
        entry_time=dt.time(rng.randint(15, 21), rng.choice((0, 10, 15, 20, 30, 40, 45, 50)))
        if k == 0
        else dt.time(22, 5),
        title=title,
        body="\n\n".join(parts),
        comfort=rng.choices((1, 2, 3, 4, 5), (3, 4, 3, 2, 1))[0],
        reflection_model=model,
        source=EntrySource.DEMO,
        skills=links,
    )
    if deep and actions and rng.random() < 0.35:
        due = day + dt.timedelta(days=rng.randint(5, 21))
        state, closed, reason = CommitmentState.OPEN, None, ""
        if due < today:
            roll = rng.random()
            if roll < 0.72:
                state, closed = (
                    CommitmentState.DONE,
                    min(today, due - dt.timedelta(days=rng.randint(0, 3))),
                )
            elif roll < 0.82:
                state, closed, reason = CommitmentState.DROPPED, due, rng.choice(DROP_REASONS)
        session.add(
            Commitment(
                text=actions[0],
                due_on=due,
                state=state,
                reason=reason,
                entry_id=entry.id,
                skill_id=main.id,
                created_on=day,
                closed_on=closed,
            )
        )


def _make_feedback(
    session: Session,
    rng: random.Random,
    day: dt.date,
    n: int,
    skills: list[Skill],
    practised: list[Skill],
    avoided: Skill,
    blind: Skill,
    level_now: Callable[[Skill], int],
    lo: int,
) -> list[FeedbackItem]:
    mentor = MENTORS[n % 2]
    rated = rng.sample(practised, min(3, len(practised))) + rng.sample(skills, 2)
    if blind not in rated:
        rated.append(blind)
    if n % 2 == 1:
        rated.append(avoided)
    seen: list[Skill] = []
    for s in rated:
        if s not in seen:
            seen.append(s)
    rows = []
    for s in seen:
        if s.id == avoided.id:
            level, comment = lo + 1, _fill(rng.choice(CRITICAL), rng, s)
        elif s.id == blind.id:
            level, comment = (
                max(lo, level_now(s) - 1),
                "Feedback to students is still mostly praise and marks; make it actionable.",
            )
        else:
            level = max(lo, level_now(s) + rng.choice((-1, 0, 0, 0)))
            comment = rng.choice(PRAISE) if rng.random() < 0.7 else ""
        rows.append((s, level, comment))
    raw_file = json.dumps([[mentor, day.isoformat(), s.code, lv, c] for s, lv, c in rows])
    imp = FeedbackImport(
        file_name=f"feedback-{day.isoformat()}-{mentor.split()[-1].lower()}.csv",
        sha256=hashlib.sha256(raw_file.encode()).hexdigest(),
        format="demo",
    )
    session.add(imp)
    # A forced second demo can repeat an item exactly; the same item is never stored twice.
    known = known_fingerprints(
        session, [feedback_fingerprint(mentor, s.code, day, lv, c) for s, lv, c in rows]
    )
    items = []
    for line, (s, level, comment) in enumerate(rows, start=2):
        if feedback_fingerprint(mentor, s.code, day, level, comment) in known:
            continue
        item = add_feedback_item(
            session,
            imp,
            skill=s,
            mentor=mentor,
            given_on=day,
            level=level,
            comment=comment,
            line=line,
            raw={
                "date": day.isoformat(),
                "mentor": mentor,
                "skill": s.code,
                "rating": level,
                "comment": comment,
            },
        )
        items.append(item)
    return items


def _answer_feedback(
    session: Session,
    rng: random.Random,
    items: list[FeedbackItem],
    chance: dict[int, float],
    today: dt.date,
) -> None:
    """A reflection answering some of the items that ask for one, a few days later, linked to
    the item (the inbox's "Respond")."""
    for item in items:
        skill = session.get(Skill, item.skill_id)
        assert skill is not None
        asks = (item.level is not None and item.level < skill.target_level) or item.comment
        day = item.given_on + dt.timedelta(days=rng.randint(1, 6))
        if not asks or day > today or rng.random() >= chance[item.skill_id]:
            continue
        quote = f"> {item.comment}\n>\n> — {item.mentor}" if item.comment else ""
        said = f"{item.mentor} rated my {skill.name.lower()} {item.level}."
        body = "\n\n".join(
            part
            for part in (
                quote,
                said,
                " ".join(_fill(t, rng, skill) for t in rng.sample(ANALYSIS, 2)),
                _fill(rng.choice(ACTION), rng, skill),
            )
            if part
        )
        entry = add_entry(
            session,
            entry_date=day,
            entry_time=dt.time(20, 30),
            title=f"Responding to {item.mentor}'s feedback on {skill.name}",
            body=body,
            comfort=rng.randint(2, 4),
            source=EntrySource.DEMO,
            skills={skill.id: None},
        )
        session.add(EntryFeedback(entry_id=entry.id, feedback_item_id=item.id))
