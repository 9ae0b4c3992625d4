"""Programme mode: a training programme's mentors and trainees on one PostgreSQL server
(docs/programme.md). Imported only by the programme commands: psycopg never loads otherwise."""
