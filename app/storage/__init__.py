"""Local storage: SQLite through SQLAlchemy 2.0, schema kept by Alembic migrations."""
