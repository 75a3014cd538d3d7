"""Meeting notes in, suggestions out; saved to the log only when the user confirms."""

from __future__ import annotations

import hashlib
import html
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, Field

from coach.components.container import Services
from coach.components.structured import ask_structured
from coach.components.validate import DOC_SUFFIXES, clean_text, read_document
from coach.domain.extract import extract
from coach.domain.meeting_model import ME, MeetingAnalysis, ModelSuggestions
from coach.domain.meeting_notes.merge import merge as merge
from coach.domain.names import fold
from coach.domain.peers import PeerIn
from coach.errors import CoachError, InputError
from coach.rag.prompts import render
from coach.services.feedback import request_feedback
from coach.services.followups import add_follow_up
from coach.services.notes import add_note
from coach.services.peers import add_peer, get_peer, list_peers, log_interaction
from coach.store.db import LOCAL_OWNER

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_NOTES_CHARS = 100_000  # about 25 pages; longer is rarely one meeting
MAX_SAID_CHARS = 4_000  # what one person's note keeps of a long meeting


def read_notes(text: str | None = None, path: Path | None = None) -> str:
    """Pasted text or an uploaded .txt/.md/.docx/.pdf, checked, as plain text."""
    if path is not None:
        text = read_document(path, max_bytes=5_000_000, suffixes=DOC_SUFFIXES)
    if text is not None and len(text) > MAX_NOTES_CHARS:
        raise InputError(
            f"These notes are {len(text):,} characters; the limit is {MAX_NOTES_CHARS:,} "
            "(about 25 pages). Paste one meeting at a time."
        )
    return clean_text(text, "meeting notes", MAX_NOTES_CHARS)


# --- analysis -------------------------------------------------------------------------------


def analyze(
    services: Services, text: str, meeting: date | None = None, owner: str = LOCAL_OWNER
) -> MeetingAnalysis:
    """Rules always; a capable model's suggestions are merged in, never trusted over them.

    `meeting` is the date given in the form (today if none); a date the notes state wins."""
    notes = read_notes(text)
    peers = list_peers(services, owner)
    result = extract(notes, meeting or date.today(), peers)
    model, provider = services.chat_model, services.provider
    if model is not None and not provider.small:
        prompt = render(
            "meeting_analysis",
            date=result.meeting_date.isoformat(),
            notes=html.escape(notes[:20_000]),
        )
        suggestions = ask_structured(model, prompt, ModelSuggestions)
        if suggestions is not None:
            result = merge(result, suggestions, notes, peers)
    return result


# --- review and save ------------------------------------------------------------------------


class SaveChoice(BaseModel):
    """What "save" keeps, in the page, the chat and the CLI alike: every suggestion the user did
    not drop. The page's checklists start all ticked, the chat's "yes" drops nothing, and
    `coach notes analyze --save --skip commitments:2` drops what it names."""

    new_people: list[str] | None = None
    commitments: list[int] | None = None
    info_to_share: list[int] | None = None
    celebrate: list[int] | None = None
    feedback_to_ask: list[int] | None = None
    early_warnings: list[int] | None = None
    save_note: bool = True

    @classmethod
    def dropping(cls, analysis: MeetingAnalysis, skips: list[str]) -> SaveChoice:
        """Everything suggested except what `skips` names: a section ('celebrate', 'note'), or
        a section and the numbers shown beside its items ('commitments:2,3', 'people:1')."""
        choice = cls()
        sizes = {
            "people": len(analysis.people),
            **{k: len(getattr(analysis, k)) for k in SKIP_SECTIONS.values()},
        }
        for skip in skips:
            name, _, numbers = skip.partition(":")
            section = SKIP_SECTIONS.get(name.strip().lower(), name.strip().lower())
            if section == "note" and not numbers:
                choice.save_note = False
                continue
            if section not in sizes:
                known = ", ".join(["people", *SKIP_SECTIONS, "note"])
                raise InputError(f"Nothing called {name!r} to skip; use one of: {known}.")
            drop = (
                _numbers(numbers, sizes[section], skip) if numbers else set(range(sizes[section]))
            )
            if section == "people":
                kept = choice.new_people
                if kept is None:
                    kept = [p.name for p in analysis.people if p.is_new]
                gone = {analysis.people[i].name for i in drop}
                choice.new_people = [n for n in kept if n not in gone]
                continue
            current = getattr(choice, section)
            kept_items = range(sizes[section]) if current is None else current
            setattr(choice, section, [i for i in kept_items if i not in drop])
        return choice


