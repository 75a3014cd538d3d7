"""A sample team to explore the app with, removable in one step, and the first-run checklist."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel
from sqlalchemy import delete, func, select

from coach.components.container import Services
from coach.domain.peers import PeerIn, _key, _split
from coach.domain.week import iso_week
from coach.services.followups import add_follow_up
from coach.services.notes import add_note, sync_notes
from coach.services.peers import add_peer
from coach.store.db import LOCAL_OWNER, FollowUp, Note, Peer, Plan

SAMPLE_TAG = "sample"
SAMPLE_SOURCE = "sample"
KEY_PREFIX = "sample:"

# (name, team, role, relates, importance, relationship, days since contact or None, focus)
PEERS = [
    ("Nadia Okafor", "Finance", "Budget lead", "helps me", 5, "weak", 40, True),
    ("Marco Bianchi", "Sales", "Account director", "depends on me", 4, "strong", 6, True),
    ("Aiko Tanaka", "Product", "Product manager", "shared goals", 4, "weak", 15, True),
    ("Tom Reyes", "Legal", "Counsel", "future need", 3, "nonexistent", None, False),
    ("Lena Fischer", "Design", "Design lead", "big-picture insight", 2, "strong", 2, False),
]
NOTES = [
    (
        "Nadia Okafor",
        "Nadia (finance) is rebuilding the quarterly budget model and worries that late "
        "vendor invoices will skew the forecast.",
    ),
    (
        "Marco Bianchi",
        "Marco closed the Acme renewal last week; he asked for earlier notice when pricing "
        "changes, so his team can brief customers.",
    ),
    (
        "Aiko Tanaka",
        "Aiko is hiring two product designers and would welcome help with interview "
        "questions about working across teams.",
    ),
]


class SampleReport(BaseModel):
    peers: int = 0
    notes: int = 0
    follow_ups: int = 0

    def summary(self, verb: str) -> str:
        return (
            f"{verb} {self.peers} sample peers, {self.notes} notes and "
            f"{self.follow_ups} follow-ups."
        )


def _sample_peers(session, owner: str) -> list[Peer]:  # type: ignore[no-untyped-def]
    rows = session.scalars(select(Peer).where(Peer.owner == owner))
    return [p for p in rows if SAMPLE_TAG in _split(p.tags)]


def has_sample_team(services: Services, owner: str = LOCAL_OWNER) -> bool:
    with services.sessions() as session:
        return bool(_sample_peers(session, owner))


def add_sample_team(
    services: Services, owner: str = LOCAL_OWNER, today: date | None = None
) -> SampleReport:
    """Five fictional peers tagged 'sample', three notes and three follow-ups to explore with.
    A peer whose name is already in the map is left as it is; adding twice adds nothing."""
    today = today or date.today()
    report = SampleReport()
    with services.sessions() as session:
        taken = {p.name_key for p in session.scalars(select(Peer).where(Peer.owner == owner))}
    for name, team, role, relates, importance, strength, ago, focus in PEERS:
        if _key(name) in taken:
            continue
        with services.sessions() as session:  # the focus list holds 5 at most
            focused = session.scalar(
                select(func.count()).where(Peer.owner == owner, Peer.focus.is_(True))
            )
        peer = PeerIn(
            name=name,
            team=team,
            role=role,
            relates=[relates],  # type: ignore[list-item]
            importance=importance,
            relationship=strength,  # type: ignore[arg-type]
            last_contact=today - timedelta(days=ago) if ago is not None else None,
            focus=focus and (focused or 0) < 5,
            tags=[SAMPLE_TAG],
        )
        add_peer(services, peer, owner)
        report.peers += 1
    for person, text in NOTES:
        saved = add_note(
            services,
            text,
            person,
            today - timedelta(days=3),
            owner,
            source=SAMPLE_SOURCE,
            source_key=f"{KEY_PREFIX}{_key(person)}",
        )
        report.notes += saved.new
    follow_ups = [
        ("Nadia Okafor", "Send Nadia the list of late vendor invoices", -2, "i_owe"),
        ("Marco Bianchi", "Marco shares the Acme renewal timeline", 3, "they_owe"),
        ("Aiko Tanaka", "Congratulate Aiko: the onboarding redesign shipped", None, "i_owe"),
    ]
    for person, what, due_in, direction in follow_ups:
        due = today + timedelta(days=due_in) if due_in is not None else None
        _, created = add_follow_up(
            services, person, what, due, direction, owner, f"{KEY_PREFIX}{_key(what)[:50]}"
        )
        report.follow_ups += created
    return report


def remove_sample_team(services: Services, owner: str = LOCAL_OWNER) -> SampleReport:
    """Remove everything the sample added: peers tagged 'sample' (with their follow-ups and
    ledger), sample notes and their index entries. Your own records are untouched."""
    report = SampleReport()
    with services.sessions.begin() as session:
        peers = _sample_peers(session, owner)
        ids = [p.id for p in peers]
        report.follow_ups = (
            session.scalar(
                select(func.count()).where(
                    FollowUp.owner == owner,
                    FollowUp.source_key.startswith(KEY_PREFIX) | FollowUp.peer_id.in_(ids),
                )
            )
            or 0
        )
        session.execute(
            delete(FollowUp).where(
                FollowUp.owner == owner,
                FollowUp.source_key.startswith(KEY_PREFIX) | FollowUp.peer_id.in_(ids),
            )
        )
        report.notes = (
            session.scalar(
                select(func.count()).where(Note.owner == owner, Note.source == SAMPLE_SOURCE)
            )
            or 0
        )
        session.execute(delete(Note).where(Note.owner == owner, Note.source == SAMPLE_SOURCE))
        for peer in peers:
            session.delete(peer)
        report.peers = len(peers)
    if report.notes:
        sync_notes(services, owner)  # drops the removed notes from the search index
    return report


class StartStatus(BaseModel):
    """The first-run checklist: your own peers, notes and this week's plan (sample excluded)."""

    peers: int
    notes: int
    planned: bool
    sample: bool

    @property
    def finished(self) -> bool:
        return bool(self.peers and self.notes and self.planned)


def start_status(
    services: Services, owner: str = LOCAL_OWNER, today: date | None = None
) -> StartStatus:
    week = iso_week(today or date.today())
    with services.sessions() as session:
        peers = list(session.scalars(select(Peer).where(Peer.owner == owner)))
        own = [p for p in peers if SAMPLE_TAG not in _split(p.tags)]
        notes = session.scalar(
            select(func.count()).where(Note.owner == owner, Note.source != SAMPLE_SOURCE)
        )
        planned = session.scalar(select(Plan.id).where(Plan.owner == owner, Plan.week == week))
    return StartStatus(
        peers=len(own), notes=notes or 0, planned=planned is not None, sample=len(own) < len(peers)
    )
