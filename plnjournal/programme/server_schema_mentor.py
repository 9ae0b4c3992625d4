"""The server's step 2: the indexes the mentor's dashboard reads through, and the mentors' read
policies as a set read once per statement (docs/programme.md, "The security model")."""

from __future__ import annotations

from collections.abc import Sequence

# {owner}, {trainee}, {mentor}, {lead}: the group roles, as in step 1 (server_schema.py).
_STEP_2 = """
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
