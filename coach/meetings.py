"""Meeting notes in, suggestions out; saved to the log only when the user confirms."""

from __future__ import annotations

import hashlib
import html
import logging
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Field

from coach.components.container import Services
from coach.components.structured import ask_structured
from coach.components.validate import DOC_SUFFIXES, clean_text, read_document
from coach.domain.extract import due_in, extract, sentences
from coach.domain.meeting_model import ME, MeetingAnalysis, ModelSuggestions
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
    """Rules always; a capable model's suggestions are merged in, never trusted over them."""
    notes = read_notes(text)
    meeting = meeting or date.today()
    result = extract(notes, meeting, list_peers(services, owner))
    model, provider = services.chat_model, services.provider
    if model is not None and not provider.small:
        prompt = render(
            "meeting_analysis", date=meeting.isoformat(), notes=html.escape(notes[:20_000])
        )
        suggestions = ask_structured(model, prompt, ModelSuggestions)
        if suggestions is not None:
            result = merge(result, suggestions, notes)
    return result


def _in_text(name: str, text: str) -> bool:
    return bool(name) and (name == ME or name.split()[0].casefold() in text.casefold())


def merge(rules: MeetingAnalysis, model: ModelSuggestions, text: str) -> MeetingAnalysis:
    """Add what the model found that the rules missed, if it is grounded in the text.

    Names must appear in the notes; due dates are recomputed from the notes' own words, so a
    model cannot invent a person or a deadline.
    """
    out = rules.model_copy(deep=True)
    known = {(p.peer or p.name).split()[0].casefold() for p in out.people}

    def is_person(name: str) -> bool:
        return name == ME or name.split()[0].casefold() in known

    for person in model.people:
        if _in_text(person.name, text) and person.name.split()[0].casefold() not in known:
            out.people.append(person.model_copy(update={"peer": None}))
            known.add(person.name.split()[0].casefold())
    for c in model.commitments:
        if not (is_person(c.who) and _in_text(c.who, text)):
            continue
        sentence = next(
            (s for s in sentences(text) if c.what[:30].casefold() in s.casefold()), None
        )
        due, due_text = due_in(sentence, out.meeting_date) if sentence else (None, None)
        first = c.who.split()[0].casefold()
        if any(
            o.who.split()[0].casefold() == first
            and (o.what == sentence or (due is not None and o.due == due))
            for o in out.commitments
        ):
            continue  # the rules already have this promise
        out.commitments.append(
            c.model_copy(update={"due": due, "due_text": due_text, "what": sentence or c.what})
        )
    extras: list[tuple[str, list[Any], str]] = [
        ("celebrate", model.celebrate, "who"),
        ("info_to_share", model.info_to_share, "with_whom"),
        ("feedback_to_ask", model.feedback_to_ask, "whom"),
    ]
    for name, items, field in extras:
        current = getattr(out, name)
        seen = {getattr(i, field).split()[0].casefold() for i in current}
        for item in items:
            who = getattr(item, field)
            if is_person(who) and who.split()[0].casefold() not in seen:
                current.append(item)
                seen.add(who.split()[0].casefold())
    if not out.early_warnings:
        out.early_warnings = [
            w.model_copy(update={"who_depends": [d for d in w.who_depends if is_person(d)]})
            for w in model.early_warnings
        ]
    out.extractor = "rules+model"
    return out


# --- review and save ------------------------------------------------------------------------


class SaveChoice(BaseModel):
    """What the user ticked; by default everything suggested."""

    new_people: list[str] | None = None
    commitments: list[int] | None = None
    info_to_share: list[int] | None = None
    celebrate: list[int] | None = None
    feedback_to_ask: list[int] | None = None
    early_warnings: list[int] | None = None
    save_note: bool = True


class SaveReport(BaseModel):
    created: list[str] = Field(default_factory=list)
    already_saved: int = 0
    problems: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        parts = [f"Saved {len(self.created)} item(s)."]
        if self.already_saved:
            parts.append(f"{self.already_saved} were already saved from this meeting.")
        if self.problems:
            parts.append("Skipped: " + "; ".join(self.problems))
        return " ".join(parts)


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
        if peer_name(person.name):
            report.already_saved += 1
            continue
        add_peer(services, PeerIn(name=person.name, team=person.team or ""), owner)
        report.created.append(f"peer {person.name}")
    present = [n for p in analysis.people if (n := peer_name(p.peer or p.name))]
    if present:
        title = notes.strip().splitlines()[0][:150]
        view = log_interaction(
            services,
            present,
            "meeting",
            f"{title} (meeting notes)",
            day,
            owner,
            source_key=f"{key}:meeting",
        )
        if view.new:
            report.created.append(f"meeting with {', '.join(view.peers)}")
        else:
            report.already_saved += 1

    def follow(tag: str, peer: str | None, what: str, due: date | None, direction: str) -> None:
        _, created = add_follow_up(services, peer, what, due, direction, owner, f"{key}:{tag}")
        if created:
            report.created.append(f"follow-up: {what[:60]}")
        else:
            report.already_saved += 1

    for i, c in _chosen(analysis.commitments, choice.commitments):
        if c.who == ME:
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
