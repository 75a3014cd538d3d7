"""Who a message means: peers found in free text by full name, first name, last name, prefix,
typo or role, the way the chat and retrieval read a question.

Pure: it is given the peers (name, role, team) and, optionally, a set of known words that
cannot be typos of a name ("sofa" is not "Sofia"). Which peer a name, prefix or typo means is
the `Roster`'s decision; this module only says where in the text a name stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coach.domain.names.peers import Roster, first_word, key
from coach.domain.names.roles import RolePeer, role_refs, teams_in
from coach.domain.names.words import WORDLIKE_NAMES

# Words after which a person is named: "ask grace", "ran into bo", "lunch w hope".
NAME_SLOT = re.compile(
    r"\b(?:ask|asking|asked|tell|told|ping|pinged|message|messaged|email|emailed|call|called|"
    r"text|texted|meet|met|into|thank|thanked|see|saw)\s+$"
    # "with" only after time spent together: "say no with grace" is a manner, not a person.
    r"|\b(?:lunch|coffee|dinner|meeting|chat|talk|talked|spoke|speak|call|sync|1:1|help|"
    r"catch up|caught up|met up|check in|sit down)(?:\s+about)?\s+(?:with|w/?)\s+$",
    re.I,
)
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|&)*(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class PersonRef:
    """A peer the text refers to, where, and how it was recognised."""

    name: str
    start: int
    end: int
    how: str  # full | first | last | prefix | typo | role
    candidates: tuple[str, ...] = ()  # set when a first name fits more than one peer

    @property
    def by_name(self) -> bool:
        return self.how != "role"


@dataclass
class PeerFinder:
    """Finds peers in free text. Build once per peer list."""

    peers: Sequence[RolePeer]
    known_words: frozenset[str] = frozenset()
    roster: Roster[RolePeer] = field(init=False)

    def __post_init__(self) -> None:
        self.roster = Roster(self.peers)

    def find(self, text: str) -> list[PersonRef]:
        """Every peer the text names or describes, in order of appearance, each once."""
        seen: set[str] = set()
        out = []
        for ref in self.mentions(text):
            if ref.name not in seen:
                seen.add(ref.name)
                out.append(ref)
        return out

    def mentions(self, text: str) -> list[PersonRef]:
        """Every mention of a peer, in order: a full name first, then roles, then single words
        (first and last names, prefixes, typos) where no longer mention stands."""
        refs: list[PersonRef] = []
        taken: list[tuple[int, int]] = []

        def add(ref: PersonRef) -> None:
            if all(ref.end <= s or ref.start >= e for s, e in taken):
                refs.append(ref)
                taken.append((ref.start, ref.end))

        for peer in sorted(self.peers, key=lambda p: -len(p.name)):
            if WORD.fullmatch(peer.name.strip()):
                continue  # one plain word: the word pass below reads it, with its rules
            for m in re.finditer(rf"(?<!\w){_flex(peer.name)}(?!\w)", text, re.I):
                add(PersonRef(peer.name, m.start(), m.end(), "full"))
        for name, start, end in role_refs(self.peers, text):
            add(PersonRef(name, start, end, "role"))
        for m in WORD.finditer(text):
            token = re.sub(r"['’]s$", "", m.group(0))
            initial = not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in ".!?:\n"
            slot = bool(NAME_SLOT.search(text[max(0, m.start() - 20) : m.start()]))
            found = self._token(token, m.start(), m.start() + len(token), initial, slot)
            if found is not None:
                add(self._by_team(found, text))
        return sorted(refs, key=lambda r: r.start)

    def _by_team(self, ref: PersonRef, text: str) -> PersonRef:
        """'the facilities Daniel', 'Daniel from compliance': the team says which Daniel."""
        if not ref.candidates:
            return ref
        before, after = text[max(0, ref.start - 30) : ref.start], text[ref.end : ref.end + 40]
        fits = []
        for name in ref.candidates:
            peer = next(p for p in self.peers if p.name == name)
            t = re.escape(peer.team.strip())
            if t and (
                re.search(rf"(?<!\w){t}\s+$", before, re.I)
                or re.match(rf"\s*(?:\(|from|in|on|at|of)\s*(?:the\s+)?{t}(?!\w)", after, re.I)
            ):
                fits.append(name)
        if len(fits) == 1:
            return PersonRef(fits[0], ref.start, ref.end, ref.how)
        return ref

    def _token(
        self, token: str, start: int, end: int, initial: bool, slot: bool = False
    ) -> PersonRef | None:
        low = key(token)
        # "ran into grace", "ask will": where a person goes, a lower-case name still names one.
        capital = token[:1].isupper() or slot
        # A capital mid-sentence marks a name even if it is also a word ("Marko", "Sofie").
        named = capital and not initial
        wordlike = low in WORDLIKE_NAMES
        firsts = [p.name for p in self.roster.first_named(low)]
        if firsts and (capital or not wordlike):
            return PersonRef(
                firsts[0], start, end, "first", tuple(firsts) if len(firsts) > 1 else ()
            )
        lasts = self.roster.last.get(low, [])
        if len(lasts) == 1 and (capital or len(low) > 3) and (capital or not wordlike):
            return PersonRef(lasts[0].name, start, end, "last")
        if len(low) < 3 or wordlike or (low in self.known_words and not named):
            return None
        # Typing part of a name counts once it is half the first name ("Pri" for Priya).
        prefixed = {p.name for p in self.roster.prefixed(low)}
        if len(prefixed) == 1 and len(low) * 2 >= len(first_word(next(iter(prefixed)))):
            return PersonRef(prefixed.pop(), start, end, "prefix")
        close = {p.name for p in self.roster.typos(low)}
        if len(close) == 1:
            return PersonRef(close.pop(), start, end, "typo")
        return None

    def teams_in(self, text: str) -> list[str]:
        """Teams of the map the text speaks of as a group ('someone in finance', 'legal folks')."""
        return teams_in((p.team for p in self.peers), text)


@dataclass
class _Person:
    name: str
    role: str = ""
    team: str = ""


def people_in(text: str, people: Iterable[str]) -> list[str]:
    """The people (plain names, such as those notes are about) the text names by full or first
    name, in the order given. A first name two people share names both; a name saved as the
    first name alone ('Priya') is named too when the text names 'Priya Shah'."""
    people = list(people)
    named: set[str] = set()
    for ref in PeerFinder([_Person(p) for p in people]).mentions(text):
        if ref.how in {"full", "first"}:
            named.update(ref.candidates or (ref.name,))
    firsts = {first_word(n) for n in named}
    return [p for p in people if p in named or (" " not in p.strip() and key(p) in firsts)]


def _flex(name: str) -> str:
    """A name as a pattern that allows any spacing between its parts."""
    return r"\s+".join(re.escape(part) for part in name.split())
