"""Who a message means: one matcher for full names, first names, prefixes, typos and roles.

Pure: it is given the peers (name, role, team) and, optionally, a set of known words that
cannot be typos of a name ("sofa" is not "Sofia"). No database, no model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

WORD = re.compile(r"[A-Za-z][A-Za-z&]*(?:['’][A-Za-z]+)?")

# First names that are also everyday words: matched only when written with a capital letter.
WORDLIKE_NAMES = frozenset(
    """will mark rose grace joy hope faith may june april summer bill pat sue rob jack frank art
    dawn eve ray max sky amber ruby pearl iris ivy lily daisy hazel violet olive sage rich guy
    chase drew lance miles chip don dean gene glen grant heath herb holly hunter jean king carol
    chance cliff crystal ford harmony kit lane lee major mason melody penny reed rocky rod sandy
    sterling stone storm wade ward win wood bob sunny august autumn river rain bear buck cash
    faith love honor justice page dot al ed""".split()
)

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


class PeerLike(Protocol):
    name: str
    role: str
    team: str


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
class NameMatcher:
    """Finds peers in free text. Build once per peer list."""

    peers: Sequence[PeerLike]
    known_words: frozenset[str] = frozenset()
    _first: dict[str, list[str]] = field(default_factory=dict, init=False)
    _last: dict[str, list[str]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for peer in self.peers:
            parts = peer.name.casefold().split()
            if parts:
                self._first.setdefault(parts[0], []).append(peer.name)
            if len(parts) > 1:
                self._last.setdefault(parts[-1], []).append(peer.name)

    # --- names ------------------------------------------------------------------------------

    def find(self, text: str) -> list[PersonRef]:
        """Every peer the text names or describes, in order of appearance, each once."""
        refs: list[PersonRef] = []
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in taken)

        def add(ref: PersonRef) -> None:
            if free(ref.start, ref.end):
                refs.append(ref)
                taken.append((ref.start, ref.end))

        for peer in sorted(self.peers, key=lambda p: -len(p.name)):
            if " " not in peer.name.strip():
                continue
            for m in re.finditer(rf"(?<!\w){_flex(peer.name)}(?!\w)", text, re.I):
                add(PersonRef(peer.name, m.start(), m.end(), "full"))
        for ref in self._roles(text):
            add(ref)
        for m in WORD.finditer(text):
            token = re.sub(r"['’]s$", "", m.group(0))
            initial = not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in ".!?:\n"
            found = self._token(token, m.start(), m.start() + len(token), initial)
            if found is not None:
                add(found)
        refs.sort(key=lambda r: r.start)
        seen: set[str] = set()
        out = []
        for ref in refs:
            if ref.name not in seen:
                seen.add(ref.name)
                out.append(ref)
        return out

    def _token(self, token: str, start: int, end: int, initial: bool) -> PersonRef | None:
        low = token.casefold()
        capital = token[:1].isupper()
        # A capital mid-sentence marks a name even if it is also a word ("Marko", "Sofie").
        named = capital and not initial
        if low in self._first and (capital or low not in WORDLIKE_NAMES):
            names = self._first[low]
            return PersonRef(names[0], start, end, "first", tuple(names) if len(names) > 1 else ())
        if low in self._last and len(self._last[low]) == 1 and (capital or len(low) > 3):
            if low not in WORDLIKE_NAMES or capital:
                return PersonRef(self._last[low][0], start, end, "last")
        if len(low) < 3 or low in WORDLIKE_NAMES or (low in self.known_words and not named):
            return None
        prefixed = {
            n for first, names in self._first.items() if first.startswith(low) for n in names
        }
        if len(prefixed) == 1 and len(low) * 2 >= len(next(iter(prefixed)).split()[0]):
            return PersonRef(prefixed.pop(), start, end, "prefix")
        if len(low) >= 4:
            close = {
                n
                for first, names in self._first.items()
                if len(first) >= 4 and _one_edit(low, first)
                for n in names
            }
            if len(close) == 1:
                return PersonRef(close.pop(), start, end, "typo")
        return None

    # --- roles and teams --------------------------------------------------------------------

    def _roles(self, text: str) -> Iterable[PersonRef]:
        """'our lawyer', 'the PM', 'my finance partner': only when one peer fits."""
        aliases: dict[str, set[str]] = {}
        for peer in self.peers:
            role = peer.role.casefold().strip()
            if role:
                aliases.setdefault(role, set()).add(peer.name)
                for key, words in ROLE_ALIASES.items():
                    if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", role):
                        for word in words:
                            aliases.setdefault(word, set()).add(peer.name)
            team = peer.team.casefold().strip()
            if team:
                for word in TEAM_PERSON:
                    aliases.setdefault(f"{team} {word}", set()).add(peer.name)
        for alias in sorted(aliases, key=len, reverse=True):
            names = aliases[alias]
            if len(names) != 1:
                continue
            pattern = rf"\b{DETERMINER}\s+(?:[a-z]+\s+)?({re.escape(alias)})s?(?!\w)"
            for m in re.finditer(pattern, text, re.I):
                yield PersonRef(next(iter(names)), m.start(1), m.end(1), "role")

    def teams_in(self, text: str) -> list[str]:
        """Teams of the map the text speaks of as a group ('someone in finance', 'legal folks')."""
        found = []
        for team in sorted({p.team for p in self.peers if p.team}, key=len, reverse=True):
            t = re.escape(team)
            pattern = (
                rf"\b(?:in|from|on|at|of|with|across)\s+(?:the\s+|our\s+|my\s+)?{t}\b"
                rf"|\b{t}\s+(?:team|side|folks|people|org|group|department|dept|crew|peers|"
                rf"colleagues|contacts|world)\b"
            )
            if re.search(pattern, text, re.I):
                found.append(team)
        return found


def _flex(name: str) -> str:
    """A name as a pattern that allows any spacing between its parts."""
    return r"\s+".join(re.escape(part) for part in name.split())


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
