"""Follow-ups: what you promised a peer (i_owe) and what they promised you (they_owe)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from coach.components.container import Services
from coach.components.validate import clean_text
from coach.domain.followups import FollowUpView, board_order, snoozed_due
from coach.errors import InputError
from coach.services.peers import _find
from coach.store.atomic import insert_once
from coach.store.db import LOCAL_OWNER, FollowUp, Peer, by_id_prefix


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
        peer_row = _find(session, peer, None, owner) if peer else None
        fields = {
            "owner": owner,
            "peer_id": peer_row.id if peer_row else None,
            "what": text,
            "due": due,
            "direction": direction,
        }
        if source_key:  # exactly once, even when the same meeting is saved twice at once
            row, created = insert_once(session, FollowUp, {**fields, "source_key": source_key})
            return _view(session, row), created
        row = FollowUp(**fields)
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
    return set_follow_up_done(services, follow_up_id, True, owner)


def _row(session, follow_up_id: str, owner: str) -> FollowUp:  # type: ignore[no-untyped-def]
    row = by_id_prefix(session, FollowUp, owner, follow_up_id)
    if row is None:
        raise InputError(f"No single follow-up matches {follow_up_id!r}.")
    return row


def set_follow_up_done(
    services: Services, follow_up_id: str, done: bool = True, owner: str = LOCAL_OWNER
) -> FollowUpView:
    """Close (or reopen) a follow-up; a plan item that keeps it calls this when ticked."""
    with services.sessions.begin() as session:
        row = _row(session, follow_up_id, owner)
        row.done = done
        return _view(session, row)


def snooze(
    services: Services,
    follow_up_id: str,
    days: int = 7,
    owner: str = LOCAL_OWNER,
    today: date | None = None,
) -> FollowUpView:
    """Put a follow-up off by `days`: counted from its due date, or from today if it is late."""
    if not 1 <= days <= 365:
        raise InputError("Snooze for 1 to 365 days.")
    with services.sessions.begin() as session:
        row = _row(session, follow_up_id, owner)
        row.due = snoozed_due(row.due, today or date.today(), days)
        return _view(session, row)


def remove_follow_up(services: Services, follow_up_id: str, owner: str = LOCAL_OWNER) -> str:
    """Delete a follow-up that no longer applies; returns what it said."""
    with services.sessions.begin() as session:
        row = _row(session, follow_up_id, owner)
        what = row.what
        session.delete(row)
    return what


def board(
    services: Services, owner: str = LOCAL_OWNER, today: date | None = None
) -> list[FollowUpView]:
    """Open follow-ups as the page lists them: overdue first, celebrations last."""
    return board_order(list_follow_ups(services, owner), today or date.today())
