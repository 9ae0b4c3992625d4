"""The report's "Selected reflections": the highlights when some are marked; with none, the
period's deepest reflections on the avoided skills, said so on the page (issue 21, item 12)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from plnjournal.core.insights.depth import grade_reflection
from plnjournal.core.journal.entries import add_entry, update_entry
from plnjournal.core.report.content import (
    DEEPEST_MAX,
    DEEPEST_ON_AVOIDED,
    ReportOptions,
    build_report,
)
from plnjournal.core.report.html import report_html
from plnjournal.core.skills.lookup import find_skill
from plnjournal.storage.models import Entry, EntrySkill, Skill
from tests.conftest import TODAY

START = TODAY - dt.timedelta(days=90)
CRITICAL = (
    "## What?\nI avoided the phone call to Bea's mother because I was afraid of her anger. "
    "## So what?\nI think the reason is that I assumed she would blame me; perhaps I could "
    "have seen it from her perspective, as a parent worried about fairness and values in the "
    "wider school community. I felt anxious and ashamed. Alternatively I could ask my mentor, "
    "whose feedback said I wait too long. On reflection my assumption was wrong. "
) * 3 + "\n## Now what?\nI will call her on Monday at 8:00 and write down what we agree."


def _options(**kw) -> ReportOptions:
    return ReportOptions(start=START, end=TODAY, generated_on=TODAY, **kw)


def _codes_of(session, entry_id: int) -> set[str]:
    return set(
        session.scalars(
            select(Skill.code)
            .join(EntrySkill, EntrySkill.skill_id == Skill.id)
            .where(EntrySkill.entry_id == entry_id)
        )
    )


def test_with_no_highlight_the_deepest_on_avoided_skills_are_chosen_and_said(demo_db) -> None:
    with demo_db.session() as s:
        assert not s.scalars(select(Entry).where(Entry.highlight.is_(True))).first()
        report = build_report(s, _options())
        avoided = {a.code for a in report.avoided}
        assert avoided and report.reflections_note == DEEPEST_ON_AVOIDED
        chosen = report.reflections
        assert 0 < len(chosen) <= DEEPEST_MAX
        assert all(_codes_of(s, r.entry_id) & avoided for r in chosen)
        assert not any(r.private for r in chosen)

        # Each is the deepest reflection on one of the avoided skills it is linked to (one
        # skill each, the most avoided first, while there are more skills than room).
        def level(e: Entry) -> tuple[int, int]:
            grade = grade_reflection(e.title, e.body)
            return int(grade.level), grade.words

        ids = {r.entry_id for r in chosen}
        left_out = [
            e
            for e in s.scalars(select(Entry).where(Entry.entry_date >= START, Entry.id.not_in(ids)))
            if not e.private
        ]
        for r in chosen:
            mine = level(s.get(Entry, r.entry_id))
            assert any(
                all(level(e) <= mine for e in left_out if code in _codes_of(s, e.id))
                for code in _codes_of(s, r.entry_id) & avoided
            )
        covered = {c for r in chosen for c in _codes_of(s, r.entry_id)}
        written = {c for e in left_out for c in _codes_of(s, e.id)} | covered
        first = next(a.code for a in report.avoided if a.code in written)
        assert first in covered  # the most avoided skill written about has its reflection
    html = report_html(report)
    assert "No highlights were marked; these are the deepest reflections" in html
    assert "Mark reflections as highlights" not in html


def test_private_reflections_stay_out_of_the_pick_unless_asked(demo_db) -> None:
    with demo_db.session() as s:
        avoided = [a.code for a in build_report(s, _options()).avoided]
        skill = find_skill(s, avoided[0])
        secret = add_entry(
            s, entry_date=TODAY, title="Private depth", body=CRITICAL, private=True,
            skills={skill.id: None},
        )  # fmt: skip
        s.flush()
        assert secret.id not in {r.entry_id for r in build_report(s, _options()).reflections}
        shared = build_report(s, _options(include_private=True))
        assert secret.id in {r.entry_id for r in shared.reflections}


def test_marked_highlights_win_and_no_note_is_shown(demo_db) -> None:
    with demo_db.session() as s:
        entry = s.scalars(select(Entry).where(Entry.entry_date >= START)).first()
        update_entry(s, entry.id, highlight=True)
        report = build_report(s, _options())
        assert [r.entry_id for r in report.reflections] == [entry.id]
        assert report.reflections_note == ""
        chosen_none = build_report(s, _options(entry_ids=()))
        assert chosen_none.reflections == [] and chosen_none.reflections_note == ""
    assert "No reflections were chosen" in report_html(chosen_none)
