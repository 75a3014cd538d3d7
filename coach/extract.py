"""The deterministic meeting-notes extractor: people, commitments, wins, needs, risks.

Rules over sentences, no model: it always runs, and its names and dates are the ones a model's
suggestions are checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import dateparser
from dateutil.relativedelta import FR, relativedelta

from coach.domain.feedback import choose_depth
from coach.domain.meeting_model import (
    ME,
    Celebrate,
    Commitment,
    EarlyWarning,
    FeedbackToAsk,
    InfoToShare,
    MeetingAnalysis,
    Person,
    PersonOpener,
)
from coach.domain.peers import PeerView

BULLET = re.compile(r"^\s*(?:[-*•‣–>]|\d+[.)]|\[[ x]\])\s*")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
NAME = re.compile(r"\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)?)\b")
ATTENDEES = re.compile(
    r"^(attendees|attending|panel|present|participants|people|cc|with|us|them)"
    r"\s*:\s*(.+)$",
    re.I,
)
# A capitalised word is a name when what follows it is something people do.
NAME_CUE = re.compile(
    r"^\s*(?:\((?!the |a |an )[^)]{1,30}\)|'s\b|will\b|'ll\b|to\s+[a-z]+|owes?\b|said\b|says\b|asked\b|mentioned\b|"
    r"shipped\b|launched\b|closed\b|joins?\b|joined\b|wants?\b|needs?\b|presented\b|promised\b|"
    r"agreed\b|is\s+(?:starting|leaving|joining|moving|taking|out|back|worried|blocked)\b|"
    r"got\b|from\s+[a-z]+\b)"
)
NOT_PERSON_AFTER = re.compile(
    r"^\s+(?:contract|renewal|deal|account|product|platform|plan|api|app|team|project|launch|"
    r"release|roadmap|dashboard|integration|migration|tool|report|inc|ltd|llc)\b",
    re.I,
)
ORG_WORDS = {
    "analytics",
    "inc",
    "labs",
    "corp",
    "systems",
    "group",
    "software",
    "technologies",
    "health",
    "bank",
    "partners",
    "solutions",
    "cloud",
    "capital",
    "ltd",
    "llc",
    "media",
    "studio",
    "studios",
    "consulting",
    "review",
    "recap",
    "plan",
    "launch",
    "update",
    "sync",
    "meeting",
    "call",
    "notes",
    "team",
    "page",
    "design",
    "roadmap",
}
PRECEDING_CUE = re.compile(r"(?:\bwith|\bw/|\bcc:?|\bintro to|\bmet)\s*$", re.I)
STOPWORDS = {
    "a",
    "actions",
    "action",
    "add",
    "agenda",
    "ai",
    "also",
    "and",
    "api",
    "april",
    "august",
    "backend",
    "budget",
    "but",
    "candidate",
    "coffee",
    "cross",
    "data",
    "december",
    "decisions",
    "design",
    "discussed",
    "done",
    "engineering",
    "feb",
    "february",
    "finance",
    "follow",
    "for",
    "friday",
    "from",
    "great",
    "hiring",
    "i",
    "ignore",
    "integration",
    "it",
    "january",
    "july",
    "june",
    "legal",
    "let",
    "lunch",
    "march",
    "marketing",
    "may",
    "me",
    "meeting",
    "monday",
    "my",
    "new",
    "next",
    "no",
    "not",
    "notes",
    "november",
    "october",
    "ok",
    "our",
    "platform",
    "please",
    "product",
    "project",
    "q1",
    "q2",
    "q3",
    "q4",
    "recap",
    "retro",
    "sales",
    "saturday",
    "september",
    "she",
    "he",
    "they",
    "we",
    "so",
    "sprint",
    "standup",
    "status",
    "suggestion",
    "sunday",
    "support",
    "sync",
    "talked",
    "team",
    "the",
    "then",
    "this",
    "thursday",
    "today",
    "todo",
    "tomorrow",
    "tuesday",
    "update",
    "wednesday",
    "weekly",
    "what",
    "when",
    "where",
    "who",
    "why",
    "yes",
    "you",
    "your",
    "dec",
    "nov",
    "oct",
    "jan",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "hi",
    "hey",
    "thanks",
    "fyi",
    "re",
    "ceo",
    "cto",
    "vp",
    "panel",
    "attendees",
    "present",
    "weaker",
    "stronger",
    "panelists",
    "there",
    "here",
}
ME_COMMIT = re.compile(
    r"\b(?:i'll|i will|i'm going to|i am going to|i need to|i must|i owe|i promised|i'd like to|"
    r"we'll|we will|i can)\b|^(?:action|ai|todo|to do)(?:\s+(?:me|mine|@me))?\s*[:\-]|^me\s*(?:->|:|-|to)\s*|"
    r"\+\s*me\b|^follow[- ]up with\b",
    re.I,
)
THEY_COMMIT = (
    r"(?:will\b|'ll\b|to\s+(?!me\b|us\b)[a-z]+\b|owes?\b|promised\b|agreed to\b|is going to\b)"
)
DUE = re.compile(
    r"\b(?:by|before|due)\s+((?:end of (?:the )?(?:day|week|month))|eod|eow|eom|"
    r"(?:next|this)\s+\w+|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+"
    r"[A-Za-z]{3,9}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{4}-\d{2}-\d{2}|[A-Za-z]+)"
    r"|\b(today|tonight|tomorrow|tmrw|tmr|next week|this week|eod|eow|end of (?:the )?week)\b",
    re.I,
)
WIN = re.compile(
    r"\b(launched|shipped|closed|promoted|won|released|went live|signed|hit|"
    r"finished|completed|cut|delivered|landed|exceeded)\b|🎉",
    re.I,
)
NEED = re.compile(
    r"\b(is starting|starting|asked (?:about|whether|how|if)|looking for|"
    r"needs?|wants? to know|new to|struggling with|is worried about|worried about|"
    r"blocked on)\b",
    re.I,
)
RISK = re.compile(
    r"\b(late|delay(?:ed)?|slip(?:ped|ping)?|behind|at risk|won't make|"
    r"pushed back|amber|red)\b",
    re.I,
)
DEPENDS = re.compile(r"\b(depend\w*|rel(?:y|ies|ying) on|waiting (?:on|for)|need\w* it)\b", re.I)
OURS = re.compile(r"\b(we|our|us|i|my)\b", re.I)
MY_WORK = re.compile(
    r"\bmy\s+((?:growth |launch |draft |project |)(?:plan|proposal|draft|deck|"
    r"design|doc|spec|roadmap|write-?up|strategy|review))\b"
    r"|\bI(?:'m| am)\s+(?:working on|drafting|writing)\s+([^.,;]+)",
    re.I,
)
PRONOUN = re.compile(r"^(she|he|they|her|his|their)\b", re.I)
ABBREV = {
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tues": "tuesday",
    "tue": "tuesday",
    "thurs": "thursday",
    "thur": "thursday",
    "thu": "thursday",
    "wed": "wednesday",
    "fri": "friday",
    "mon": "monday",
    "sat": "saturday",
    "sun": "sunday",
}


@dataclass
class Mention:
    person: Person
    key: str  # lower-case name as written
    first: str  # lower-case first name, for matching "Jordan" to "Jordan Lee"


@dataclass
class Context:
    peers: list[PeerView]
    people: dict[str, Mention] = field(default_factory=dict)

    def add(self, name: str, peer: PeerView | None, team: str | None) -> Mention:
        key = (peer.name if peer else name).casefold()
        if key not in self.people:
            self.people[key] = Mention(
                Person(name=name, peer=peer.name if peer else None, team=team), key, key.split()[0]
            )
        elif team and not self.people[key].person.team:
            self.people[key].person.team = team
        return self.people[key]


TIMESTAMP = re.compile(r"^\[?\d{1,2}:\d{2}(?::\d{2})?\s?(?:[AaPp][Mm])?\]?\s+")
# Chat exports: "Chen Wei  9:20 AM  @marco I'll pull them today"
SPEAKER = re.compile(r"^([A-Z][a-z]+(?: [A-Z][a-z]+)?|me|Me)\s+\d{1,2}:\d{2}\s?(?:[AaPp][Mm])?\s+")
FIRST_PERSON = re.compile(r"\b(?:I'll|I will|I'm going to|I can|I need to)\b")


def speaker_lines(text: str) -> list[tuple[str | None, str]]:
    """(speaker, sentence) pairs: bullets, timestamps and chat headers removed."""
    out = []
    for line in text.splitlines():
        line = TIMESTAMP.sub("", BULLET.sub("", line).strip())
        speaker = None
        m = SPEAKER.match(line)
        if m:
            speaker = None if m.group(1).lower() == "me" else m.group(1)
            line = line[m.end() :]
            line = re.sub(r"^(?:@\w+[\s,:]+)+", "", line)  # who the chat message is addressed to
        line = line.strip()
        if line:
            out += [(speaker, s.strip()) for s in SENTENCE.split(line) if s.strip()]
    return out


def sentences(text: str) -> list[str]:
    return [s for _, s in speaker_lines(text)]


def resolve_due(phrase: str, meeting: date) -> date | None:
    """'Friday' on Monday 2026-11-23 -> 2026-11-27; 'next week' -> 2026-11-30."""
    text = phrase.strip().lower().rstrip(".!")
    text = ABBREV.get(text, text)
    if text in {"today", "tonight", "eod", "end of day", "end of the day"}:
        return meeting
    if text in {"eow", "end of week", "end of the week", "this week"}:
        return meeting + relativedelta(weekday=FR(0))
    if text in {"eom", "end of month", "end of the month"}:
        return meeting + relativedelta(day=31)
    found = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.combine(meeting, datetime.min.time()),
            "PREFER_DATES_FROM": "future",
            "DATE_ORDER": "MDY",
            "REQUIRE_PARTS": [],
        },
    )
    return found.date() if found else None


def due_in(sentence: str, meeting: date) -> tuple[date | None, str | None]:
    for match in DUE.finditer(sentence):
        phrase = match.group(1) or match.group(2)
        when = resolve_due(phrase, meeting)
        if when:
            return when, match.group(0).strip()
    return None, None


def _peer_patterns(peers: list[PeerView]) -> list[tuple[re.Pattern[str], PeerView]]:
    firsts: dict[str, int] = {}
    for p in peers:
        firsts[p.name.split()[0].casefold()] = firsts.get(p.name.split()[0].casefold(), 0) + 1
    pats = []
    for p in sorted(peers, key=lambda p: -len(p.name)):
        names = [re.escape(p.name)]
        if firsts[p.name.split()[0].casefold()] == 1:
            names.append(re.escape(p.name.split()[0]))
        pats.append((re.compile(rf"(?<![\w])@?(?:{'|'.join(names)})(?![\w])", re.I), p))
    return pats


def find_people(
    sentence: str, ctx: Context, patterns: list[tuple[re.Pattern[str], PeerView]]
) -> list[Mention]:
    """Known peers (any case, first names, @name) and capitalised names that act like people."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for rx, peer in patterns:
        for m in rx.finditer(sentence):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(ctx.add(m.group(0).lstrip("@"), peer, _team_after(sentence, m.end())))
    for m in NAME.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        name = m.group(1)
        words = name.split()
        if words[0].casefold() in STOPWORDS:
            if len(words) == 1:
                continue
            name, words = words[1], words[1:]
            if name.casefold() in STOPWORDS:
                continue
        known = next(
            (
                mn
                for mn in ctx.people.values()
                if mn.first == name.casefold() or mn.key == name.casefold()
            ),
            None,
        )
        if known:
            found.append(known)
            continue
        after, before = sentence[m.end() :], sentence[: m.start()]
        if NOT_PERSON_AFTER.match(after) or (len(words) == 2 and words[1].casefold() in ORG_WORDS):
            continue
        if len(words) == 2 or NAME_CUE.match(after) or PRECEDING_CUE.search(before):
            found.append(ctx.add(name, None, _team_after(sentence, m.end())))
    return _unique(found)


