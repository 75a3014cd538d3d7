"""Feedback requests: pick the depth, draft a specific ask framed for them, close the loop."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import func, select

from coach.components.container import Services
from coach.components.validate import clean_text
from coach.domain.peers import PeerView
from coach.errors import InputError
from coach.services.peers import _find, get_peer
from coach.store.db import LOCAL_OWNER, FeedbackRequest, Peer, by_id_prefix, utcnow

Depth = Literal["quick", "deep"]
Status = Literal["drafted", "asked", "received", "closed"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
# The loop the guidance asks for: ask, hear it, then say what you did with it.
NEXT_STATUS = {"drafted": "asked", "asked": "received", "received": "closed"}
DEEP_WORDS = re.compile(
    r"\b(plan|proposal|strategy|design|draft|doc\w*|spec|roadmap|review|"
    r"critique|report|budget|architecture|launch)\b",
    re.I,
)
QUICK_WORDS = re.compile(r"\b(idea|quick|thought|name|title|slide|email|message|gut)\b", re.I)


class FeedbackView(BaseModel):
    id: str
    peer: str
    team: str
    topic: str
    depth: Depth
    status: Status
    draft: str
    outcome: str
    updated_at: datetime
    next_step: str
    cards: list[str]
    new: bool = False


def choose_depth(topic: str) -> Depth:
    """A quick bounce for an idea; an in-depth critique for work you have invested in."""
    if QUICK_WORDS.search(topic) and not re.search(r"\b(critique|detailed|review)\b", topic, re.I):
        return "quick"
    return "deep" if DEEP_WORDS.search(topic) else "quick"


def benefit_for(peer: PeerView, topic: str) -> str:
    """Why answering helps them, from how their work relates to yours."""
    team = f"your team in {peer.team}" if peer.team else "your team"
    if "depends on me" in peer.relates:
        return f"since {team} builds on this, your input now saves you rework later"
    if "shared goals" in peer.relates:
        return "it moves the goal we share, so getting it right helps us both"
    if "helps me" in peer.relates:
        return f"it touches what {team} does, so it will fit the way you work"
    if "future need" in peer.relates or "big-picture insight" in peer.relates:
        return f"you'll see early where this is going and how it may affect {team}"
    return f"it affects {team}, and I want it to work for you too"


def draft_ask(peer: PeerView, topic: str, depth: Depth) -> str:
    """A specific request: what you want, how much of their time, and what is in it for them."""
    first = peer.name.split()[0]
    benefit = benefit_for(peer, topic)
    if depth == "quick":
        return (
            f"Hi {first}, could I bounce a quick idea off you? It's about {topic}. "
            f"Five minutes of your gut reaction would help, and {benefit}. "
            "I'm mainly after: what would you change first?"
        )
    return (
        f"Hi {first}, would you be willing to give me an in-depth critique of {topic}? "
        f"I've put real time into it and want honest, detailed input; {benefit}. "
        "Specifically: what's missing, what's risky, and what would you cut? "
        "Happy to walk you through it for 30 minutes or send it ahead, whichever suits you."
    )


def next_step(row: FeedbackRequest, name: str) -> str:
    first = name.split()[0]
    return {
        "drafted": f"Send the ask to {first}, then mark it asked.",
        "asked": f"When {first} replies, mark it received.",
        "received": f"Close the loop: thank {first}, and tell them what you changed or why not.",
        "closed": "Loop closed.",
    }[row.status]


def _out(row: FeedbackRequest, peer: Peer) -> FeedbackView:
    cards = [
        "choose-feedback-depth",
        "frame-feedback-benefit",
        "ask-feedback-when-you-mean-it",
        "close-the-feedback-loop",
    ]
    return FeedbackView.model_validate(
        {
            "id": row.id,
            "peer": peer.name,
            "team": peer.team,
            "topic": row.topic,
            "depth": row.depth,
            "status": row.status,
            "draft": row.draft,
            "outcome": row.outcome,
            "updated_at": row.updated_at,
            "next_step": next_step(row, peer.name),
            "cards": cards,
        }
    )


def request_feedback(
    services: Services,
    name: str,
    topic: str,
    depth: Depth | None = None,
    team: str | None = None,
    owner: str = LOCAL_OWNER,
    source_key: str | None = None,
) -> FeedbackView:
    """Draft and track a feedback request (status 'drafted')."""
    topic = clean_text(topic, "feedback topic", 300)
    if depth not in (None, "quick", "deep"):
        raise InputError("Depth is 'quick' (a bounce) or 'deep' (an in-depth critique).")
    peer = get_peer(services, name, team, owner)
    depth = depth or choose_depth(topic)
    with services.sessions.begin() as session:
        if source_key:
            existing = session.scalar(
                select(FeedbackRequest).where(
                    FeedbackRequest.owner == owner, FeedbackRequest.source_key == source_key
                )
            )
            if existing:
                return _out(existing, _find(session, peer.name, peer.team, owner))
        same = session.scalar(
            select(FeedbackRequest).where(
                FeedbackRequest.owner == owner,
                FeedbackRequest.peer_id == peer.id,
                func.lower(FeedbackRequest.topic) == topic.lower(),
                FeedbackRequest.status.in_(["drafted", "asked"]),
            )
        )
        if same:  # asking again about the same thing continues the open request
            return _out(same, _find(session, peer.name, peer.team, owner))
        row = FeedbackRequest(
            owner=owner,
            peer_id=peer.id,
            topic=topic,
            depth=depth,
            draft=draft_ask(peer, topic, depth),
            source_key=source_key,
        )
        session.add(row)
        session.flush()
        return _out(row, _find(session, peer.name, peer.team, owner)).model_copy(
            update={"new": True}
        )


def advance(
    services: Services, request_id: str, status: str, outcome: str = "", owner: str = LOCAL_OWNER
) -> FeedbackView:
    """Move a request along the loop; closing it needs what you changed or why not."""
    if status not in STATUSES:
        raise InputError(f"Unknown status {status!r}; use one of: {', '.join(STATUSES)}.")
    with services.sessions.begin() as session:
        row = by_id_prefix(session, FeedbackRequest, owner, request_id)
        if row is None:
            raise InputError(
                f"No single feedback request matches {request_id!r}; see `coach feedback-list`."
            )
        allowed = NEXT_STATUS.get(row.status)
        if status != allowed:
            raise InputError(
                f"This request is {row.status}; the next step is "
                f"{allowed or 'none (the loop is closed)'}, not {status}."
            )
        if status == "closed":
            row.outcome = clean_text(outcome, "note on what you changed (or why not)", 2000)
        row.status = status
        row.updated_at = utcnow()
        peer = session.get(Peer, row.peer_id)
        assert peer is not None
        return _out(row, peer)


def list_requests(
    services: Services, owner: str = LOCAL_OWNER, open_only: bool = False
) -> list[FeedbackView]:
    with services.sessions() as session:
        query = (
            select(FeedbackRequest, Peer)
            .join(Peer, Peer.id == FeedbackRequest.peer_id)
            .where(FeedbackRequest.owner == owner)
            .order_by(FeedbackRequest.updated_at.desc())
        )
        if open_only:
            query = query.where(FeedbackRequest.status != "closed")
        return [_out(r, p) for r, p in session.execute(query)]


def loops_to_close(
    services: Services,
    owner: str = LOCAL_OWNER,
    today: date | None = None,
    nudge_after_days: int = 7,
) -> list[FeedbackView]:
    """Received and not yet closed, or asked long ago with no answer."""
    today = today or date.today()
    out = []
    for req in list_requests(services, owner, open_only=True):
        waiting = (today - req.updated_at.date()).days
        if req.status == "received" or (req.status == "asked" and waiting >= nudge_after_days):
            out.append(req)
    return out
