"""The server's step 2: the programme's framework (scale and targets) for the mentor window and
the lead view, and the indexes the mentor's dashboard and the lead's coverage read through."""

from __future__ import annotations

from collections.abc import Sequence

# {owner}, {trainee}, {mentor}, {lead}: the group roles, as in step 1 (server_schema.py).
# The framework is the programme's, set by its administrator: a mentor rates on its scale
# and sees which skills a trainee rated below its targets, with no journal of their own.
_STEP_2 = """
CREATE TABLE pln.framework (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    name text NOT NULL,
    scale jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE pln.framework_skills (
    code text PRIMARY KEY,
    name text NOT NULL,
    area text NOT NULL DEFAULT '',
    target_level smallint NOT NULL,
    position integer NOT NULL DEFAULT 0
);
REVOKE ALL ON pln.framework, pln.framework_skills FROM PUBLIC;
GRANT SELECT ON pln.framework, pln.framework_skills TO {trainee}, {mentor}, {lead};
ALTER TABLE pln.framework ENABLE ROW LEVEL SECURITY;
ALTER TABLE pln.framework FORCE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON pln.framework FOR SELECT USING (true);
CREATE POLICY owner_writes ON pln.framework TO {owner} USING (true) WITH CHECK (true);
ALTER TABLE pln.framework_skills ENABLE ROW LEVEL SECURITY;
ALTER TABLE pln.framework_skills FORCE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON pln.framework_skills FOR SELECT USING (true);
CREATE POLICY owner_writes ON pln.framework_skills TO {owner} USING (true) WITH CHECK (true);

-- The mentor's dashboard: the newest version of each shared reflection, and requests
-- answered by a feedback item on the same skill.
CREATE INDEX reflections_trainee_uuid ON pln.reflections (trainee, uuid, version DESC);
CREATE INDEX feedback_items_trainee_skill ON pln.feedback_items (trainee, skill_code, given_on);
CREATE INDEX self_ratings_latest ON pln.self_ratings (trainee, skill_code, rated_on DESC);
"""

# A mentor's read policies, the same rows as step 1's ``pln.mentors(trainee)``, as a set the
# planner reads once per statement (a hashed subplan) instead of calling the function for
# every row: the dashboard reads thousands of rows (docs/performance.md, "The mentor's
# dashboard and the lead's coverage"). Writes keep step 1's check: one row each.
_MENTOR_READS = """
DROP POLICY mentor_reads ON pln.{table};
CREATE POLICY mentor_reads ON pln.{table} FOR SELECT TO {mentor} USING (
    trainee IN (SELECT a.trainee FROM pln.assignments a WHERE a.mentor = current_user));
"""


def step_2(shared_tables: Sequence[str]) -> str:
    """Step 2's SQL template; ``shared_tables``: step 1's tables a mentor reads per trainee."""
    parts = [_STEP_2]
    parts += [_MENTOR_READS.replace("{table}", t) for t in shared_tables]
    return "\n".join(parts)
