"""One name matcher: peers, attendees, @handles, initials, nicknames and names in any letters.

`NameMatcher(peers, extra_names).find(text)` lists who a text mentions; `resolve(name)` finds
the peer a typed name means (first name, unique prefix, a small typo). A capitalised phrase is
only a person when it is a known name, a first name with a surname, or the text treats it as
one ("Yves said", "thanks Sangwhan", "@erickzhao"); headings and organisations are not people.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

TOKEN = re.compile(r"@[\w][\w.-]*\w|@\w|[^\W\d_]\w*(?:-\w+)*(?:['’][^\W\d_]{2,}\w*)*")
PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du"}
PARTICLES |= {"bin", "ibn", "al", "el", "ten", "ter", "dos", "das", "y"}
NOT_HANDLES = {"here", "channel", "everyone", "all", "team", "me", "mention", "mentions"}
# Words that start a sentence or a heading, never a name ("With Dana Kim" -> "Dana Kim").
LEADING = set(
    "a an the this that these those with w met meet meeting thanks thank thx cc hi hey hello "
    "dear ask asked ping tell told per by from for and or but so if when then also re fyi "
    "action actions ai todo note notes agenda attendees present next new old our my your his "
    "her their its we i you he she they it yes no ok okay please see call sync update review "
    "intro welcome congrats congratulations discussed talked everyone everybody someone "
    "somebody anyone nobody all both folks people each most many some none who what which "
    "there here others other one has have had was were is are did does do been being can "
    "could should would must may might shall will january february march april june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct "
    "nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu "
    "thur thurs fri sat sun today tomorrow yesterday tonight".split()
)
# Words that make a capitalised phrase an organisation, a heading or a thing, not a person.
THING = set(
    "inc ltd llc gmbh corp co company foundation institute university college school "
    "committee council board group team teams working wg sig tsc tag chair chairs "
    "meeting meetings minutes notes agenda summary update updates review reviews sync call "
    "calls standup retro planning plan plans roadmap limits limit term terms election "
    "elections vote voting proposal proposals process policy policies charter report "
    "reports status project projects program programme release releases version spec "
    "specs draft drafts editor editors issue issues bug bugs pr prs repo repository api "
    "apis sdk app apps platform service services server servers cloud labs systems "
    "software technologies analytics health bank partners solutions capital media studio "
    "studios consulting network networks foundation's conference summit day days week "
    "weeks month year quarter q1 q2 q3 q4 upcoming next past previous new old open "
    "closed general other misc miscellaneous action actions items item decisions decision "
    "discussion topics topic questions question announcements news face contract renewal "
    "deal account product launch dashboard integration migration tool tools support "
    "sales marketing finance legal engineering design research security infrastructure "
    "operations ops devrel community governance steering technical documentation docs "
    "website blog newsletter office hours session sessions workshop tutorial demo "
    "street avenue road city county state department division unit center centre motion "
    "staff consensus".split()
)
# Given names that are everyday words or month names: a capital letter alone is not enough.
EVERYDAY = set(
    "will may mark june april august grant page bill chase joy rose sky dawn ray jack frank "
    "max don ivy lane hope faith grace summer winter autumn art guy rich young long green "
    "brown gray grey white black star rock major general price case sunny angel hunter "
    "trinity eden jade amber pearl violet lily daisy holly iris olive hazel sage blaze "
    "carter taylor cooper parker walker fisher baker miller smith wright turner harper "
    "tanner gardner mason porter marshall dean atlas meta tor arch hugo travis apollo nova "
    "luna sol orion aurora venus mars stella sterling doc link min".split()
)
SPEECH = (
    r"said|says|asked|asks|mentioned|noted|suggested|suggests|proposed|"
    r"proposes|explained|reported|agreed|agrees|volunteered|offered|confirmed|confirms|"
    r"thinks|thought|wondered|replied|responded|presented|shared|raised|pointed|"
    r"clarified|commented|argued|stated|recommended|recommends|objected|seconded|"
    r"summarized|summarised|demoed|introduced|wrote|owes|promised"
)
CUE_AFTER_STRONG = re.compile(rf"^(?:\s*,)?\s+(?:{SPEECH})\b|^,\s+who\s+[a-z]")
CUE_AFTER = re.compile(
    rf"^(?:\s*,)?\s+(?:{SPEECH}|will|would|can|could|should|has|had|was|is|needs?|wants?|"
    r"got|gave|took|did|does|started|finished|shipped|launched|closed|fixed|merged|opened|"
    r"filed|sent|wrote|made|led|leads|owns|reviewed|approved|starts|started|joins|joined|left|"
    r"leaves|says)\b|^['’](?:s|ll)\b|^\s*\((?:@|[a-z])"
)
CUE_TO = re.compile(
    r"^\s+to\s+(?!(?:the|a|an|this|that|these|those|his|her|their|our|my|your|its|be|do|face|"
    r"me|us|them|him|it)\b)[a-z]{3,}"
)
CUE_BEFORE = re.compile(
    r"(?:\b(?:with|w/|thanks|thank|thx|cc:?|ask|asked|ping|tell|told|by|from|and|per|via|to|"
    r"@mention|owner:?|assignee:?|assigned to|for)\s+|[,(]\s*)$",
    re.I,
)
TEAM_AFTER = re.compile(r"\s*\(([A-Za-z][\w &/-]{1,30})\)(?!\s*:)")
FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


class PeerLike(Protocol):
    name: str
    team: str


def fold(text: str) -> str:
    """Case- and accent-free form of a name: 'Łukasz' and 'lukasz' are the same key."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")


