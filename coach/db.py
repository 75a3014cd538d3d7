"""Relational store: SQLAlchemy tables, the engine factory and schema versioning."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker

LOCAL_OWNER = "local"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_id() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    pass


class SchemaVersion(Base):
    __tablename__ = "schema_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class Note(Base):
    """A note the user wrote about a colleague or their work; indexed for retrieval."""

    __tablename__ = "notes"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(100), index=True, default=LOCAL_OWNER)
    text: Mapped[str] = mapped_column(Text)
    person: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    note_date: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(40), default="note")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Conversation(Base):
    __tablename__ = "conversations"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(100), index=True, default=LOCAL_OWNER)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", order_by="Message.seq"
    )


class Message(Base):
    __tablename__ = "messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    content: Mapped[str] = mapped_column(Text)
    sources_json: Mapped[str] = mapped_column(Text, default="[]")
    provider: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    conversation: Mapped[Conversation] = relationship(back_populates="messages")


# Each step brings a database from version i to i+1. create_all makes new tables; a step here
# only for changes create_all cannot make (new columns, data moves), so upgrades keep data.
MIGRATIONS: list[Callable[[Engine], None]] = []
SCHEMA_VERSION = len(MIGRATIONS) + 1


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


def migrate(engine: Engine) -> int:
    """Create missing tables and run pending migrations; returns the schema version."""
    existed = inspect(engine).has_table("schema_version")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        row = conn.execute(select(SchemaVersion.version)).scalar()
        current = row if row is not None else (1 if existed else SCHEMA_VERSION)
        for step in MIGRATIONS[current - 1 :]:
            step(engine)
        if row is None:
            conn.execute(text("INSERT INTO schema_version (id, version) VALUES (1, :v)"),
                         {"v": SCHEMA_VERSION})
        else:
            conn.execute(text("UPDATE schema_version SET version = :v"), {"v": SCHEMA_VERSION})
    return SCHEMA_VERSION


def make_sessionmaker(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)
