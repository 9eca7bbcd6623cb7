"""Alembic environment of the central schema: runs on the connection `app.central.schema` hands in.

That connection has already switched to the owner role, so every object the migrations create
belongs to the owner; the version table lives in the `central` schema with the rest.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection, version_table_schema="central", transaction_per_migration=False
)
with context.begin_transaction():
    context.run_migrations()
