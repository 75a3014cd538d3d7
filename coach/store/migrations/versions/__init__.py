"""Alembic revisions of the relational schema, one a file, oldest first (0001 ... head)."""
