"""Follow-ups: what you promised a peer (i_owe) and what they promised you (they_owe)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from sqlalchemy import select

from coach.components.container import Services
from coach.components.validate import clean_text
from coach.errors import InputError
from coach.services.peers import _find
from coach.store.db import LOCAL_OWNER, FollowUp, Peer, by_id_prefix


class FollowUpView(BaseModel):
    id: str
    peer: str | None
    direction: str
    what: str
    due: date | None
    done: bool

    @property
    def line(self) -> str:
        due = f" (due {self.due.isoformat()})" if self.due else ""
        who = f" [{self.peer}]" if self.peer else ""
        arrow = "you owe" if self.direction == "i_owe" else "they owe you"
        return f"{arrow}{who}: {self.what}{due}"


def add_follow_up(
    services: Services,
    peer: str | None,
    what: str,
    due: date | None = None,
    direction: str = "i_owe",
    owner: str = LOCAL_OWNER,
    source_key: str | None = None,
) -> tuple[FollowUpView, bool]:
    """Record a follow-up; returns (it, created). A known source_key is not added twice."""
    if direction not in {"i_owe", "they_owe"}:
        raise InputError("A follow-up is either 'i_owe' or 'they_owe'.")
    text = clean_text(what, "follow-up", 2000)
    with services.sessions.begin() as session:
        if source_key:
            existing = session.scalar(
                select(FollowUp).where(FollowUp.owner == owner, FollowUp.source_key == source_key)
            )
            if existing:
                return _view(session, existing), False
        peer_row = _find(session, peer, None, owner) if peer else None
        row = FollowUp(
            owner=owner,
            peer_id=peer_row.id if peer_row else None,
            what=text,
            due=due,
            direction=direction,
            source_key=source_key,
        )
        session.add(row)
        session.flush()
        return _view(session, row), True


def _view(session, row: FollowUp) -> FollowUpView:  # type: ignore[no-untyped-def]
    peer = session.get(Peer, row.peer_id) if row.peer_id else None
    return FollowUpView(
        id=row.id,
        peer=peer.name if peer else None,
        direction=row.direction,
        what=row.what,
        due=row.due,
        done=row.done,
    )


def list_follow_ups(
    services: Services, owner: str = LOCAL_OWNER, open_only: bool = True
) -> list[FollowUpView]:
    with services.sessions() as session:
        query = select(FollowUp).where(FollowUp.owner == owner)
        if open_only:
            query = query.where(FollowUp.done.is_(False))
        rows = session.scalars(
            query.order_by(FollowUp.due.is_(None), FollowUp.due, FollowUp.created_at)
        )
        return [_view(session, r) for r in rows]


def complete(services: Services, follow_up_id: str, owner: str = LOCAL_OWNER) -> FollowUpView:
    with services.sessions.begin() as session:
        row = by_id_prefix(session, FollowUp, owner, follow_up_id)
        if row is None:
            raise InputError(f"No single follow-up matches {follow_up_id!r}.")
        row.done = True
        return _view(session, row)
