"""The tables: SQLAlchemy ORM classes, their shared Base, the local owner and id/time helpers."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

LOCAL_OWNER = "local"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_id() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    pass


class Note(Base):
    """A note the user wrote about a colleague or their work; indexed for retrieval."""

    __tablename__ = "notes"
    __table_args__ = (Index("uq_notes_source", "owner", "source_key", unique=True),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(100), index=True, default=LOCAL_OWNER)
    text: Mapped[str] = mapped_column(Text)
    person: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    note_date: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(40), default="note")
    source_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    # False until its text is in the vector store; whatever is False is indexed at next start.
    indexed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
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


class Peer(Base):
    """Someone whose work affects yours: the unit of the peer map."""

    __tablename__ = "peers"
    __table_args__ = (UniqueConstraint("owner", "name_key", "team_key", name="uq_peer_identity"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(100), index=True, default=LOCAL_OWNER)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100), index=True)
    role: Mapped[str] = mapped_column(String(100), default="")
    team: Mapped[str] = mapped_column(String(100), default="")
    team_key: Mapped[str] = mapped_column(String(100), default="")
    relates: Mapped[str] = mapped_column(String(200), default="")
    importance: Mapped[int] = mapped_column(Integer, default=3)
    relationship: Mapped[str] = mapped_column(String(20), default="nonexistent")
    focus: Mapped[bool] = mapped_column(Boolean, default=False)
    cadence_days: Mapped[int] = mapped_column(Integer, default=30)
    tags: Mapped[str] = mapped_column(String(300), default="")
    last_contact: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


interaction_peers = Table(
    "interaction_peers",
    Base.metadata,
    Column("interaction_id", ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True),
    Column("peer_id", ForeignKey("peers.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Interaction(Base):
    __tablename__ = "interactions"
    __table_args__ = (Index("uq_interactions_source", "owner", "source_key", unique=True),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(100), index=True, default=LOCAL_OWNER)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(Text)
    note_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    source_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    peers: Mapped[list[Peer]] = relationship(secondary=interaction_peers)


class Favour(Base):
    """Reciprocity ledger: favours given to and received from a peer."""

    __tablename__ = "favours"
    __table_args__ = (Index("uq_favours_source", "owner", "source_key", unique=True),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(100), index=True, default=LOCAL_OWNER)
    peer_id: Mapped[str] = mapped_column(ForeignKey("peers.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(10))  # given | received
    day: Mapped[date] = mapped_column(Date)
    what: Mapped[str] = mapped_column(Text)
    source_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class FeedbackRequest(Base):
    """A request for feedback and where it stands in the loop the guidance asks us to close."""

    __tablename__ = "feedback_requests"
    __table_args__ = (Index("uq_feedback_requests_source", "owner", "source_key", unique=True),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(100), index=True, default=LOCAL_OWNER)
    peer_id: Mapped[str] = mapped_column(ForeignKey("peers.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(Text)
    depth: Mapped[str] = mapped_column(String(10))  # quick | deep
    status: Mapped[str] = mapped_column(String(20), default="drafted")
    draft: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    source_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class FollowUp(Base):
    """Something promised: by you to a peer (i_owe) or by a peer to you (they_owe)."""

    __tablename__ = "follow_ups"
    __table_args__ = (Index("uq_follow_ups_source", "owner", "source_key", unique=True),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(100), index=True, default=LOCAL_OWNER)
    peer_id: Mapped[str | None] = mapped_column(
        ForeignKey("peers.id", ondelete="CASCADE"), index=True, nullable=True
    )
    direction: Mapped[str] = mapped_column(String(10), default="i_owe")
    what: Mapped[str] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    source_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Plan(Base):
    """One weekly plan per owner and ISO week; items (and their done ticks) as JSON."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("owner", "week", name="uq_plan_week"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(100), index=True, default=LOCAL_OWNER)
    week: Mapped[str] = mapped_column(String(10))
    prompt: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RelationshipChange(Base):
    """When a relationship moved (e.g. weak -> strong): what the weekly chart counts."""

    __tablename__ = "relationship_changes"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(100), index=True, default=LOCAL_OWNER)
    peer_id: Mapped[str] = mapped_column(ForeignKey("peers.id", ondelete="CASCADE"), index=True)
    old: Mapped[str] = mapped_column(String(20))
    new: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class User(Base):
    """A person who signs in when sign-in is on; their name is the owner of their records."""

    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
