"""The deterministic meeting-notes extractor: structure first, then people, actions, the rest.

No model: it always runs, and its names and dates are the ones a model's suggestions are
checked against. Steps: parse the notes (notes_structure), take the meeting date from their
header (meeting_dates), learn who was there (attendees), find actions (action_items), then
wins, needs and risks (meeting_insights).
"""

from __future__ import annotations

import re
from datetime import date

from coach.domain.meeting_model import ME, Commitment, MeetingAnalysis, Person
from coach.domain.meeting_notes.actions import Action, find_actions
from coach.domain.meeting_notes.attendees import (
    attendee_units,
    mark_speakers,
    peer_handles,
    read_attendees,
)
from coach.domain.meeting_notes.dates import date_in_header, undated_deadline
from coach.domain.meeting_notes.dates import due_in as due_in
from coach.domain.meeting_notes.insights import Said, add_insights, cards, openers
from coach.domain.meeting_notes.phrasing import task_of, without_due
from coach.domain.meeting_notes.structure import Unit, parse, sentences_of
from coach.domain.names import NameMatcher
from coach.domain.peers import PeerView

PRONOUN = re.compile(r"^(she|he|they|her|his|their)\b", re.I)


def sentences(text: str) -> list[str]:
    """Every sentence of the notes, in reading order (speaker names kept)."""
    return [s for unit in parse(text) for s in sentences_of(unit.text)]


def extract(text: str, meeting: date, peers: list[PeerView]) -> MeetingAnalysis:
    """Analyse meeting notes with rules alone. `meeting` is the form's date; a date stated at
    the top of the notes wins."""
    units = parse(text)
    when, when_text = date_in_header(units, meeting)
    matcher = NameMatcher(peers)
    peer_handles(units, matcher)
    attendees = read_attendees(units, matcher)
    mark_speakers(units, matcher)
    actions = find_actions(units, matcher, when)  # owners it names become known names
    said = _attribute(units, matcher)
    result = MeetingAnalysis(meeting_date=when, date_text=when_text)
    owners = [a.owner for a in actions if a.owner and a.owner != ME]
    result.people = _people(matcher, attendees + owners, said)
    written = {p.name: tuple(p.aliases) for p in result.people}
    result.commitments = [_commitment(a, said, written) for a in actions]
    add_insights(result, said, peers, attendees)
    # a win or a worry with nobody's promise in it is listed once, as the win or the worry
    flagged = [w.what for w in result.early_warnings] + [c.what for c in result.celebrate]
    result.commitments = [
        c
        for c in result.commitments
        if c.who or not any((c.as_written or c.what) in f for f in flagged)
    ]
    result.openers = openers(result, said, peers)
    result.cards = cards(result)
    return result


def _attribute(units: list[Unit], matcher: NameMatcher) -> list[Said]:
    """Each sentence with the people it names and the one it is about."""
    header_units = {id(u) for u, _ in attendee_units(units)}
    body = [u for u in units if u.kind != "meta"]
    if body and (body[0].kind == "heading" or _title_like(body[0].text) and len(body) > 1):
        header_units.add(id(body[0]))
    out: list[Said] = []
    last: list[str] = []
    for unit in units:
        if unit.kind == "meta":
            continue
        strict = unit.kind == "heading"
        for sentence in sentences_of(unit.text):
            found = matcher.find(sentence, strict=strict)
            people = list(dict.fromkeys(m.name for m in found))
            body_start = len(unit.speaker) + 2 if unit.speaker and unit.label else 0
            subject = unit.speaker
            if not subject:
                first = next((m for m in found if m.start <= body_start + 1), None)
                subject = first.name if first else None
            if subject is None and PRONOUN.match(sentence) and last:
                subject, people = last[0], people or last
            if unit.speaker and unit.speaker not in people:
                people.insert(0, unit.speaker)
            if people:
                last = [subject] if subject else people
            out.append(Said(sentence, people, subject, header=id(unit) in header_units))
    return out


def _title_like(text: str) -> bool:
    """'Sync with Ana Lima', 'Standup 23 Nov': a first line that names the meeting."""
    return len(text.split()) <= 12 and not re.search(r"[.!?]$", text.strip())


def _people(matcher: NameMatcher, attendees: list[str], said: list[Said]) -> list[Person]:
    named = {p for s in said for p in s.people} | set(attendees)
    out = []
    for known in matcher.mentioned:
        if known.label not in named or known.label == ME:
            continue
        out.append(
            Person(
                name=known.name,
                peer=known.peer.name if known.peer else None,
                team=known.team,
                aliases=list(known.written),
                attended=known.label in attendees,
                said=[s.text for s in said if known.label in s.people and not s.header],
            )
        )
    return out


def _commitment(
    action: Action, said: list[Said], written: dict[str, tuple[str, ...]]
) -> Commitment:
    others = [p for s in said if s.text in action.what or action.what in s.text for p in s.people]
    others = [p for p in dict.fromkeys(others) if p != action.owner]
    if action.owner == ME:
        to_whom = ", ".join(others)
    elif action.owner is None:
        to_whom = ", ".join(others)
    else:
        to_whom = ME
    due_text = action.due_text or (None if action.due else undated_deadline(action.what))
    return Commitment(
        who=action.owner,
        to_whom=to_whom,
        what=without_due(
            task_of(action.what, action.owner, written.get(action.owner or "", ())), due_text
        ),
        due=action.due,
        due_text=due_text,
        as_written=action.what,
    )
