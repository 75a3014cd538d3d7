"""People and groups named by what they do: 'our lawyer', 'my finance partner', 'legal folks'.

A role or a team-and-word alias means a peer only when exactly one peer fits it; a team is
spoken of as a group ('someone in finance') or simply named ('Finance sync').
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from coach.domain.names.peers import PeerLike

# Ways people refer to a colleague by what they do, keyed by words that appear in roles.
ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "counsel": ("lawyer", "attorney", "legal counsel", "counsel", "legal person", "legal contact"),
    "lawyer": ("lawyer", "attorney", "counsel"),
    "product manager": ("pm", "product manager", "product person", "product lead", "product owner"),
    "product owner": ("po", "product owner", "product person"),
    "program manager": ("program manager", "tpm"),
    "account executive": (
        "ae",
        "account executive",
        "sales rep",
        "salesperson",
        "sales person",
        "account manager",
        "sales guy",
        "sales contact",
    ),
    "designer": ("designer", "design person", "ux designer", "ux person", "ui designer"),
    "data engineer": ("data engineer", "data person", "data guy", "data contact"),
    "data scientist": ("data scientist", "data person"),
    "engineer": ("engineer", "dev", "developer"),
    "support lead": ("support lead", "support person", "head of support", "support manager"),
    "fp&a analyst": (
        "fp&a analyst",
        "fp&a",
        "finance analyst",
        "analyst",
        "finance partner",
        "finance person",
        "finance contact",
        "finance business partner",
    ),
    "recruiter": ("recruiter", "talent partner", "hiring partner"),
    "hr": ("hr partner", "hrbp", "people partner", "hr person"),
    "architect": ("architect",),
    "analyst": ("analyst",),
}
# "my finance partner", "our legal contact": a team word followed by one of these.
TEAM_PERSON = (
    "partner",
    "person",
    "guy",
    "gal",
    "contact",
    "lead",
    "rep",
    "counterpart",
    "friend",
    "buddy",
    "colleague",
    "peer",
    "liaison",
)
DETERMINER = r"(?:my|our|the|that|this|your)"


class RolePeer(PeerLike, Protocol):
    """A peer with the role the chat reads aliases from."""

    role: str


def role_refs(peers: Sequence[RolePeer], text: str) -> Iterator[tuple[str, int, int]]:
    """(peer name, start, end) for 'our lawyer', 'the PM', 'my finance partner': only when one
    peer fits the alias."""
    aliases: dict[str, set[str]] = {}
    for peer in peers:
        role = peer.role.casefold().strip()
        team = peer.team.casefold().strip()
        for form in role_forms(role, team):
            aliases.setdefault(form, set()).add(peer.name)
        if role:
            for key, words in ROLE_ALIASES.items():
                if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", role):
                    for word in words:
                        aliases.setdefault(word, set()).add(peer.name)
        if team:
            for word in TEAM_PERSON:
                aliases.setdefault(f"{team} {word}", set()).add(peer.name)
    for alias in sorted(aliases, key=len, reverse=True):
        names = aliases[alias]
        if len(names) != 1:
            continue
        pattern = rf"\b{DETERMINER}\s+(?:[a-z]+\s+)?({re.escape(alias)})s?(?!\w)"
        for m in re.finditer(pattern, text, re.I):
            yield next(iter(names)), m.start(1), m.end(1)


def role_forms(role: str, team: str = "") -> set[str]:
    """The ways a role as typed in the map is said: 'the comms lead' is 'comms lead'; 'my IT
    contact (clinical apps analyst)' is either part; 'charge nurse on 4 West' is 'charge nurse';
    'pharmacy operations manager' is also 'operations manager' and, with the team, 'pharmacy
    manager'."""
    forms: set[str] = set()
    for part in re.split(r"[()/,;]", role):
        part = re.sub(rf"^\s*(?:{DETERMINER}|a|an)\s+", "", part.strip())
        part = re.split(r"\s+(?:on|for|at|in|of|from|with|to)\s+", part)[0].strip()
        words = part.split()
        if not words:
            continue
        forms.add(part)
        if len(words) >= 3:
            forms.add(" ".join(words[-2:]))
        if team and team.split()[0] not in words:
            forms.add(f"{team} {words[-1]}")
    return forms


def teams_in(teams: Iterable[str], text: str) -> list[str]:
    """Teams the text speaks of as a group ('someone in finance', 'legal folks'), longest
    first."""
    found = []
    for team in sorted(set(teams) - {""}, key=len, reverse=True):
        t = re.escape(team)
        pattern = (
            rf"\b(?:in|from|on|at|of|with|across)\s+(?:the\s+|our\s+|my\s+)?{t}\b"
            rf"|\b{t}\s+(?:team|side|folks|people|org|group|department|dept|crew|peers|"
            rf"colleagues|contacts|world)\b"
        )
        if re.search(pattern, text, re.I):
            found.append(team)
    return found


def teams_named(teams: Iterable[str], text: str) -> list[str]:
    """Teams whose name the text holds as a word of its own ('Finance sync', 'legal review')."""
    return [
        team
        for team in sorted(set(teams) - {""}, key=len, reverse=True)
        if re.search(rf"(?<!\w){re.escape(team)}(?!\w)", text, re.I)
    ]
