"""Conversation history, kept in the relational store so it survives restarts."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from coach.components.container import Services
from coach.store.db import LOCAL_OWNER, Conversation, Message, utcnow


@dataclass(frozen=True)
class Turn:
    role: str
    content: str
    sources: list[dict]
    provider: str | None


def start(services: Services, first_question: str, owner: str = LOCAL_OWNER) -> str:
    title = " ".join(first_question.split())[:60] or "New conversation"
    with services.sessions.begin() as session:
        conv = Conversation(title=title, owner=owner)
        session.add(conv)
    return conv.id


def append(
    services: Services,
    conversation_id: str,
    role: str,
    content: str,
    sources: list[dict] | None = None,
    provider: str | None = None,
    owner: str = LOCAL_OWNER,
) -> None:
    """Save one turn at once, so a question is kept even if the answer never comes."""
    with services.sessions.begin() as session:
        conv = session.get(Conversation, conversation_id)
        if conv is None or conv.owner != owner:
            raise KeyError(conversation_id)
        seq = session.scalar(
            select(func.coalesce(func.max(Message.seq), 0)).where(
                Message.conversation_id == conversation_id
            )
        )
        session.add(
            Message(
                conversation_id=conversation_id,
                seq=(seq or 0) + 1,
                role=role,
                content=content,
                sources_json=json.dumps(sources or []),
                provider=provider,
            )
        )
        conv.updated_at = utcnow()


def listing(services: Services, owner: str = LOCAL_OWNER) -> list[tuple[str, str]]:
    """(title, id) pairs, newest first."""
    with services.sessions() as session:
        rows = session.execute(
            select(Conversation.title, Conversation.id, Conversation.updated_at)
            .where(Conversation.owner == owner)
            .order_by(Conversation.updated_at.desc())
        )
        return [(f"{t} · {u:%Y-%m-%d %H:%M}", i) for t, i, u in rows]


def turns(services: Services, conversation_id: str, owner: str = LOCAL_OWNER) -> list[Turn]:
    with services.sessions() as session:
        conv = session.get(Conversation, conversation_id)
        if conv is None or conv.owner != owner:
            return []
        return [
            Turn(m.role, m.content, json.loads(m.sources_json), m.provider) for m in conv.messages
        ]


def remove(services: Services, conversation_id: str, owner: str = LOCAL_OWNER) -> bool:
    with services.sessions.begin() as session:
        conv = session.get(Conversation, conversation_id)
        if conv is None or conv.owner != owner:
            return False
        session.execute(delete(Message).where(Message.conversation_id == conversation_id))
        session.delete(conv)
        return True