# The names `--skip` takes, as the CLI prints its sections.
SKIP_SECTIONS = {
    "commitments": "commitments",
    "share": "info_to_share",
    "celebrate": "celebrate",
    "feedback": "feedback_to_ask",
    "risks": "early_warnings",
}


def _numbers(text: str, size: int, skip: str) -> set[int]:
    """'2,3' as zero-based indices, each checked against the items shown."""
    picked = set()
    for part in text.split(","):
        if not part.strip().isdigit() or not 1 <= int(part) <= size:
            raise InputError(f"{skip!r}: numbers run from 1 to {size} in that section.")
        picked.add(int(part) - 1)
    return picked


class SaveReport(BaseModel):
    created: list[str] = Field(default_factory=list)
    already_saved: int = 0
    problems: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        """What was saved where: 'Saved 3 follow-ups (Follow-ups tab), 1 new peer …'."""
        parts = [saved_where(self.created)]
        if self.already_saved:
            parts.append(f"{self.already_saved} were already saved from this meeting.")
        if self.problems:
            parts.append("Skipped: " + "; ".join(self.problems))
        return " ".join(parts)


def _count(n: int, word: str) -> str:
    plural = "es" if word.endswith("s") else "s"
    return f"{n} {word}{plural if n != 1 else ''}"


def saved_where(created: list[str]) -> str:
    """The created records grouped by kind, each with the place the page shows it."""
    peers = [c.removeprefix("peer ") for c in created if c.startswith("peer ")]
    meetings = [c.removeprefix("meeting with ") for c in created if c.startswith("meeting with")]
    cheers = sum(c.startswith("follow-up: Congratulate ") for c in created)
    follow_ups = sum(c.startswith("follow-up") for c in created) - cheers
    asks = sum(c.startswith("feedback request") for c in created)
    note = any(c == "searchable meeting note" for c in created)
    parts = []
    if follow_ups or cheers:
        kinds = [_count(follow_ups, "follow-up")] if follow_ups else []
        kinds += [_count(cheers, "success") + " to celebrate"] if cheers else []
        parts.append(f"{' and '.join(kinds)} (Follow-ups tab)")
    if peers:
        parts.append(f"{_count(len(peers), 'new peer')}: {', '.join(peers)} (Peers tab)")
    if meetings:
        parts.append(f"the meeting with {'; '.join(meetings)} as their last contact (Peers tab)")
    if asks:
        parts.append(f"{_count(asks, 'feedback request')} (Peers tab, Ask for feedback)")
    if note:
        parts.append("the notes themselves, so the chat can cite them")
    if not parts:
        return "Saved nothing new."
    return "Saved " + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] + "."


def meeting_key(text: str, meeting: date, owner: str) -> str:
    return hashlib.sha256(
        f"{owner}\x1f{meeting.isoformat()}\x1f{text.strip()}".encode()
    ).hexdigest()[:24]


def _chosen(items: list[T], picks: list[int] | None) -> list[tuple[int, T]]:
    return [(i, item) for i, item in enumerate(items) if picks is None or i in picks]