def _key(text: str) -> str:
    """An alias key: folded, initials without their dots ('michael b johnson')."""
    return re.sub(r"\b(\w)\.(?=\s|$)", r"\1", fold(text))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names in Latin and Cyrillic letters (from Faker's lists, see the data file)."""
    path = Path(__file__).parent / "data" / "first_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(n) for n in lines if n and not n.startswith("#"))


def is_given_name(word: str) -> bool:
    return fold(word) in first_names() and fold(word) not in EVERYDAY


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
        full = _key(" ".join(words))
        everyday = fold(words[0]) in EVERYDAY or fold(words[0]) in LEADING
        self._set(full, person, "cap" if len(words) == 1 and everyday else "any", in_notes)
        if len(words) > 1:
            self._set(fold(words[0]), person, "cap" if everyday else "any", in_notes)
            last = words[-1]
            if len(last) >= 3 and last[0].isupper():
                self._set(fold(last), person, "cap", in_notes)
            if len(words) > 2:
                self._set(_key(" ".join(words[:2])), person, "any", in_notes)
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
        person = person or self.same_by_handle(name)
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

    def same_by_handle(self, name: str) -> Known | None:
        """A handle and a full name of the same person, whichever the notes gave first."""
        single = len(_words(name)) == 1
        first = fold(_words(name)[0]) if name.strip() else ""
        for known in self.mentioned:
            if single and _handle_of(name, known.name):
                return known
            if not single and len(_words(known.name)) == 1 and known.peer is None:
                # "Omar" seen first, "Omar Haddad" later: one person, now with a surname
                if _handle_of(known.name, name) or fold(known.name) == first:
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
        entry = self._alias.get(raw) or self._alias.get(_key(raw))
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
        """The peer a name means: full name, unique first name, unique prefix, small typo."""
        key = fold(name.strip().lstrip("@"))
        if not key:
            return None
        full = {fold(p.name): p for p in self.peers}
        if key in full:
            return full[key]
        firsts = [p for p in self.peers if fold(p.name).split()[0] == key]
        if len(firsts) == 1:
            return firsts[0]
        if len(key) >= 3:
            prefix = [p for k, p in full.items() if k.startswith(key)]
            prefix = prefix or [p for p in self.peers if fold(p.name).split()[0].startswith(key)]
            if len(prefix) == 1:
                return prefix[0]
        if fuzzy and len(key) >= 4:
            close = difflib.get_close_matches(key, list(full), n=2, cutoff=0.85)
            if len(close) == 1:
                return full[close[0]]
            by_first = {fold(p.name).split()[0]: p for p in self.peers}
            close = difflib.get_close_matches(key, list(by_first), n=2, cutoff=0.8)
            if len(close) == 1 and len(firsts) == 0:
                return by_first[close[0]]
        return None

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
                    out.append(self._match(text, tokens[i].start(), tokens[i].end(), person))
                i += 1
                continue
            if not strict and self._handle_at(text, tokens[i], i):
                person = self.add(tok) if learn else Known(tok)
                out.append(self._match(text, tokens[i].start(), tokens[i].end(), person))
                i += 1
                continue
            n, start = self._new_name_at(text, tokens, i, out, strict)
            if n:
                first, last = tokens[start], tokens[start + n - 1]
                name = text[first.start() : last.end()]
                person = self.add(name, peer_ok=True) if learn else Known(name)
                out.append(self._match(text, first.start(), last.end(), person))
                i = start + n
                continue
            i += 1
        return out

    def _match(self, text: str, start: int, end: int, person: Known) -> Match:
        self._seen(person)
        team = TEAM_AFTER.match(text, end)
        if team and not person.team and self.lookup(team.group(1)) is None:
            person.team = team.group(1).strip()  # "Dana Kim (Finance)"
        return Match(start, end, text[start:end], person)

    def _known_at(self, text: str, tokens: list[re.Match[str]], i: int) -> tuple[int, Known] | None:
        for n in (4, 3, 2, 1):
            span = tokens[i : i + n]
            if len(span) < n or not _adjacent(text, span):
                continue
            written = " ".join(t.group().lstrip("@") for t in span)
            entry = self._alias.get(_key(written))
            if entry is None:
                entry = self._alias.get(written) if written.isupper() else None
            if entry is None:
                continue
            first = span[0].group().lstrip("@")
            if entry.rule == "exact" and written not in self._alias:
                continue
            if entry.rule == "cap" and not first[0].isupper():
                continue
            if entry.rule == "cap" and n == 1 and i == 0 and not _cue(text, span[0], strong=True):
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
                and _adjacent(text, [span[0], nxt])
                and _capitalised(nxt.group())
                and not _everyday_word(nxt.group())
            ):  # "Omar" known, now "Omar Haddad": the same person, with a surname
                return 2, self.add(f"{person.name} {nxt.group()}")
            return n, person
        return None

    def _new_name_at(
        self, text: str, tokens: list[re.Match[str]], i: int, found: list[Match], strict: bool
    ) -> tuple[int, int]:
        """(length, first index) of an unknown name starting at token i, or (0, i)."""
        if strict or not _capitalised(tokens[i].group()):
            return 0, i
        run = [tokens[i]]
        for tok in tokens[i + 1 : i + 6]:
            word = tok.group()
            if not _adjacent(text, [run[-1], tok]):
                break
            if _capitalised(word) or (word in PARTICLES and len(run) < 3):
                run.append(tok)
            else:
                break
        while run and run[-1].group() in PARTICLES:
            run.pop()
        words = [t.group() for t in run]
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
            if all(not _everyday_word(w) for w in words[1:]):
                return len(words), start
            words = words[:1]
        if len(words) >= 2:
            if _cue(text, tokens[start + len(words) - 1], strong=True, before=tokens[start]):
                return len(words), start
            return 0, i
        tok = tokens[start]
        near_person = bool(found) and re.search(
            r"(?:,|\band|&|/)\s*$", text[found[-1].end : tok.start()]
        )
        if given and (_cue(text, tok, strong=False) or near_person):
            return 1, start
        if _cue(text, tok, strong=True) and not _everyday_word(tok.group()):
            return 1, start
        return 0, i

    def _handle_at(self, text: str, tok: re.Match[str], i: int) -> bool:
        """A lower-case nick that the text treats as a person ("nikomatsakis proposed")."""
        word = tok.group()
        return (
            len(word) >= 3
            and word.islower()
            and not _everyday_word(word)
            and bool(CUE_AFTER_STRONG.match(text[tok.end() : tok.end() + 40]))
            and (i == 0 or not re.search(r"\w\s*$", text[max(0, tok.start() - 3) : tok.start()]))
        )


