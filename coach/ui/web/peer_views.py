"""The peer map and the who-next ranking as HTML: escaped text, labelled colour chips, and a
table that turns into cards on a phone (see style.CSS)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from coach.domain.peers import PeerView
from coach.domain.scoring import Suggestion

SORTS = {
    "Name": lambda p, today: p.name.casefold(),
    "Importance": lambda p, today: -p.importance,
    "Relationship": lambda p, today: ["nonexistent", "weak", "strong"].index(p.relationship),
    "Longest since contact": lambda p, today: (
        -(today - p.last_contact).days if p.last_contact else -100_000
    ),
}
SAMPLE_TAG = "sample"


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def chip(text: str, kind: str) -> str:
    return f'<span class="chip chip-{e(kind)}">{e(text)}</span>'


def strength_chip(strength: str) -> str:
    return chip(strength, strength)


def contact_text(peer: PeerView, today: date) -> str:
    if peer.last_contact is None:
        return "never"
    days = (today - peer.last_contact).days
    ago = "today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"
    overdue = days >= peer.cadence_days
    text = f"{peer.last_contact.isoformat()} <span class='muted'>({ago})</span>"
    return text + (" " + chip("due", "overdue") if overdue else "")


def cell(label: str, value: str) -> str:
    """A table cell that names its column on a phone; empty ones are hidden there."""
    empty = " class='empty'" if not value else ""
    return f"<td data-label='{label}'{empty}>{value or '—'}</td>"


def peer_table(peers: Sequence[PeerView], today: date, sort: str = "Name") -> str:
    """Every peer, one row each (one card each on a phone)."""
    if not peers:
        return (
            "<div class='empty-note'>No peers yet. Add the people whose work affects yours "
            "with the form above, import a CSV (<i>Import and export</i>, below), or explore "
            "with the sample team from the Chat tab.</div>"
        )
    key = SORTS.get(sort, SORTS["Name"])
    rows = []
    for p in sorted(peers, key=lambda p: key(p, today)):
        marks = []
        if p.focus:
            marks.append(chip("focus", "focus"))
        if SAMPLE_TAG in p.tags:
            marks.append(chip("sample", "sample"))
        tags = ", ".join(t for t in p.tags if t != SAMPLE_TAG)

        rows.append(
            "<tr>"
            f"<td class='name-cell'><b>{e(p.name)}</b> {' '.join(marks)}</td>"
            + cell("Team", e(p.team))
            + cell("Role", e(p.role))
            + cell("Relationship", strength_chip(p.relationship))
            + cell("Importance", f"{p.importance}/5")
            + cell("Last contact", contact_text(p, today))
            + cell("Keep in touch", f"every {p.cadence_days} days")
            + cell("Their work", e(", ".join(p.relates)))
            + cell("Tags", e(tags))
            + "</tr>"
        )
    head = "".join(
        f"<th scope='col'>{h}</th>"
        for h in [
            "Name",
            "Team",
            "Role",
            "Relationship",
            "Importance",
            "Last contact",
            "Keep in touch",
            "Their work",
            "Tags",
        ]
    )
    return (
        f"<table class='peer-table'><caption class='sr-only'>Your peers</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def card_title(card_id: str) -> str:
    return card_id.replace("-", " ").capitalize()


def who_next_cards(ranked: Sequence[Suggestion]) -> str:
    """One card per suggestion: the person, why, what to do, and the guidance behind it."""
    if not ranked:
        return "<div class='empty-note'>Add peers to get suggestions.</div>"
    cards = []
    for n, s in enumerate(ranked, 1):
        team = f" <span class='muted'>· {e(s.team)}</span>" if s.team else ""
        cards.append(
            "<div class='card'>"
            f"<h4>{n}. {e(s.name)}{team} <span class='score chip chip-focus'>"
            f"score {s.score:g}</span></h4>"
            f"<p><span class='label'>Why:</span> {e(s.reason)}</p>"
            f"<p><span class='label'>Do:</span> {e(s.suggested_action)}</p>"
            f"<p><span class='label'>Guidance:</span> {e(card_title(s.card))}</p>"
            "</div>"
        )
    return f"<div class='cards'>{''.join(cards)}</div>"
