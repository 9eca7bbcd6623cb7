"""The central database: the PostgreSQL that every counter of a center (or a province) syncs to.

No Qt here and no local store: `schema` creates and upgrades the central schema (its own
Alembic migrations), `roles` registers centers and counters' login roles, `server` runs the
embedded PostgreSQL used by the demo and the tests.
"""
