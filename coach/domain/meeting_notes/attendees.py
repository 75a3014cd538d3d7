"""Who was at the meeting: attendee blocks in any common shape, and speakers of transcripts.

`Attendees: a, b (Org)`, a heading "Present" over a list, "Us: … Them: …", a table of names,
`Michaël Zasso (@mzasso)`, `alice (Alice Smith)`, `Bob Wilson (BW)`: each entry becomes a
person the name matcher knows, with handle and initials as aliases.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from coach.domain.meeting_notes.structure import Unit
from coach.domain.name_words import handle_of
from coach.domain.names import LEADING, THING, NameMatcher, fold, is_given_name

ATTENDEE_LABEL = re.compile(
    r"^(?:[\w-]+\s+){0,5}?(?:attendees?|attendance|attending|in attendance|present|"
    r"participants?|people|"
    r"members(?: present)?|guests?|regrets|absent|apologies|cc|with|us|them|panel|panelists|"
    r"chairs?|co-?chairs?|facilitators?|scribes?|minute ?takers?|note ?takers?|notes? by|"
    r"moderators?|hosts?|invitees|also present|(?:committee|board|council|team|staff) members|"
    r"(?:tsc|wg|sig) members|speakers?|presenters?|recorder|secretary|people present|"
    r"(?:voting |observer |other )?(?:member )?(?:attendees|attendance))"
    r"(?:\s+(?:at\s+)?the\s+(?:meeting|call))?"  # "Attending the meeting: …"
    r"(?:\s*\([^)]*\))?$",
    re.I,
)
LABEL_WORDS = re.compile(  # labels that are never a speaker's name
    r"^(?:action|actions|ai|todo|note|notes|decision|decisions|outcome|resolution|resolved|"
    r"status|summary|agenda|topic|question|answer|q|a|proposal|next steps?|update|date|time|"
    r"location|where|when|owner|due|deadline|link|links|issue|pr|re|fyi|goal|goals|context|"
    r"background|problem|result|results|conclusion|vote|votes|voting|motion|minutes|meeting|"
    r"item|items|follow[- ]?ups?|next|consensus|discussion|agreement|agreed|announcements?|"
    r"reminders?|recap|tl;?dr|comments?|feedback|concerns?|risks?|blockers?|pros|cons|"
    r"options?|asks?|requests?|news|highlights|progress|plans?|scope|priorit\w*|timeline|"
    r"budget|cost|refs?|see|source|slides|recording|video|docs?|spec|draft|url|repo|tickets?|"
    r"bugs?|prs?|chat|call|zoom|attendees|present|regrets|agenda|intro|welcome|"
    # discourse labels: "Idea: ask the committee", "Example: …", "KIV: sort it out"
    r"ideas?|suggestions?|examples?|e\.?g|evidence|reasons?|solutions?|answers?|kiv|tbd|tbc|"
    r"n/?a|aside|caveat|warning|tip|hint|reminder|observation|finding|lesson|takeaway|"
    r"rationale|why|how|what|who|purpose|aim|objective|description|details?|definition|"
    r"alternatives?|approach|method|idea|where|also|however|nb|ps|update\s*\d*|"
    r"hash|version|comment)\b",  # "Hash: SHA512" in a signed file's armour
    re.I,
)
EMAIL = re.compile(r"<?[\w.+-]+@[\w-]+\.[\w.]+>?")
I_SAID = re.compile(r"\b(?:i|i['’]ll|i['’]m|i['’]ve|i['’]d|my|me)\b", re.I)
FIRST_PERSON = re.compile(r"\b(?:i|i['’]ll|i['’]m|i['’]ve|my|me|we|we['’]ll)\b", re.I)


@dataclass
class Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    team: str | None = None


# "Members in Attendance in Official Capacity", "Attendees for the Board": a qualified list
QUALIFIED = re.compile(
    r"^(?:[\w-]+\s+){0,3}(?:attendees|attendance|present)\s+(?:in|at|for|on|from)\s+"
    r"(?:the\s+)?(?:[\w-]+\s*){1,4}$",
    re.I,
)


def is_attendee_label(text: str) -> bool:
    label = text.strip().rstrip(":").strip("*_ ")
    return bool(ATTENDEE_LABEL.match(label) or QUALIFIED.match(label))


def attendee_units(units: list[Unit]) -> list[tuple[Unit, str]]:
    """(unit, the text listing names) for every line of an attendee block."""
    out = []
    for unit in units:
        takers = unit.label and fold_label(unit.label) in {"notes", "notetaker", "notetakers"}
        if takers and all_names(unit.value):  # "notes: Robin Marx" names the note takers
            out.append((unit, unit.value))
        elif unit.label and is_attendee_label(unit.label) and unit.value:
            # "Us: me, Priya. Them: Dana (AM)" is two labelled lists on one line
            for part in re.split(r"\.\s+(?=[A-Z][\w ]{0,20}:)", unit.value):
                out.append((unit, re.sub(r"^[\w ]{1,20}:\s*", "", part)))
        elif unit.kind != "heading" and is_attendee_label(unit.section) and not unit.label:
            if unit.kind == "row":
                out.append((unit, _row_entry(unit.cells)))
            elif unit.kind == "item" and re.match(r"[^,]+\s[^,]+,", _inner_commas(unit.text)):
                # one person per line: "Kimball Thurston - Chair, Weta Digital" names one
                out.append((unit, _inner_commas(unit.text).split(",")[0]))
            else:
                out.append((unit, unit.text))
    return out


def _inner_commas(text: str) -> str:
    """'Keyan (React, intern)' is one person: commas inside brackets do not separate people."""
    return re.sub(r"\(([^()]*)\)", lambda m: "(" + m.group(1).replace(",", ";") + ")", text)


def _row_entry(cells: dict[str, str]) -> str:
    """A table row of attendees as one entry: 'Kevin Gibbons (KG) (F5)'."""

    def cell(pattern: str) -> str:
        return next((v for k, v in cells.items() if re.search(pattern, k, re.I) and v), "")

    name = cell(r"name|who|attendee|person") or next(iter(cells.values()), "")
    alias = cell(r"abbrev|initials|handle|github|irc|nick|username")
    team = cell(r"org|company|affiliation|team|employer|represent")
    return name + (f" ({alias})" if alias else "") + (f" ({team})" if team else "")


def fold_label(label: str) -> str:
    return label.strip().rstrip(":").strip("*_ ").casefold()


def all_names(text: str) -> bool:
    parts = [p.strip() for p in re.split(r",|\band\b|&", text) if p.strip()]
    return bool(parts) and all(
        2 <= len(p.split()) <= 3 and all(w[0].isupper() for w in p.split()) for p in parts
    )


def entries(text: str) -> list[Entry]:
    """The people in one attendee line: 'Alice Smith (Google), @bob and Carol Wu (CW)'."""
    text = EMAIL.sub("", text)
    out: list[Entry | str] = []
    for part in re.split(r"\s*(?:[,;|·•]|\band\b|&)\s*(?![^()]*\))", text):
        part = part.strip(" .*_")
        entry = _entry(part)
        out.append(entry if entry else part)
    people = [e for e in out if isinstance(e, Entry)]
    if len(people) >= 2:  # "Adam, April, Bill": among names, a month or a word is a name too
        return [
            e if isinstance(e, Entry) else Entry(e)
            for e in out
            if isinstance(e, Entry) or re.fullmatch(r"[A-Z][a-z]{2,11}", e)
        ]
    return people


def _entry(part: str) -> Entry | None:
    aliases: list[str] = []
    team = None
    role = re.match(r"^(?:[^:()/]{1,40}:(?!//)\s*)+", part)  # "SIG Models: Ana Ruiz (Acme)"
    if role:
        part = part[role.end() :]
        if not part.strip() or re.match(r"\S+://", part):
            return None  # "WG Profiles:" with nobody named yet, "Bot: http://…" a link
    for inner in re.findall(r"[(\[]([^)\]]{1,60})[)\]]", part):
        inner = inner.strip()
        handle = re.fullmatch(r"@?[\w.-]{2,39}", inner) and (
            fold(inner) not in THING or _initials_of(inner, part)  # "Ann Poe (APP)", not "(API)"
        )
        if handle and (inner.startswith("@") or inner.isupper() or not inner[:1].isupper()):
            aliases.append(inner.lstrip("@"))
        elif _name_like(inner) and not _name_like(re.sub(r"[(\[].*", "", part)):
            aliases.append(re.sub(r"[(\[].*", "", part).strip())
            part = inner
        elif team is None and not re.search(r"\d", inner):
            team = inner
    name = re.sub(r"\s*[(\[].*?[)\]]", "", part).strip()
    name = re.split(r"\s+[-–—]\s+|\s*:\s*", name)[0].strip(" .")
    if fold(name) in {"me", "myself", "i", ""} or not _name_like(name):
        return None
    if re.fullmatch(r"\w+bot", name.casefold()):
        return None  # the meeting bot keeping the minutes
    return Entry(name.lstrip("@"), aliases, team)


def _initials_of(inner: str, part: str) -> bool:
    """'APP' for 'Addison Phillips': capitals that start with the name's first letter and
    hold its other initials in order."""
    words = re.split(r"\s+[-–—]\s+|[(\[]", part)[0].split()
    if not (inner.isupper() and 2 <= len(inner) <= 4 and words and len(words) <= 4):
        return False
    letters = iter(inner[1:])
    first = inner[0] == words[0][:1].upper()
    return first and all(any(c == w[:1].upper() for c in letters) for w in words[1:])


def _name_like(text: str) -> bool:
    words = text.strip().split()
    if not 1 <= len(words) <= 4:
        return False
    if any(fold(w) in THING or fold(w) in LEADING for w in words):
        return False
    if not all(re.fullmatch(r"@?[^\W\d_][\w.'’-]*", w) for w in words):
        return False
    if len(words) == 1:
        return True  # a first name or a handle
    return words[0][0].isupper() or words[0].startswith("@")


HANDLE = re.compile(r"(?<![\w@/.])@([^\W\d_][\w.-]{2,38})(?![\w/])")


def peer_handles(units: list[Unit], matcher: NameMatcher) -> None:
    """'@chenwei' is the peer Chen Wei: a handle made of exactly one peer's first and last
    names (folded, either order, or an initial and a name) is that peer, written as a handle."""
    for unit in units:
        for handle in HANDLE.findall(unit.text):
            handle = handle.rstrip(".-")
            if matcher.lookup(handle) is not None:
                continue
            peers = [p for p in matcher.peers if handle_of(handle, p.name)]
            if len(peers) == 1:
                matcher.add(peers[0].name, aliases=[handle])


def read_attendees(units: list[Unit], matcher: NameMatcher) -> list[str]:
    """Register everyone in the notes' attendee blocks; returns their names."""
    names = []
    for _, text in attendee_units(units):
        for entry in entries(text):
            names.append(matcher.add(entry.name, entry.aliases, entry.team).label)
    return list(dict.fromkeys(names))


