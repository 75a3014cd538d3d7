"""The peer map: who matters to your work, how strong each relationship is, and what happened."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session

from coach.components.container import Services
from coach.domain.followups import is_celebration
from coach.domain.names import Roster
from coach.domain.peers import (
    FOCUS_CAP,
    KINDS,
    InteractionView,
    PeerIn,
    PeerSignals,
    PeerView,
    _key,
    _split,
    validation_message,
)
from coach.errors import InputError
from coach.store.atomic import insert_once
from coach.store.db import (
    LOCAL_OWNER,
    Favour,
    FeedbackRequest,
    FollowUp,
    Interaction,
    Note,
    Peer,
    RelationshipChange,
    interaction_peers,
    utcnow,
)


def _view(row: Peer) -> PeerView:
    return PeerView.model_validate(
        {
            "id": row.id,
            "name": row.name,
            "role": row.role,
            "team": row.team,
            "relates": _split(row.relates),
            "importance": row.importance,
            "relationship": row.relationship,
            "focus": row.focus,
            "cadence_days": row.cadence_days,
            "tags": _split(row.tags),
            "last_contact": row.last_contact,
            "created_at": row.created_at,
            "updated_at": row.updated_at,
        }
    )


def parse_peer(data: dict[str, object], labels: dict[str, str] | None = None) -> PeerIn:
    """A peer from form or command-line values; `labels` name fields in errors as the form
    labels them."""
    try:
        return PeerIn.model_validate(data)
    except Exception as exc:
        raise InputError(f"Peer not saved: {validation_message(exc, labels)}.") from exc


# --- lookups --------------------------------------------------------------------------------


def _find(session: Session, name: str, team: str | None, owner: str) -> Peer:
    if not name or not name.strip():
        raise InputError("Say which peer: the name is empty.")
    query = select(Peer).where(Peer.owner == owner, Peer.name_key == _key(name))
    if team:
        query = query.where(Peer.team_key == _key(team))
    rows = list(session.scalars(query))
    if not rows and not team:  # a first name is enough when it is unambiguous
        rows = Roster(session.scalars(select(Peer).where(Peer.owner == owner))).candidates(name)
    if not rows:
        raise InputError(f"No peer called {name!r}{' in ' + team if team else ''} in your map.")
    if len(rows) > 1:
        teams = ", ".join(sorted(r.team or "(no team)" for r in rows))
        raise InputError(
            f"There are {len(rows)} peers called {name!r} (teams: {teams}); say which team."
        )
    return rows[0]


def get_peer(
    services: Services, name: str, team: str | None = None, owner: str = LOCAL_OWNER
) -> PeerView:
    with services.sessions() as session:
        return _view(_find(session, name, team, owner))


def list_peers(services: Services, owner: str = LOCAL_OWNER) -> list[PeerView]:
    with services.sessions() as session:
        rows = session.scalars(select(Peer).where(Peer.owner == owner).order_by(Peer.name_key))
        return [_view(r) for r in rows]


def _check_focus_cap(session: Session, owner: str, exclude: str | None = None) -> None:
    focused = [
        p.name
        for p in session.scalars(select(Peer).where(Peer.owner == owner, Peer.focus))
        if p.id != exclude
    ]
    if len(focused) >= FOCUS_CAP:
        raise InputError(
            f"You already focus on {len(focused)} peers ({', '.join(sorted(focused))}). "
            f"The guidance suggests 3–5 at a time: take one off the focus list first."
        )


def _apply(row: Peer, peer: PeerIn) -> None:
    session = object_session(row)
    if (
        session is not None
        and row.id
        and row.relationship
        and row.relationship != peer.relationship
    ):
        session.add(
            RelationshipChange(
                owner=row.owner, peer_id=row.id, old=row.relationship, new=peer.relationship
            )
        )
    row.name, row.name_key = peer.name, _key(peer.name)
    row.team, row.team_key = peer.team, _key(peer.team)
    row.role, row.importance, row.relationship = peer.role, peer.importance, peer.relationship
    row.relates, row.tags = ";".join(peer.relates), ";".join(peer.tags)
    row.cadence_days, row.focus, row.last_contact = peer.cadence_days, peer.focus, peer.last_contact
    row.updated_at = utcnow()


def add_peer(services: Services, peer: PeerIn, owner: str = LOCAL_OWNER) -> PeerView:
    already = InputError(
        f"{peer.name}{' (' + peer.team + ')' if peer.team else ''} is "
        "already in your map; edit them instead."
    )
    try:
        with services.sessions.begin() as session:
            clash = session.scalar(
                select(Peer).where(
                    Peer.owner == owner,
                    Peer.name_key == _key(peer.name),
                    Peer.team_key == _key(peer.team),
                )
            )
            if clash:
                raise already
            if peer.focus:
                _check_focus_cap(session, owner)
            row = Peer(owner=owner)
            _apply(row, peer)
            session.add(row)
            session.flush()
            return _view(row)
    except IntegrityError as exc:  # added at the same moment by another request
        raise already from exc


def edit_peer(
    services: Services,
    name: str,
    changes: dict[str, object],
    team: str | None = None,
    owner: str = LOCAL_OWNER,
    labels: dict[str, str] | None = None,
) -> PeerView:
    """Change some fields of a peer; the result is validated as a whole."""
    with services.sessions.begin() as session:
        row = _find(session, name, team, owner)
        current = _view(row).model_dump(exclude={"id", "created_at", "updated_at"})
        merged = parse_peer(
            {**current, **{k: v for k, v in changes.items() if v is not None}}, labels
        )
        if merged.focus and not row.focus:
            _check_focus_cap(session, owner, exclude=row.id)
        if (_key(merged.name), _key(merged.team)) != (row.name_key, row.team_key):
            clash = session.scalar(
                select(Peer).where(
                    Peer.owner == owner,
                    Peer.name_key == _key(merged.name),
                    Peer.team_key == _key(merged.team),
                    Peer.id != row.id,
                )
            )
            if clash:
                raise InputError(f"Another peer is already called {merged.name} in that team.")
        _apply(row, merged)
        return _view(row)


def set_focus(
    services: Services, name: str, on: bool, team: str | None = None, owner: str = LOCAL_OWNER
) -> PeerView:
    return edit_peer(services, name, {"focus": on}, team, owner)


def remove_peer(
    services: Services, name: str, team: str | None = None, owner: str = LOCAL_OWNER
) -> str:
    """Delete a peer and their ledger; notes about them stay (they are your notes)."""
    with services.sessions.begin() as session:
        row = _find(session, name, team, owner)
        label = _view(row).label
        session.delete(row)
    return label


# --- what happened --------------------------------------------------------------------------


def log_interaction(
    services: Services,
    names: list[str],
    kind: str,
    summary: str,
    day: date | None = None,
    owner: str = LOCAL_OWNER,
    source_key: str | None = None,
) -> InteractionView:
    """Record a contact: restarts each peer's keep-in-touch clock and is indexed as a note."""
    from coach.components.validate import clean_text
    from coach.services.notes import add_note

    if kind not in KINDS:
        raise InputError(f"Unknown kind {kind!r}; use one of: {', '.join(KINDS)}.")
    text = clean_text(summary, "summary", services.settings.max_note_chars)
    day = day or date.today()
    if not names:
        raise InputError("Say who the interaction was with.")
    with services.sessions.begin() as session:
        fields = {"owner": owner, "day": day, "kind": kind, "summary": text}
        if source_key:  # exactly once: the unique index settles concurrent saves
            row, created = insert_once(session, Interaction, {**fields, "source_key": source_key})
            if not created:
                return InteractionView(
                    id=row.id,
                    day=row.day,
                    kind=row.kind,
                    summary=row.summary,
                    peers=[p.name for p in row.peers],
                )
        else:
            row = Interaction(**fields)
        peers = [_find(session, n, None, owner) for n in names]
        row.peers = peers
        for peer in peers:
            if peer.last_contact is None or peer.last_contact < day:
                peer.last_contact = day
                peer.updated_at = utcnow()
        session.add(row)
        session.flush()
        view = InteractionView(
            id=row.id, day=day, kind=kind, summary=text, peers=[p.name for p in peers], new=True
        )
    for name in view.peers:
        add_note(
            services,
            f"{kind} with {', '.join(view.peers)}: {text}",
            person=name,
            when=day,
            owner=owner,
            source="interaction",
        )
    return view


