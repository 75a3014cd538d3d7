"""Chat routing: hand a message to the engine that answers it best, or say it is guidance.

`understanding_for` decides (offline, see coach/understand.py); `route` runs the engine and
renders its answer (coach/replies.py). Guidance questions return None: the chat answers them
from retrieval, with a model when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from coach.components.container import Services
from coach.domain.names import PeerFinder
from coach.rag.retrieval import Source
from coach.services.peers import list_peers
from coach.services.replies import (
    card_sources,
    clarify_reply,
    feedback_reply,
    log_offer,
    log_saved,
    meeting_reply,
    opener_reply,
    parse_log_offer,
    plan_reply,
    unknown_person_reply,
    who_next_reply,
)
from coach.services.understand import History, Understanding, looks_like_meeting_notes, understand
from coach.store.db import LOCAL_OWNER

__all__ = ["Routed", "card_sources", "chat_limit", "looks_like_meeting_notes", "route"]

MEETING_OFFER = "Reply `save`"


@dataclass
class Routed:
    """An engine's answer: markdown, its sources, and which engine gave it."""

    text: str
    sources: list[Source] = field(default_factory=list)
    route: str = "guidance"


def chat_limit(services: Services, text: str | None) -> int:
    """The longest message the chat takes: meeting notes get the meeting-notes limit."""
    from coach.services.meetings import MAX_NOTES_CHARS

    if text and looks_like_meeting_notes(text):
        return max(MAX_NOTES_CHARS, services.settings.max_question_chars)
    return services.settings.max_question_chars


def matcher_for(services: Services, owner: str) -> PeerFinder:
    from coach.services.intents import known_words

    return PeerFinder(list_peers(services, owner), known_words(services.settings))


def understanding_for(
    services: Services,
    text: str,
    history: History = (),
    owner: str = LOCAL_OWNER,
    today: date | None = None,
) -> Understanding:
    """How the chat reads a message: the same decision for the page, the CLI and the agent."""
    scorer = None
    if services.settings.embedding_mode != "fake":  # hash vectors carry no meaning
        from coach.services.intent_vectors import index_for

        scorer = index_for(services.embeddings).scores
    return understand(text, matcher_for(services, owner), today or date.today(), scorer, history)


def route(
    services: Services,
    question: str,
    owner: str = LOCAL_OWNER,
    history: History = (),
    today: date | None = None,
    understood: Understanding | None = None,
) -> Routed | None:
    """The engine's answer when an engine should answer, else None (a guidance question)."""
    today = today or date.today()
    u = understood or understanding_for(services, question, history, owner, today)
    if u.route == "confirm":
        return _confirm(services, history, owner)
    if u.route == "meeting":
        text, sources = meeting_reply(services, question, owner)
        return Routed(text, sources, "meeting")
    if u.route == "clarify":
        return Routed(clarify_reply(u), [], "clarify")
    if u.unknown_name:
        return Routed(unknown_person_reply(u.unknown_name), [], u.route)
    if u.route == "who_next":
        text, sources = who_next_reply(services, owner, u.filter, u.person, today)
        return Routed(text, sources, "who_next")
    if u.route == "plan":
        text, sources = plan_reply(services, question, owner)
        return Routed(text, sources, "plan")
    if u.route == "opener" and u.person:
        text, sources = opener_reply(services, u.person, u.setting, owner, u.shorter)
        return Routed(text, sources, "opener")
    if u.route == "feedback" and u.person:
        text, sources = feedback_reply(services, u.person, u.topic, u.depth, owner, u.shorter)
        return Routed(text, sources, "feedback")
    if u.route == "log" and u.person:
        return Routed(log_offer(u, today), [], "log")
    return None


def _confirm(services: Services, history: History, owner: str) -> Routed | None:
    """'yes' / 'save': carry out what the last answer offered, and nothing else."""
    last = next((text for role, text in reversed(history) if role == "assistant"), "")
    offer = parse_log_offer(last)
    if offer is not None:
        text = log_saved(services, offer, owner)
        return Routed(text, card_sources(services, ["log-every-contact"]), "log")
    if owner in services.pending_meetings and (not last or MEETING_OFFER in last):
        from coach.services.meetings import save

        body, result = services.pending_meetings.pop(owner)
        report = save(services, body, result, owner=owner)
        created = ", ".join(report.created) or "nothing new"
        return Routed(f"{report.summary()} ({created})", [], "meeting")
    if services.chat_model is not None:
        return None  # "ok, thanks" in a conversation: the model can simply answer
    return Routed(
        "There is nothing waiting for a yes. Tell me what happened (for example: *had coffee "
        "with Marco today, he's worried about pricing*) and I'll offer to log it.",
        [],
        "clarify",
    )
