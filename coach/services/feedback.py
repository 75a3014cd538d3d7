"""Feedback requests: pick the depth, draft a specific ask framed for them, close the loop."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel
from sqlalchemy import func, select

from coach.components.container import Services
from coach.components.validate import clean_text
from coach.domain.feedback import (
    NEXT_STATUS,
    STATUSES,
    Depth,
    Status,
    choose_depth,
    draft_ask,
    next_step,
)
from coach.errors import InputError
from coach.services.peers import _find, get_peer
from coach.store.atomic import insert_once
from coach.store.db import LOCAL_OWNER, FeedbackRequest, Peer, by_id_prefix, utcnow


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
            "next_step": next_step(row.status, peer.name),
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
        fields = {
            "owner": owner,
            "peer_id": peer.id,
            "topic": topic,
            "depth": depth,
            "draft": draft_ask(peer, topic, depth),
        }
        if source_key:  # a concurrent save of the same key returns the one row
            row, created = insert_once(
                session, FeedbackRequest, {**fields, "source_key": source_key}
            )
        else:
            row, created = FeedbackRequest(**fields), True
            session.add(row)
            session.flush()
        return _out(row, _find(session, peer.name, peer.team, owner)).model_copy(
            update={"new": created}
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