def add_favour(
    services: Services,
    name: str,
    direction: str,
    what: str,
    day: date | None = None,
    owner: str = LOCAL_OWNER,
    team: str | None = None,
    source_key: str | None = None,
) -> str:
    """Add to the reciprocity ledger (and log the contact)."""
    from coach.components.validate import clean_text

    if direction not in {"given", "received"}:
        raise InputError("A favour is either 'given' or 'received'.")
    text = clean_text(what, "favour", 2000)
    day = day or date.today()
    with services.sessions.begin() as session:
        peer = _find(session, name, team, owner)
        fields = {"owner": owner, "peer_id": peer.id, "direction": direction, "day": day}
        if source_key:
            _, created = insert_once(
                session, Favour, {**fields, "what": text, "source_key": source_key}
            )
            if not created:
                return "Already recorded."
        else:
            session.add(Favour(**fields, what=text))
        peer_name = peer.name
    verb = "gave" if direction == "given" else "received from"
    log_interaction(services, [peer_name], "favour", f"I {verb} {peer_name}: {text}", day, owner)
    return f"Recorded a favour you {verb} {peer_name}."


def interactions(
    services: Services, name: str | None = None, owner: str = LOCAL_OWNER, limit: int = 50
) -> list[InteractionView]:
    with services.sessions() as session:
        query = select(Interaction).where(Interaction.owner == owner)
        if name:
            peer = _find(session, name, None, owner)
            query = query.join(interaction_peers).where(interaction_peers.c.peer_id == peer.id)
        rows = session.scalars(query.order_by(Interaction.day.desc()).limit(limit))
        return [
            InteractionView(
                id=r.id, day=r.day, kind=r.kind, summary=r.summary, peers=[p.name for p in r.peers]
            )
            for r in rows
        ]


