"""The meeting-notes name finder: peers, attendees, @handles, initials, nicknames, any letters.

`NameMatcher(peers, extra_names).find(text)` lists who a text mentions and learns the new names
it meets; `resolve(name)` asks the shared `Roster` which peer a typed name means. A capitalised
phrase is only a person when it is a known name, a first name with a surname, or the text treats
it as one ("Yves said", "thanks Sangwhan", "@erickzhao"); headings and organisations are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coach.domain.names.peers import PeerLike, Roster, fold
from coach.domain.names.words import (
    CUE_AFTER_STRONG,
    EVERYDAY,
    HONORIFIC,
    LEADING,
    NOT_HANDLES,
    PARTICLES,
    TEAM_AFTER,
    THING,
    TOKEN,
    adjacent,
    capitalised,
    cue,
    everyday_word,
    first_names,
    handle_of,
    is_given_name,
    name_key,
)


@dataclass(eq=False)
class Known:
    """A person the matcher knows: a peer, or someone the notes name."""

    name: str
    peer: PeerLike | None = None
    team: str | None = None
    aliases: set[str] = field(default_factory=set)
    written: list[str] = field(default_factory=list)  # handles and initials as written

    @property
    def label(self) -> str:
        return self.peer.name if self.peer else self.name


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str  # as written
    person: Known

    @property
    def name(self) -> str:
        return self.person.label


@dataclass
class _Alias:
    people: list[Known]
    rule: str  # any: any case; cap: capitalised in the text; exact: as written (initials)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", name.strip().lstrip("@")) if w]


class NameMatcher:
    """Finds people in text. Names it learns from the notes (attendees, speakers, new names)
    are remembered, so 'Jordan Lee' early on makes a later 'Jordan' the same person."""

    def __init__(self, peers: Sequence[PeerLike] = (), extra_names: Iterable[str] = ()) -> None:
        self.peers = list(peers)
        self.roster = Roster(self.peers)
        self._alias: dict[str, _Alias] = {}
        self.mentioned: list[Known] = []  # people found so far, first-seen order
        for peer in self.peers:
            self._register(Known(peer.name, peer, peer.team or None), in_notes=False)
        for name in extra_names:
            self.add(name)

    # --- the registry ----------------------------------------------------------------------

    def _set(self, key: str, person: Known, rule: str, front: bool) -> None:
        entry = self._alias.setdefault(key, _Alias([], rule))
        if person not in entry.people:
            entry.people.insert(0, person) if front else entry.people.append(person)
        if rule == "any" and entry.rule == "cap":
            entry.rule = "any"
        person.aliases.add(key)

    def _register(
        self, person: Known, in_notes: bool, extra: Iterable[str] = (), nick: bool = False
    ) -> Known:
        words = _words(person.name)
        if not words:
            return person
        full = name_key(" ".join(words))
        everyday = fold(words[0]) in EVERYDAY or fold(words[0]) in LEADING
        self._set(full, person, "cap" if len(words) == 1 and everyday else "any", in_notes)
        if len(words) > 1:
            self._set(fold(words[0]), person, "cap" if everyday else "any", in_notes)
            last = words[-1]
            if len(last) >= 3 and last[0].isupper():
                self._set(fold(last), person, "cap", in_notes)
            if len(words) > 2:
                self._set(name_key(" ".join(words[:2])), person, "any", in_notes)
            initials = "".join(w[0] for w in words if w[0].isupper())
            if len(initials) == len(words) and len(initials) in {2, 3}:
                self._set(initials, person, "exact", in_notes)
        for alias in extra:
            alias = alias.strip().lstrip("@")
            if alias and alias not in person.written and fold(alias) != full:
                person.written.append(alias)
            if alias.isupper() and len(alias) <= 4:
                self._set(alias, person, "exact", in_notes)
            elif alias:
                self._set(fold(alias), person, "any", in_notes)
        return person

    def add(
        self, name: str, aliases: Iterable[str] = (), team: str | None = None, peer_ok: bool = True
    ) -> Known:
        """Remember a person the notes name (an attendee, a speaker); returns who it is."""
        name = re.sub(r"\s+", " ", name.strip().lstrip("@")).strip(" .,;:")
        person = self.lookup(name) or (self._peer_person(name) if peer_ok else None)
        person = person or self.same_by_handle(name) or self._named(name)
        if person is None:
            person = self._register(Known(name, None, team), True, aliases)
        else:
            self._register(person, True, [*aliases, name])
            if len(_words(name)) > len(_words(person.name)) and person.peer is None:
                person.name = name
                self._register(person, True)
        if team and not person.team:
            person.team = team
        self._seen(person)
        return person

    def _named(self, name: str) -> Known | None:
        """'Matthew' again when two Matthews attended: the 'Matthew' already noted, not a new
        person each time."""
        entry = self._alias.get(name) or self._alias.get(name_key(name))
        people = entry.people if entry else []
        return next((k for k in people if fold(k.name) == fold(name)), None)

    def same_by_handle(self, name: str) -> Known | None:
        """A handle and a full name of the same person, whichever the notes gave first."""
        single = len(_words(name)) == 1
        first = fold(_words(name)[0]) if name.strip() else ""
        for known in self.mentioned:
            if single and handle_of(name, known.name):
                return known
            if not single and len(_words(known.name)) == 1 and known.peer is None:
                # "Omar" seen first, "Omar Haddad" later: one person, now with a surname
                if handle_of(known.name, name) or fold(known.name) == first:
                    return known
        return None

    def _peer_person(self, name: str) -> Known | None:
        peer = self.resolve(name, fuzzy=False)
        if peer is None:
            return None
        return next((k for e in self._alias.values() for k in e.people if k.peer is peer), None)

    def _seen(self, person: Known) -> None:
        if person not in self.mentioned:
            self.mentioned.append(person)

    def lookup(self, name: str) -> Known | None:
        """The known person an exact name or alias means, if exactly one."""
        raw = name.strip().lstrip("@")
        entry = self._alias.get(raw) or self._alias.get(name_key(raw))
        if entry is None:
            return None
        return self._pick(entry.people)

    def _pick(self, people: list[Known]) -> Known | None:
        if len(people) == 1:
            return people[0]
        present = [p for p in people if p in self.mentioned]
        return present[0] if len(present) == 1 else None

    # --- resolving a typed name to a peer -------------------------------------------------

    def resolve(self, name: str, fuzzy: bool = True) -> PeerLike | None:
        """The peer a name means: full name, unique first name, unique prefix, one typo."""
        return self.roster.resolve(name, typo=fuzzy)

    # --- finding names in text ------------------------------------------------------------

    def find(self, text: str, learn: bool = True, strict: bool = False) -> list[Match]:
        """Who `text` mentions, in order. `strict` (headings) only matches known names;
        `learn` remembers new names for later calls."""
        tokens = list(TOKEN.finditer(text))
        out: list[Match] = []
        i = 0
        while i < len(tokens):
            hit = self._known_at(text, tokens, i)
            if hit is not None:
                n, person = hit
                out.append(self._match(text, tokens[i].start(), tokens[i + n - 1].end(), person))
                i += n
                continue
            tok = tokens[i].group()
            if tok.startswith("@"):
                handle = tok[1:]
                after = text[tokens[i].end() : tokens[i].end() + 1]
                before = text[max(0, tokens[i].start() - 1) : tokens[i].start()]
                if fold(handle) not in NOT_HANDLES and after != "/" and not before.isalnum():
                    person = self.add(handle) if learn else Known(handle)
                    out.append(self._match(text, tokens[i].start(), tokens[i].end(), person, learn))
                i += 1
                continue
            if not strict and self._handle_at(text, tokens[i], i):
                person = self.add(tok) if learn else Known(tok)
                out.append(self._match(text, tokens[i].start(), tokens[i].end(), person, learn))
                i += 1
                continue
            n, start = self._new_name_at(text, tokens, i, out, strict)
            if n:
                first, last = tokens[start], tokens[start + n - 1]
                name = text[first.start() : last.end()]
                person = self.add(name, peer_ok=True) if learn else Known(name)
                out.append(self._match(text, first.start(), last.end(), person, learn))
                i = start + n
                continue
            i += 1
        return out

    def _match(self, text: str, start: int, end: int, person: Known, seen: bool = True) -> Match:
        if seen:
            self._seen(person)
        team = TEAM_AFTER.match(text, end)
        if team and not person.team and self.lookup(team.group(1)) is None:
            person.team = team.group(1).strip()  # "Dana Kim (Finance)"
        return Match(start, end, text[start:end], person)

    def _known_at(self, text: str, tokens: list[re.Match[str]], i: int) -> tuple[int, Known] | None:
        for n in (4, 3, 2, 1):
            span = tokens[i : i + n]
            if len(span) < n or not adjacent(text, span):
                continue
            written = " ".join(t.group().lstrip("@") for t in span)
            entry = self._alias.get(name_key(written))
            if entry is None:
                entry = self._alias.get(written) if written.isupper() else None
            if entry is None:
                continue
            first = span[0].group().lstrip("@")
            if entry.rule == "exact" and written not in self._alias:
                continue
            if entry.rule == "cap" and not first[0].isupper():
                continue
            if entry.rule == "cap" and n == 1 and i == 0 and not cue(text, span[0], strong=True):
                # "Will we ship?": a sentence-initial everyday word needs the text's help
                if fold(first) in EVERYDAY or fold(first) in LEADING:
                    continue
            person = self._pick(entry.people)
            if person is None:
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if (
                n == 1
                and person.peer is None
                and len(_words(person.name)) == 1
                and nxt is not None
                and adjacent(text, [span[0], nxt])
                and capitalised(nxt.group())
                and not everyday_word(nxt.group())
            ):  # "Omar" known, now "Omar Haddad": the same person, with a surname
                return 2, self.add(f"{person.name} {nxt.group()}")
            return n, person
        return None

    def _new_name_at(
        self, text: str, tokens: list[re.Match[str]], i: int, found: list[Match], strict: bool
    ) -> tuple[int, int]:
        """(length, first index) of an unknown name starting at token i, or (0, i)."""
        if strict or not capitalised(tokens[i].group()):
            return 0, i
        if re.search(
            r"\b[A-Z][\w-]*\s+of\s+(?:the\s+)?$",
            text[max(0, tokens[i].start() - 40) : tokens[i].start()],
        ):
            return 0, i  # "Trail of Bits", "Bank of America": the end of an organisation's name
        run = [tokens[i]]
        for tok in tokens[i + 1 : i + 6]:
            word = tok.group()
            if not adjacent(text, [run[-1], tok]):
                break
            if capitalised(word) or (word in PARTICLES and len(run) < 3):
                run.append(tok)
            else:
                break
        while run and run[-1].group() in PARTICLES:
            run.pop()
        words = [t.group() for t in run]
        title = [n for n in range(1, 3) if HONORIFIC.match(" ".join(words[:n]))]
        if title and len(words) > title[0] and not strict:
            # "Councilmember Ortiz", "Dr. Patel": a title and a surname name a person
            start = i + title[0]
            rest = words[title[0] :][:2]
            if not any(everyday_word(w) for w in rest):
                return len(rest), start
        if any(fold(w).rstrip("'s").rstrip("'") in THING for w in words):
            return 0, i + len(run) - 1 if len(run) > 1 else i
        lead = 0
        while lead < len(words) and fold(words[lead]) in LEADING:
            lead += 1
        words = words[lead:]
        start = i + lead
        if not words:
            return 0, i
        core = [w for w in words if w not in PARTICLES and len(w.rstrip(".")) > 1]
        if len(core) > 3 or len(words) > 5:
            return 0, i
        given = is_given_name(words[0])
        if len(words) >= 2 and (given or fold(words[0]) in first_names()):
            if all(not everyday_word(w) for w in words[1:]):
                return len(words), start
            words = words[:1]
        if len(words) >= 2:
            if cue(text, tokens[start + len(words) - 1], strong=True, before=tokens[start]):
                return len(words), start
            return 0, i
        tok = tokens[start]
        near_person = bool(found) and re.search(
            r"(?:,|\band|&|/)\s*$", text[found[-1].end : tok.start()]
        )
        if given and (cue(text, tok, strong=False) or near_person):
            return 1, start
        if cue(text, tok, strong=True) and not everyday_word(tok.group()):
            return 1, start
        return 0, i

    def _handle_at(self, text: str, tok: re.Match[str], i: int) -> bool:
        """A lower-case nick that the text treats as a person ("nikomatsakis proposed")."""
        word = tok.group()
        return (
            len(word) >= 3
            and word.islower()
            and not everyday_word(word)
            and bool(CUE_AFTER_STRONG.match(text[tok.end() : tok.end() + 40]))
            and (i == 0 or not re.search(r"\w\s*$", text[max(0, tok.start() - 3) : tok.start()]))
        )