def mark_speakers(units: list[Unit], matcher: NameMatcher) -> None:
    """'Yves: I'll contact you' is Yves speaking when the label is a person: a known name, a
    label used for several lines (a transcript), or one that speaks in the first person."""
    counts = Counter(
        _bare(u.label)
        for u in units
        if u.label and not u.speaker and _speaker_shaped(_bare(u.label))
    )
    # a transcript: several people speak more than once; then a name speaking once is one too
    transcript = sum(1 for label, n in counts.items() if n >= 2 and label[:1].isupper()) >= 3
    # lower-case handles speaking in turn ("nikomatsakis: …", "scottmcm: …") are a transcript too
    handles = sum(1 for label, n in counts.items() if n >= 2 and " " not in label) >= 3
    for unit in units:
        if unit.speaker:
            unit.speaker = matcher.add(unit.speaker).label
            continue
        label = _bare(unit.label) if unit.label else None  # "Tom Reed (Google): I'll …"
        if not label or not unit.value:
            continue
        known = matcher.lookup(label)
        # "APP: I will chase it" is the attendee listed with the initials APP
        initials = known is not None and label.isupper() and not LABEL_WORDS.match(label)
        if not _speaker_shaped(label) and not initials:
            continue
        repeated = counts[label] >= 2 and (label[0].isupper() or known is not None or handles)
        talks = bool(FIRST_PERSON.search(unit.value)) and (
            label[0].isupper() and (is_given_name(label.split()[0]) or len(label.split()) == 1)
        )
        once = transcript and label[:1].isupper() and len(label.split()) <= 2
        if known is not None or repeated or talks or once:
            unit.speaker = matcher.add(known.label if known else label).label
    said_by = {u.text: u.speaker for u in units if u.speaker and u.kind == "item"}
    for unit in units:  # "* MRB: emeritus invites" / "    * I will make the PR today"
        if not unit.speaker and unit.parent in said_by and I_SAID.search(unit.text):
            if unit.label is None:
                unit.speaker = said_by[unit.parent]


def _bare(label: str) -> str:
    return re.sub(r"\s*\([^()]{1,40}\)$", "", label)


def _speaker_shaped(label: str) -> bool:
    words = label.split()
    return (
        1 <= len(words) <= 3
        and not LABEL_WORDS.match(label)
        and not is_attendee_label(label)
        and not any(fold(w) in THING for w in words)
        and all(re.fullmatch(r"@?[^\W\d_][\w.'’-]*", w) for w in words)
        and (len(words) == 1 or all(w[0].isupper() for w in words))
    )