def notes_about(
    services: Services, name: str, owner: str = LOCAL_OWNER, limit: int = 5
) -> list[str]:
    """The latest notes about a peer, newest first: what openers and drafts build on. A note
    saved under the first name alone ("--person Priya") counts when no other peer shares it."""
    full = " ".join(name.split()).lower()
    first = full.split(" ")[0] if full else full
    with services.sessions() as session:
        names = [full]
        if first != full:
            peers = Roster(session.scalars(select(Peer.name).where(Peer.owner == owner)), str)
            if peers.first_name_is_theirs(name):
                names.append(first)
        rows = session.scalars(
            select(Note.text)
            .where(Note.owner == owner, func.lower(Note.person).in_(names))
            .order_by(Note.note_date.desc(), Note.created_at.desc())
            .limit(limit)
        )
        return list(rows)


def signals(
    services: Services, owner: str = LOCAL_OWNER, today: date | None = None
) -> list[PeerSignals]:
    """One pass of aggregate queries; fast enough for thousands of peers."""
    today = today or date.today()
    with services.sessions() as session:
        peers = {r.id: _view(r) for r in session.scalars(select(Peer).where(Peer.owner == owner))}
        out = {pid: PeerSignals(peer=p) for pid, p in peers.items()}
        for pid, given, received in session.execute(
            select(
                Favour.peer_id,
                func.sum(case((Favour.direction == "given", 1), else_=0)),
                func.sum(case((Favour.direction == "received", 1), else_=0)),
            )
            .where(Favour.owner == owner)
            .group_by(Favour.peer_id)
        ):
            if pid in out:
                out[pid].favours_given, out[pid].favours_received = int(given), int(received)
        for fu in session.scalars(
            select(FollowUp)
            .where(FollowUp.owner == owner, FollowUp.done.is_(False), FollowUp.peer_id.is_not(None))
            .order_by(FollowUp.due)
        ):
            sig = out.get(fu.peer_id or "")
            if sig is None or is_celebration(fu.what):
                continue  # a success to celebrate is not something owed
            sig.open_follow_ups += 1
            if fu.due and fu.due < today:
                sig.overdue_follow_ups += 1
            if sig.next_follow_up is None:
                sig.next_follow_up = fu.what
        for pid, count in session.execute(
            select(FeedbackRequest.peer_id, func.count())
            .where(FeedbackRequest.owner == owner, FeedbackRequest.status == "received")
            .group_by(FeedbackRequest.peer_id)
        ):
            if pid in out:
                out[pid].loops_to_close = int(count)
        return list(out.values())
