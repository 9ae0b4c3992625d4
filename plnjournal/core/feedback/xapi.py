"""xAPI statements (as a learning record store exports them) read as feedback items.

Skill from ``object.definition.name`` or the last path segment of ``object.id``; rating from
``result.score`` mapped linearly onto the framework's scale; mentor from
``context.instructor`` (else ``authority``); comment from ``result.response``; date from
``timestamp``.
"""

from __future__ import annotations

import math
import re
import urllib.parse

from plnjournal.core.feedback.schema import LevelProblem, ParsedFile, RawItem, SkillIndex, Value
from plnjournal.core.feedback.text import shown


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def score_to_level(score: object, index: SkillIndex) -> tuple[int, str | None]:
    """A level of the scale for an xAPI score, and a note when it had to be rounded."""
    lo, hi = index.lo, index.hi
    if not isinstance(score, dict):
        raise LevelProblem("'result.score' must be an object with 'scaled' or 'raw'")
    scaled = _number(score.get("scaled"))
    raw = _number(score.get("raw"))
    if "scaled" in score and scaled is not None:
        if not 0 <= scaled <= 1:
            raise LevelProblem(
                f"scaled score {shown(score['scaled'])} cannot be placed on the scale "
                f"{index.scale_text} (it must be between 0 and 1)"
            )
        exact, given = lo + scaled * (hi - lo), f"scaled {shown(score['scaled'])}"
    elif "raw" in score and raw is not None:
        low, high = _number(score.get("min")), _number(score.get("max"))
        if high is not None:
            low = 0.0 if low is None else low
            if high <= low or not low <= raw <= high:
                raise LevelProblem(
                    f"raw score {shown(score['raw'])} is not within min {low:g} and max {high:g}"
                )
            exact = lo + (raw - low) / (high - low) * (hi - lo)
            given = f"{shown(score['raw'])} of {low:g}–{high:g}"
        else:
            if not raw.is_integer() or not lo <= raw <= hi:
                raise LevelProblem(
                    f"raw score {shown(score['raw'])} has no 'max', so it must be a level of the "
                    f"scale {index.scale_text}"
                )
            return int(raw), None
    else:
        raise LevelProblem("'result.score' has no numeric 'scaled' or 'raw' value")
    if not math.isfinite(exact):  # the numbers were finite, their arithmetic overflowed
        raise LevelProblem(f"score {given} cannot be placed on the scale {index.scale_text}")
    level = int(math.floor(exact + 0.5))
    if abs(exact - level) > 1e-9:
        return (
            level,
            f"score {given} is {exact:.2f} on the scale {index.scale_text}; rounded to {level}",
        )
    return level, None


def agent_name(agent: object) -> str:
    """A readable name for an xAPI agent or group: name, else e-mail, else account name."""
    if not isinstance(agent, dict):
        return ""
    name = agent.get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    mbox = agent.get("mbox")
    if isinstance(mbox, str) and mbox.strip():
        return mbox.strip().removeprefix("mailto:")
    account = agent.get("account")
    account_name = account.get("name") if isinstance(account, dict) else None
    if isinstance(account_name, str):
        return account_name.strip()
    members = agent.get("member")
    if isinstance(members, list):
        return ", ".join(n for n in (agent_name(m) for m in members) if n)
    return ""


def _skill_of(obj: object, index: SkillIndex) -> tuple[object, str]:
    if not isinstance(obj, dict):
        return "", "object"
    names: list[str] = []
    definition = obj.get("definition")
    if isinstance(definition, dict) and isinstance(definition.get("name"), dict):
        names = [v for v in definition["name"].values() if isinstance(v, str)]
    for name in names:
        skill = index.find(name)
        if skill is not None:
            return skill, "object.definition.name"
    segment = ""
    if isinstance(obj.get("id"), str):
        segment = re.split(r"[/#:?=]", obj["id"].rstrip("/"))[-1]
        segment = urllib.parse.unquote(segment)
        skill = index.find(segment)
        if skill is not None:
            return skill, "object.id"
    if names:
        return names[0], "object.definition.name"
    return segment, "object.id"


def read_statements(
    pf: ParsedFile,
    statements: list[object],
    lines: list[int],
    index: SkillIndex,
) -> None:
    """Turn xAPI statements into items; voided ones, and those with neither a score nor a
    response, are skipped and counted in one warning."""
    skipped = 0
    for i, st in enumerate(statements):
        line = lines[i] if i < len(lines) else None
        if not isinstance(st, dict):
            pf.error(f"statement {i + 1} is not an object", line)
            continue
        verb = st.get("verb")
        verb_id = verb.get("id") if isinstance(verb, dict) else None
        raw_result = st.get("result")
        result = raw_result if isinstance(raw_result, dict) else {}
        score = result.get("score")
        response = result.get("response")
        if (isinstance(verb_id, str) and verb_id.endswith("/voided")) or (
            score is None and not response
        ):
            skipped += 1
            continue
        skill, skill_column = _skill_of(st.get("object"), index)
        values = {"skill": Value(skill, skill_column, line)}
        if score is not None:
            try:
                level, note = score_to_level(score, index)
            except LevelProblem as exc:
                pf.error(str(exc), line, "result.score")
                continue
            values["rating"] = Value(level, "result.score", line)
            if note:
                pf.warn(note, line, "result.score")
        if response is not None:
            values["comment"] = Value(response, "result.response", line)
        raw_context = st.get("context")
        context = raw_context if isinstance(raw_context, dict) else {}
        mentor = agent_name(context.get("instructor"))
        values["mentor"] = Value(
            mentor or agent_name(st.get("authority")),
            "context.instructor" if mentor else "authority",
            line,
        )
        values["date"] = Value(st.get("timestamp"), "timestamp", line)
        pf.items.append(RawItem.of(line, values, st))
    if skipped:
        pf.warn(
            f"{skipped} statement{'s' if skipped > 1 else ''} with no score and no response "
            "(or voided) skipped"
        )
