"""Reflection models: the built-in files load, user files add to them, templates insert."""

from __future__ import annotations

import json
from pathlib import Path

from plnjournal.core.journal.commitments import action_lines
from plnjournal.core.journal.reflection_models import (
    builtin_models,
    load_reflection_models,
    next_phase,
    template_text,
)


def _by_id(models):
    return {m.id: m for m in models}


def test_every_builtin_model_the_issue_names_is_there() -> None:
    models = _by_id(builtin_models())
    assert list(models)[0] == "free"
    assert {"free", "gibbs", "driscoll", "kolb", "brookfield", "schon", "hard_conversation"} <= set(
        models
    )
    gibbs = [s.heading for s in models["gibbs"].sections]
    assert gibbs == [
        "Description",
        "Feelings",
        "Evaluation",
        "Analysis",
        "Conclusion",
        "Action plan",
    ]
    assert [s.heading for s in models["driscoll"].sections] == ["What?", "So what?", "Now what?"]
    assert models["hard_conversation"].phases == ["prepare", "debrief"]


def test_user_models_are_added_and_bad_files_reported_not_raised(tmp_path: Path) -> None:
    good = {
        "format": "plnjournal-reflection-model",
        "version": 1,
        "id": "stop_start_continue",
        "name": "Stop, start, continue",
        "sections": [{"heading": "Stop", "phase": None, "prompts": ["What will you stop?"]}],
    }
    (tmp_path / "ssc.json").write_text(json.dumps(good), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "clash.json").write_text(json.dumps(good | {"id": "gibbs"}), encoding="utf-8")
    (tmp_path / "empty.json").write_text(json.dumps(good | {"id": "x", "sections": []}))
    models, problems = load_reflection_models(tmp_path)
    own = [m for m in models if not m.builtin]
    assert [m.id for m in own] == ["stop_start_continue"]
    messages = sorted(str(p) for p in problems)
    assert any(m.startswith("broken.json:1:") and "not JSON" in m for m in messages)
    assert "clash.json: id: 'gibbs' is already a built-in model; choose another id" in messages
    assert "empty.json: sections: must be a non-empty list" in messages


def test_missing_user_folder_is_fine(tmp_path: Path) -> None:
    models, problems = load_reflection_models(tmp_path / "nothing here")
    assert problems == [] and len(models) >= 7


def test_template_inserts_headings_with_guiding_questions_once() -> None:
    driscoll = _by_id(builtin_models())["driscoll"]
    text = template_text(driscoll)
    assert text.startswith("## What?\n\n> ")
    assert "## So what?" in text and "## Now what?" in text
    # Headings already written are not inserted again.
    assert template_text(driscoll, text) == ""


def test_hard_conversation_inserts_prepare_first_then_debrief() -> None:
    model = _by_id(builtin_models())["hard_conversation"]
    first = template_text(model, "")
    assert "## Prepare" in first and "### What I fear" in first and "What happened" not in first
    body = first + "I need to tell Sam's dad the truth about the grades.\n"
    assert next_phase(model, body) == "debrief"
    second = template_text(model, body)
    assert "## Debrief" in second and "### What next" in second and "What I fear" not in second
    assert template_text(model, body + second) == ""


def test_action_plan_lines_become_proposed_commitments_without_the_prompts() -> None:
    gibbs = _by_id(builtin_models())["gibbs"]
    body = template_text(gibbs).replace(
        "## Action plan\n\n",
        "## Action plan\n\n",
    )
    body += "- Ask Ms Okafor to observe the starter by 2026-12-04\n"
    body += "- Phone Bea's mum\n  before parents' evening\n\nWrite the seating plan.\n"
    body += "\n## Afterthoughts\n\nnot a promise\n"
    found = action_lines(body)
    assert [p.text for p in found] == [
        "Ask Ms Okafor to observe the starter by 2026-12-04",
        "Phone Bea's mum before parents' evening",
        "Write the seating plan.",
    ]
    assert str(found[0].due_on) == "2026-12-04" and found[1].due_on is None


def test_built_in_data_is_found_without_its_plain_folder(monkeypatch) -> None:
    """Installed as files the data is read by path; otherwise (a zip) importlib.resources
    finds it: both give the same models."""
    import plnjournal.resources as data

    from plnjournal.core.journal.reflection_models import builtin_models

    by_path = builtin_models()
    monkeypatch.setattr(data, "__path__", ["/nonexistent/plnjournal/resources"])
    assert [m.id for m in builtin_models()] == [m.id for m in by_path]
