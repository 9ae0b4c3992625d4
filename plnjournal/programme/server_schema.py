"""The programme server's schema, group roles and row-level security, as versioned SQL steps.

The database is the server: no program of ours runs beside PostgreSQL. Every person is a login
role in one of three group roles (trainee, mentor, lead); every table belongs to a NOLOGIN
owner role and has FORCE ROW LEVEL SECURITY, so what a person may read or write is decided by
PostgreSQL for every statement, whichever program sends it (docs/programme.md, "Security").
``programme init`` applies the steps a database lacks, in order, inside one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEMA = "pln"


@dataclass(frozen=True)
class GroupRoles:
    """The four NOLOGIN roles of one programme database, named after it: role names are
    shared by every database of a cluster, so two programmes on one server never mix."""

    owner: str
    trainee: str
    mentor: str
    lead: str

    @classmethod
    def for_database(cls, database: str) -> GroupRoles:
        """The roles of the programme in ``database`` (letters, digits and _ of its name)."""
        base = re.sub(r"[^a-z0-9_]+", "_", database.casefold()).strip("_")[:40] or "programme"
        return cls(f"{base}_owner", f"{base}_trainee", f"{base}_mentor", f"{base}_lead")

    def kind_role(self, kind: str) -> str:
        """The group role of a person of ``kind`` (trainee, mentor or lead)."""
        return {"trainee": self.trainee, "mentor": self.mentor, "lead": self.lead}[kind]


# The tables a trainee writes (their own rows) and mentors and the lead read.
TRAINEE_TABLES = (
    "reflections",
    "self_ratings",
    "feedback_requests",
    "avoidance_summaries",
    "frameworks",
)
# The tables a mentor writes (for their own trainees) and the trainee and the lead read.
MENTOR_TABLES = ("feedback_items", "comments", "sign_offs")

# Step 1: the tables. {owner}, {trainee}, {mentor}, {lead} are the group roles (quoted
# identifiers); literal braces are doubled. Runs as the owner role, so it owns every object.
_TABLES = """
CREATE TABLE pln.schema_version (
    version integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE pln.programme (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE pln.people (
    role_name name PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('trainee', 'mentor', 'lead')),
    display_name text NOT NULL,
    own_role boolean NOT NULL DEFAULT true,
    added_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE pln.assignments (
    mentor name NOT NULL REFERENCES pln.people ON DELETE CASCADE,
    trainee name NOT NULL REFERENCES pln.people ON DELETE CASCADE,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mentor, trainee)
);
CREATE INDEX assignments_trainee ON pln.assignments (trainee);

CREATE TABLE pln.reflections (
    uuid uuid NOT NULL,
    version integer NOT NULL CHECK (version > 0),
    trainee name NOT NULL DEFAULT current_user REFERENCES pln.people ON DELETE CASCADE,
    title text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    entry_date date NOT NULL,
    skills jsonb NOT NULL DEFAULT '[]',
    depth_level smallint CHECK (depth_level BETWEEN 0 AND 3),
    answers uuid[] NOT NULL DEFAULT '{{}}',
    shared_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (uuid, version)
);
CREATE INDEX reflections_trainee ON pln.reflections (trainee, shared_at);
CREATE TABLE pln.self_ratings (
    uuid uuid PRIMARY KEY,
    trainee name NOT NULL DEFAULT current_user REFERENCES pln.people ON DELETE CASCADE,
    skill_code text NOT NULL,
    skill_name text NOT NULL DEFAULT '',
    level smallint NOT NULL,
    rated_on date NOT NULL,
    shared_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX self_ratings_trainee ON pln.self_ratings (trainee, skill_code);
CREATE TABLE pln.feedback_requests (
    uuid uuid PRIMARY KEY,
    trainee name NOT NULL DEFAULT current_user REFERENCES pln.people ON DELETE CASCADE,
    mentor name,
    mentor_name text NOT NULL DEFAULT '',
    skills jsonb NOT NULL DEFAULT '[]',
    message text NOT NULL DEFAULT '',
    requested_on date NOT NULL,
    shared_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_requests_trainee ON pln.feedback_requests (trainee);
CREATE TABLE pln.frameworks (
    trainee name PRIMARY KEY DEFAULT current_user REFERENCES pln.people ON DELETE CASCADE,
    name text NOT NULL,
    scale jsonb NOT NULL,
    skills jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE pln.avoidance_summaries (
    trainee name PRIMARY KEY DEFAULT current_user REFERENCES pln.people ON DELETE CASCADE,
    skills jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pln.feedback_items (
    uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    trainee name NOT NULL REFERENCES pln.people ON DELETE CASCADE,
    mentor name NOT NULL DEFAULT current_user,
    skill_code text NOT NULL,
    skill_name text NOT NULL DEFAULT '',
    rating smallint,
    comment text NOT NULL DEFAULT '',
    given_on date NOT NULL DEFAULT current_date,
    request_uuid uuid,
    written_at timestamptz NOT NULL DEFAULT now(),
    CHECK (rating IS NOT NULL OR comment <> '')
);
CREATE INDEX feedback_items_trainee ON pln.feedback_items (trainee, written_at);
CREATE TABLE pln.comments (
    uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    trainee name NOT NULL REFERENCES pln.people ON DELETE CASCADE,
    mentor name NOT NULL DEFAULT current_user,
    reflection_uuid uuid NOT NULL,
    reflection_version integer NOT NULL,
    skill_code text,
    body text NOT NULL CHECK (body <> ''),
    written_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_trainee ON pln.comments (trainee, written_at);
CREATE TABLE pln.sign_offs (
    uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    trainee name NOT NULL REFERENCES pln.people ON DELETE CASCADE,
    mentor name NOT NULL DEFAULT current_user,
    skill_code text NOT NULL,
    skill_name text NOT NULL DEFAULT '',
    level smallint NOT NULL,
    signed_on date NOT NULL DEFAULT current_date,
    statement text NOT NULL CHECK (statement <> ''),
    written_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_offs_trainee ON pln.sign_offs (trainee, written_at);
CREATE TABLE pln.reads (
    mentor name NOT NULL DEFAULT current_user,
    reflection_uuid uuid NOT NULL,
    reflection_version integer NOT NULL,
    read_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mentor, reflection_uuid, reflection_version)
);

-- Is the current login a mentor of this trainee? Reads assignments under the caller's own
-- row-level security (a mentor sees only their own assignments).
CREATE FUNCTION pln.mentors(t name) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT EXISTS (SELECT 1 FROM pln.assignments a WHERE a.mentor = current_user AND a.trainee = t) $$;
"""

# Step 1, continued: who may touch what. Privileges say which statements a group may run;
# the policies say which rows. Nothing is granted to PUBLIC.
_SECURITY = """
REVOKE ALL ON ALL TABLES IN SCHEMA pln FROM PUBLIC;
REVOKE ALL ON FUNCTION pln.mentors(name) FROM PUBLIC;
GRANT USAGE ON SCHEMA pln TO {trainee}, {mentor}, {lead};
GRANT EXECUTE ON FUNCTION pln.mentors(name) TO {trainee}, {mentor}, {lead};
GRANT SELECT ON pln.schema_version, pln.programme, pln.people, pln.assignments
    TO {trainee}, {mentor}, {lead};
GRANT SELECT, INSERT, UPDATE, DELETE ON pln.reflections, pln.self_ratings,
    pln.feedback_requests, pln.avoidance_summaries, pln.frameworks TO {trainee};
GRANT SELECT ON pln.reflections, pln.self_ratings, pln.feedback_requests,
    pln.avoidance_summaries, pln.frameworks TO {mentor}, {lead};
GRANT SELECT, INSERT, UPDATE, DELETE ON pln.feedback_items, pln.comments, pln.sign_offs
    TO {mentor};
GRANT SELECT ON pln.feedback_items, pln.comments, pln.sign_offs TO {trainee}, {lead};
GRANT SELECT, INSERT, UPDATE, DELETE ON pln.reads TO {mentor};

ALTER TABLE pln.schema_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE pln.schema_version FORCE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON pln.schema_version FOR SELECT USING (true);
CREATE POLICY owner_writes ON pln.schema_version TO {owner} USING (true) WITH CHECK (true);

ALTER TABLE pln.programme ENABLE ROW LEVEL SECURITY;
ALTER TABLE pln.programme FORCE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON pln.programme FOR SELECT USING (true);
CREATE POLICY owner_writes ON pln.programme TO {owner} USING (true) WITH CHECK (true);

-- A person sees themselves, their mentors or trainees; the lead sees everyone.
ALTER TABLE pln.people ENABLE ROW LEVEL SECURITY;
ALTER TABLE pln.people FORCE ROW LEVEL SECURITY;
CREATE POLICY self_and_partners ON pln.people FOR SELECT TO {trainee}, {mentor} USING (
    role_name = current_user
    OR EXISTS (SELECT 1 FROM pln.assignments a
               WHERE (a.mentor = current_user AND a.trainee = people.role_name)
                  OR (a.trainee = current_user AND a.mentor = people.role_name)));
CREATE POLICY lead_reads ON pln.people FOR SELECT TO {lead} USING (true);
CREATE POLICY owner_writes ON pln.people TO {owner} USING (true) WITH CHECK (true);

ALTER TABLE pln.assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE pln.assignments FORCE ROW LEVEL SECURITY;
CREATE POLICY own_assignments ON pln.assignments FOR SELECT TO {trainee}, {mentor}
    USING (trainee = current_user OR mentor = current_user);
CREATE POLICY lead_reads ON pln.assignments FOR SELECT TO {lead} USING (true);
CREATE POLICY owner_writes ON pln.assignments TO {owner} USING (true) WITH CHECK (true);

ALTER TABLE pln.reads ENABLE ROW LEVEL SECURITY;
ALTER TABLE pln.reads FORCE ROW LEVEL SECURITY;
CREATE POLICY own_reads ON pln.reads TO {mentor}
    USING (mentor = current_user) WITH CHECK (mentor = current_user);
"""

# Policies repeated for each trainee-written table (``{table}`` filled in per table).
_TRAINEE_TABLE_POLICIES = """
ALTER TABLE pln.{table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE pln.{table} FORCE ROW LEVEL SECURITY;
CREATE POLICY trainee_own ON pln.{table} TO {trainee}
    USING (trainee = current_user) WITH CHECK (trainee = current_user);
CREATE POLICY mentor_reads ON pln.{table} FOR SELECT TO {mentor} USING (pln.mentors(trainee));
CREATE POLICY lead_reads ON pln.{table} FOR SELECT TO {lead} USING (true);
"""

# Policies repeated for each mentor-written table: a mentor reads what any mentor of their
# trainee wrote, and writes, changes or deletes only their own, for their own trainees.
_MENTOR_TABLE_POLICIES = """
ALTER TABLE pln.{table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE pln.{table} FORCE ROW LEVEL SECURITY;
CREATE POLICY trainee_reads ON pln.{table} FOR SELECT TO {trainee} USING (trainee = current_user);
CREATE POLICY mentor_reads ON pln.{table} FOR SELECT TO {mentor} USING (pln.mentors(trainee));
CREATE POLICY mentor_writes ON pln.{table} FOR INSERT TO {mentor}
    WITH CHECK (mentor = current_user AND pln.mentors(trainee));
CREATE POLICY mentor_changes ON pln.{table} FOR UPDATE TO {mentor}
    USING (mentor = current_user AND pln.mentors(trainee))
    WITH CHECK (mentor = current_user AND pln.mentors(trainee));
CREATE POLICY mentor_deletes ON pln.{table} FOR DELETE TO {mentor}
    USING (mentor = current_user AND pln.mentors(trainee));
CREATE POLICY lead_reads ON pln.{table} FOR SELECT TO {lead} USING (true);
"""

# A comment must be on a reflection the trainee shared (and the mentor can read).
_COMMENT_CHECK = """
CREATE POLICY on_shared_reflection ON pln.comments AS RESTRICTIVE FOR INSERT TO {mentor}
    WITH CHECK (EXISTS (SELECT 1 FROM pln.reflections r
                        WHERE r.uuid = reflection_uuid AND r.version = reflection_version
                          AND r.trainee = comments.trainee));
"""


def _step_1() -> str:
    parts = [_TABLES, _SECURITY]
    parts += [_TRAINEE_TABLE_POLICIES.replace("{table}", t) for t in TRAINEE_TABLES]
    parts += [_MENTOR_TABLE_POLICIES.replace("{table}", t) for t in MENTOR_TABLES]
    parts.append(_COMMENT_CHECK)
    return "\n".join(parts)


# (version, SQL template): a later change to the server is a new step, never an edited one.
STEPS: tuple[tuple[int, str], ...] = ((1, _step_1()),)
LATEST = STEPS[-1][0]
