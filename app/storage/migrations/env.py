"""Alembic environment: runs on the connection that `app.storage.database.migrate` hands in."""

from alembic import context

from app.storage.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