def save(
    services: Services,
    text: str,
    analysis: MeetingAnalysis,
    choice: SaveChoice | None = None,
    owner: str = LOCAL_OWNER,
) -> SaveReport:
    """Turn the ticked suggestions into peers, an interaction, follow-ups, feedback requests
    and a searchable note. Saving the same meeting twice creates nothing new."""
    choice = choice or SaveChoice()
    notes = read_notes(text)
    key = meeting_key(notes, analysis.meeting_date, owner)
    day = analysis.meeting_date
    report = SaveReport()

    def peer_name(name: str) -> str | None:
        if not name or name == ME:
            return None
        try:
            return get_peer(services, name, owner=owner).name
        except CoachError:
            return None

    new = [p for p in analysis.people if p.is_new]
    for person in new:
        if choice.new_people is not None and person.name not in choice.new_people:
            continue
        if not peer_name(person.name):
            try:
                add_peer(services, PeerIn(name=person.name, team=person.team or ""), owner)
                report.created.append(f"peer {person.name}")
                continue
            except InputError:  # added at this very moment by another save of this meeting
                pass
        report.already_saved += 1
    _save_people_notes(services, analysis, key, owner, peer_name, report)

    def follow(tag: str, peer: str | None, what: str, due: date | None, direction: str) -> None:
        _, created = add_follow_up(services, peer, what, due, direction, owner, f"{key}:{tag}")
        if created:
            report.created.append(f"follow-up: {what[:60]}")
        else:
            report.already_saved += 1

    for i, c in _chosen(analysis.commitments, choice.commitments):
        if c.who is None:  # nobody named: yours to keep an eye on, with whoever it involves
            other = next((n for n in map(peer_name, c.to_whom.split(", ")) if n), None)
            follow(f"c{i}", other, f"No owner named: {c.what}", c.due, "i_owe")
        elif c.who == ME:
            other = next((n for n in map(peer_name, c.to_whom.split(", ")) if n), None)
            follow(f"c{i}", other, c.what, c.due, "i_owe")
        else:
            follow(f"c{i}", peer_name(c.who), c.what, c.due, "they_owe")
    for i, info in _chosen(analysis.info_to_share, choice.info_to_share):
        follow(
            f"i{i}",
            peer_name(info.with_whom),
            f"Share with {info.with_whom}: {info.what}",
            None,
            "i_owe",
        )
    for i, win in _chosen(analysis.celebrate, choice.celebrate):
        follow(f"w{i}", peer_name(win.who), f"Congratulate {win.who}: {win.what}", None, "i_owe")
    for i, warn in _chosen(analysis.early_warnings, choice.early_warnings):
        if warn.raised_by and not warn.who_depends:
            follow(
                f"r{i}",
                peer_name(warn.raised_by),
                f"Follow up on this risk: {warn.what}",
                day,
                "i_owe",
            )
            continue
        for j, who in enumerate(warn.who_depends or [""]):
            follow(
                f"r{i}.{j}",
                peer_name(who),
                f"Tell {who or 'those who depend on it'} early: {warn.what}",
                day,
                "i_owe",
            )
    for i, fb in _chosen(analysis.feedback_to_ask, choice.feedback_to_ask):
        if not peer_name(fb.whom):
            report.problems.append(f"feedback on {fb.on_what}: {fb.whom} is not in your map")
            continue
        req = request_feedback(
            services, fb.whom, fb.on_what, fb.depth, owner=owner, source_key=f"{key}:f{i}"
        )
        if req.new:
            report.created.append(f"feedback request to {req.peer}")
        else:
            report.already_saved += 1
    if choice.save_note:
        saved = add_note(
            services,
            notes,
            None,
            day,
            owner,
            source="meeting",
            source_key=f"{key}:note",
            max_chars=MAX_NOTES_CHARS,
        )
        if saved.new:
            report.created.append("searchable meeting note")
        else:
            report.already_saved += 1
    return report


def _save_people_notes(
    services: Services,
    analysis: MeetingAnalysis,
    key: str,
    owner: str,
    peer_name: Callable[[str], str | None],
    report: SaveReport,
) -> None:
    """One note per person per meeting: the sentences that mention them. Attendees (everyone
    named, when the notes list no attendees) also get the meeting logged as a contact."""
    listed = any(p.attended for p in analysis.people)
    for person in analysis.people:
        name = peer_name(person.peer or person.name)
        if name is None:
            continue
        said = " ".join(dict.fromkeys(person.said))[:MAX_SAID_CHARS]
        summary = said or "At the meeting; the notes say nothing more about them."
        tag = f"{key}:person:{fold(name)}"
        if person.attended or not listed:
            view = log_interaction(
                services, [name], "meeting", summary, analysis.meeting_date, owner, tag
            )
            new = view.new
        else:
            new = add_note(
                services, summary, name, analysis.meeting_date, owner, "meeting", tag
            ).new
        if new:
            report.created.append(f"note about {name}")
        else:
            report.already_saved += 1
