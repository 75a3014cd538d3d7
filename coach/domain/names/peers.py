"""How a typed name resolves to a peer: full name, unique first name, unique prefix, one typo.

`Roster(peers)` indexes anything with a name (peers, store rows, the people notes are about) by
its folded full, first and last name. Every place that turns a name into a person asks it: the
chat's finder, the meeting-notes matcher, retrieval, and the store's lookups (which keep their
SQL and ask the roster only what a first name or a typo means).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, Generic, Protocol, TypeVar

P = TypeVar("P")
MIN_PREFIX = 3  # "Pri" may mean Priya; "Pr" means nothing yet
MIN_TYPO = 4  # a typo is only read into names (and words) of four letters or more


class PeerLike(Protocol):
    """What the matchers need of a peer."""

    name: str
    team: str


# Letters NFKD does not take apart: without these 'Łukasz' would not fold to 'lukasz'.
FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-free form of a name: 'Łukasz' and 'lukasz' are the same key."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")


def key(name: str) -> str:
    """A typed name as the roster compares it: folded, one space between words, no '@'."""
    return " ".join(fold(name.strip().lstrip("@")).split())


def first_word(name: str) -> str:
    """The folded first name of a name ('' for an empty one)."""
    words = key(name).split()
    return words[0] if words else ""


def person_key(name: str) -> str:
    """The key a note's person is stored under in the notes index. Casefolded, not accent-
    folded: changing it would orphan notes indexed under the old key."""
    return name.casefold()


def one_edit(a: str, b: str) -> bool:
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


def _name(person: Any) -> str:
    return str(person.name)


class Roster(Generic[P]):
    """The people a name can mean, indexed once. `name` reads a person's name (default
    `.name`; pass `str` for plain names)."""

    def __init__(self, people: Iterable[P], name: Callable[[P], str] = _name) -> None:
        self.people = list(people)
        self.name = name
        self.full: dict[str, list[P]] = {}
        self.first: dict[str, list[P]] = {}
        self.last: dict[str, list[P]] = {}
        for person in self.people:
            words = key(name(person)).split()
            if not words:
                continue
            self.full.setdefault(" ".join(words), []).append(person)
            self.first.setdefault(words[0], []).append(person)
            if len(words) > 1:
                self.last.setdefault(words[-1], []).append(person)

    def named(self, name: str) -> list[P]:
        """Everyone whose full name this is."""
        return list(self.full.get(key(name), []))

    def first_named(self, name: str) -> list[P]:
        """Everyone whose first name this is ('Priya' -> Priya Shah, Priya Patel)."""
        k = key(name)
        return list(self.first.get(k, [])) if k and " " not in k else []

    def candidates(self, name: str) -> list[P]:
        """Who a name exactly means: its full name, else its first name (maybe several)."""
        return self.named(name) or self.first_named(name)

    def prefixed(self, name: str) -> list[P]:
        """Everyone whose name starts with what was typed ('Pri', 'Chen W'): full names first,
        then first names."""
        k = key(name)
        if len(k) < MIN_PREFIX:
            return []
        hits = [p for full, people in self.full.items() if full.startswith(k) for p in people]
        return hits or [p for f, people in self.first.items() if f.startswith(k) for p in people]

    def typos(self, name: str) -> list[P]:
        """Everyone whose full or first name is one typo away ('Marco Rosi', 'Priay')."""
        k = key(name)
        if len(k) < MIN_TYPO:
            return []
        out: list[P] = []
        for index in (self.full, self.first):
            for known, people in index.items():
                if len(known) >= MIN_TYPO and one_edit(k, known):
                    out += [p for p in people if p not in out]
        return out

    def resolve(self, name: str, prefix: bool = True, typo: bool = True) -> P | None:
        """The one person a typed name means: full name, unique first name, unique prefix,
        one typo; None when nobody or more than one fits."""
        exact = self.candidates(name)
        if exact:
            return exact[0] if len(exact) == 1 else None
        for rule, on in ((self.prefixed, prefix), (self.typos, typo)):
            found = rule(name) if on else []
            if found:
                return found[0] if len(found) == 1 else None
        return None

    def first_name_is_theirs(self, name: str) -> bool:
        """Does the first name alone mean this person? True when no one else shares it, so a
        note saved under 'Priya' is Priya Shah's."""
        first = first_word(name)
        return all(key(self.name(p)) == key(name) for p in self.first.get(first, []))
