"""Alembic's environment: runs the revisions on the connection Peer Coach passes in."""

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from coach.store.tables import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():  # a no-op inside the caller's transaction
        context.run_migrations()


def run() -> None:
    """On the caller's connection (Alembic's cookbook recipe), else on sqlalchemy.url."""
    if context.is_offline_mode():
        raise RuntimeError("Peer Coach's migrations inspect the database: no offline SQL.")
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


run()