def _unique(items: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            out.append(item)
    return out


def _team_after(sentence: str, end: int) -> str | None:
    m = re.match(r"\s*\(([A-Za-z][\w &/-]{1,30})\)|\s+from\s+([a-z][\w&-]+)\b", sentence[end:])
    if not m:
        return None
    team = (m.group(1) or m.group(2)).strip()
    return None if team.casefold() in {"me", "us", "my", "the"} else team


def attendee_people(
    line: str, ctx: Context, patterns: list[tuple[re.Pattern[str], PeerView]]
) -> list[Mention]:
    m = ATTENDEES.match(line)
    if not m:
        return []
    out = []
    for part in re.split(r",|\band\b|&|;|\.\s+\w+:", m.group(2)):
        part = part.strip()
        name = re.sub(r"\s*\(.*\)\s*$", "", part).strip().strip(".")
        if not name or name.casefold() in {"me", "myself", "i"}:
            continue
        team = _team_after(part, len(name))
        peer = next((p for rx, p in patterns if rx.fullmatch(name)), None)
        out.append(ctx.add(name, peer, team))
    return out


def _label(m: Mention) -> str:
    return m.person.peer or m.person.name


def extract(text: str, meeting: date, peers: list[PeerView]) -> MeetingAnalysis:
    """Analyse meeting notes with rules alone."""
    ctx = Context(peers)
    patterns = _peer_patterns(peers)
    result = MeetingAnalysis(meeting_date=meeting)
    last_people: list[Mention] = []
    for speaker, sentence in speaker_lines(text):
        if speaker:  # in a chat export, "I'll" is the speaker's promise, not mine
            sentence = FIRST_PERSON.sub(f"{speaker} will", sentence, count=1)
            if not sentence.casefold().startswith(speaker.casefold()):
                sentence = (
                    f"{speaker}: {sentence}" if not FIRST_PERSON.search(sentence) else sentence
                )
        people = attendee_people(sentence, ctx, patterns) or find_people(sentence, ctx, patterns)
        if not people and PRONOUN.match(sentence):
            people = last_people
        if people:
            last_people = people
        _commitments(sentence, people, meeting, result)
        _wins_needs_risks(sentence, people, ctx, result)
    result.people = [m.person for m in ctx.people.values()]
    result.openers = _openers(result, text, peers)
    result.cards = _cards(result)
    return result


def _subject(sentence: str, people: list[Mention]) -> Mention | None:
    """The person a sentence is about, when it starts with them."""
    for m in people:
        for name in {m.key, m.first, m.person.name.casefold()}:
            if re.match(rf"^@?{re.escape(name)}(?:'s)?\b", sentence.strip().casefold()):
                return m
    return None


def _commitments(
    sentence: str, people: list[Mention], meeting: date, result: MeetingAnalysis
) -> None:
    due, due_text = due_in(sentence, meeting)
    subject = _subject(sentence, people)
    others = [_label(m) for m in people]
    if ME_COMMIT.search(sentence) and not (
        subject
        and re.match(rf"^@?{re.escape(subject.person.name)}\s+{THEY_COMMIT}", sentence, re.I)
    ):
        result.commitments.append(
            Commitment(who=ME, to_whom=", ".join(others), what=sentence, due=due, due_text=due_text)
        )
        return
    if subject and (
        re.search(rf"^@?\S+(?:\s+\S+)?\s+{THEY_COMMIT}", sentence, re.I)
        or (due and not WIN.search(sentence))
    ):
        if re.search(r"\b(out|away|off|ooo)\b", sentence, re.I) and not re.search(
            THEY_COMMIT, sentence, re.I
        ):
            return  # "lena out fri" is an absence, not a promise
        result.commitments.append(
            Commitment(who=_label(subject), to_whom=ME, what=sentence, due=due, due_text=due_text)
        )


def _wins_needs_risks(
    sentence: str, people: list[Mention], ctx: Context, result: MeetingAnalysis
) -> None:
    subject = _subject(sentence, people) or (
        people[0] if people and PRONOUN.match(sentence) else None
    )
    if WIN.search(sentence) and subject and not re.match(r"^(i|we)\b", sentence, re.I):
        result.celebrate.append(Celebrate(who=_label(subject), what=sentence))
    need = NEED.search(sentence)
    if need and people and not re.match(r"^(i|we)\b", sentence, re.I):
        who = subject or people[0]
        result.info_to_share.append(
            InfoToShare(
                what=re.split(r"\s+[-—]\s+|;", sentence[need.start() :])[0].rstrip("."),
                with_whom=_label(who),
                why=f"{_label(who).split()[0]} {need.group(0).lower()} this; what you know could "
                "save them time",
            )
        )
    if RISK.search(sentence) and (OURS.search(sentence) or not people) and not subject:
        depends = [_label(m) for m in people]
        for clause in re.split(r"[;,]", sentence):  # "support depends on it": that team too
            if not DEPENDS.search(clause):
                continue
            for peer in ctx.peers:
                if peer.team and re.search(rf"\b{re.escape(peer.team)}\b", clause, re.I):
                    depends.append(peer.name)
        if not depends:
            depends = [_label(m) for m in ctx.people.values()]
        result.early_warnings.append(
            EarlyWarning(what=sentence, who_depends=list(dict.fromkeys(depends)))
        )
    work = MY_WORK.search(sentence)
    if work:
        thing = (work.group(1) and f"my {work.group(1)}") or work.group(2)
        whom = [_label(m) for m in people] or [_label(m) for m in ctx.people.values()][:1]
        result.feedback_to_ask.append(
            FeedbackToAsk(
                whom=whom[0] if whom else "a peer who knows this work",
                on_what=thing.strip(),
                depth=choose_depth(thing),
            )
        )


def _openers(result: MeetingAnalysis, text: str, peers: list[PeerView]) -> list[PersonOpener]:
    """One opener per person for the next conversation: a win beats a worry beats a topic."""
    from coach.domain.openers import WIN as WIN_WORDS
    from coach.domain.openers import clause_with, template_openers, topic_of

    out = []
    lines = [
        re.sub(r"^(?:action|ai|todo|to do)\s*[:\-]\s*", "", s, flags=re.I) for s in sentences(text)
    ]
    for person in result.people:
        label = person.peer or person.name
        first = label.split()[0].casefold()
        # what they are doing: sentences about them, not promises either way or attendee lists
        about = [
            s
            for s in reversed(lines)
            if s.casefold().lstrip("@").startswith(first)
            and not ME_COMMIT.search(s)
            and not re.search(rf"^\S+(?:\s+\S+)?\s+{THEY_COMMIT}", s, re.I)
        ]
        now = datetime.now()
        mapped = next((p for p in peers if p.name == person.peer), None)
        view = mapped or PeerView(
            id=label, name=label, team=person.team or "", created_at=now, updated_at=now
        )
        win = next((w for w in result.celebrate if w.who == label), None)
        need = next((i for i in result.info_to_share if i.with_whom == label), None)
        if win:
            clause = clause_with(WIN_WORDS, win.what, label) or topic_of(win.what, label)
            text_ = f'Congratulations on the news ("{clause}")! What made it work?'
        elif need:
            text_ = (
                f'You mentioned "{topic_of(need.what, label)}". Is there anything I know or '
                "have that would help?"
            )
        else:
            text_ = template_openers(view, about[:3], "chance encounter")[0].text
        out.append(PersonOpener(person=label, text=text_))
    return out


def _cards(result: MeetingAnalysis) -> list[str]:
    cards = []
    if any(p.is_new for p in result.people):
        cards.append("map-your-peers")
    if result.commitments:
        cards.append("reciprocity")
    if result.info_to_share:
        cards.append("share-information-proactively")
    if result.celebrate:
        cards.append("celebrate-peer-successes")
    if result.feedback_to_ask:
        cards += ["choose-feedback-depth", "frame-feedback-benefit"]
    if result.early_warnings:
        cards.append("tell-dependants-early")
    return cards
