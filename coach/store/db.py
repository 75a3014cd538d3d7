"""Relational store: the engine factory, the schema check at start-up and id-prefix lookups.

The tables live in coach.store.tables (re-exported here) and the schema's history in the
Alembic revisions under coach.store.migrations."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from coach.store.tables import (
    LOCAL_OWNER,
    Base,
    Conversation,
    Favour,
    FeedbackRequest,
    FollowUp,
    Interaction,
    Message,
    Note,
    Peer,
    Plan,
    RelationshipChange,
    User,
    interaction_peers,
    new_id,
    utcnow,
)

__all__ = [
    "HEAD",
    "LOCAL_OWNER",
    "SCHEMA_VERSION",
    "Base",
    "Conversation",
    "Favour",
    "FeedbackRequest",
    "FollowUp",
    "Interaction",
    "Message",
    "Note",
    "Peer",
    "Plan",
    "RelationshipChange",
    "User",
    "by_id_prefix",
    "current_revision",
    "interaction_peers",
    "make_engine",
    "make_sessionmaker",
    "migrate",
    "new_id",
    "utcnow",
]

# The newest Alembic revision (coach/store/migrations/versions). Revision ids are 4-digit
# sequence numbers: 0001..0006 are the earlier runner's schema versions 1..6.
HEAD = "0006"
SCHEMA_VERSION = int(HEAD)


def by_id_prefix(session: Session, model: Any, owner: str, prefix: str) -> Any | None:
    """The owner's one row whose id starts with `prefix` (at least 4 characters), else None;
    lets people type the first 8 characters that the CLI and page show."""
    prefix = prefix.strip()
    if len(prefix) < 4:
        return None
    rows = list(
        session.scalars(
            select(model).where(model.owner == owner, model.id.startswith(prefix)).limit(2)
        )
    )
    return rows[0] if len(rows) == 1 else None


def make_engine(url: str) -> Engine:
    """Engine for the configured URL; SQLite gets foreign keys and a busy timeout."""
    is_sqlite = url.startswith("sqlite")
    engine = create_engine(
        url,
        connect_args={"timeout": 30, "check_same_thread": False} if is_sqlite else {},
        pool_pre_ping=not is_sqlite,
    )
    if is_sqlite:

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

    migrate(engine)
    return engine


def current_revision(engine: Engine) -> str | None:
    """The database's Alembic revision; None for a new database or one from the old runner."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # no table yet: migrate makes it
        return None


def migrate(engine: Engine) -> str:
    """Bring the schema to HEAD; returns the revision. The usual start is one cheap query and
    imports no Alembic; only a new or older database loads it (coach.store.migrations)."""
    if current_revision(engine) == HEAD:
        return HEAD
    # The log keeps "Running upgrade 0004 -> 0005", not the list of plug-ins Alembic loads.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    from coach.store.migrations import upgrade

    return upgrade(engine, HEAD)


def make_sessionmaker(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)