def _adjacent(text: str, span: list[re.Match[str]]) -> bool:
    """Words of one name: one space apart, or an initial's dot ("Michael B. Johnson")."""
    return all(
        text[a.end() : b.start()] in {" ", "\u00a0"}
        or (text[a.end() : b.start()] == ". " and len(a.group()) == 1 and a.group().isupper())
        for a, b in zip(span, span[1:])
    )


def _handle_of(handle: str, full: str) -> bool:
    """'jcorgan', 'pbrobinson', 'jonasschnelli', 'Luke-jr' as handles of a full name."""
    h = re.sub(r"[\W_\d]+", "", fold(handle))
    words = [re.sub(r"[\W_]+", "", w) for w in fold(full).split()]
    if len(words) < 2 or len(h) < 4:
        return False
    first, last = words[0], words[-1]
    if h in {first + last, last + first, first[0] + last, last + first[0], first + last[0]}:
        return True
    if h.endswith(last) and 1 <= len(h) - len(last) <= 3 and h[0] == first[0]:
        return True
    rest = h[len(first) :]
    return h.startswith(first) and len(rest) >= 2 and last.endswith(rest)


def _capitalised(word: str) -> bool:
    word = word.lstrip("@")
    return word[:1].isupper() and not (word.isupper() and len(word) > 1)


def _everyday_word(word: str) -> bool:
    key = fold(word)
    return key in THING or key in LEADING or key in EVERYDAY


def _cue(
    text: str, tok: re.Match[str], strong: bool, before: re.Match[str] | None = None
) -> bool:
    """Does the text treat the word at `tok` as a person ("X said", "thanks X", "X will")?"""
    after = text[tok.end() : tok.end() + 40]
    start = (before or tok).start()
    prior = text[max(0, start - 20) : start]
    if CUE_AFTER_STRONG.match(after):
        return True
    if re.search(r"\b(?:thanks|thank you|thx|cc:?)\s*$", prior, re.I):
        return True
    if strong:
        return False
    listed = re.match(r"^(?:\s*,|\s+(?:and|&))\s+[A-Z]", after)
    return bool(CUE_AFTER.match(after) or CUE_BEFORE.search(prior) or listed)
