"""Retrieval: the guidance cards and the user's notes nearest a question, as citable sources."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel

from coach.components.container import Services
from coach.rag.knowledge import SHARED, owner_slug
from coach.rag.retrieval import known_people
from coach.store.db import LOCAL_OWNER

# Notes below this cosine similarity are about something else; citing them would mislead.
MIN_NOTE_SIMILARITY = 0.25


class Source(BaseModel):
    """One thing an answer rests on; printed under the answer and in --json."""

    kind: Literal["guidance", "note"]
    title: str
    id: str
    text: str
    score: float
    person: str | None = None
    date: str | None = None
    source: str | None = None

    @property
    def label(self) -> str:
        if self.kind == "guidance":
            return f"Guidance: {self.title}"
        who = f" about {self.person}" if self.person else ""
        return f"Your note{who}" + (f" ({self.date})" if self.date else "")


def people_in(question: str, people: list[str]) -> list[str]:
    """Known people whose name (or first name) the question mentions, case-insensitively."""
    found = []
    for person in people:
        names = {person, person.split()[0]}
        if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", question, re.I) for n in names):
            found.append(person)
    return found


def retrieve_guidance(
    services: Services, question: str, k: int | None = None, owner: str = LOCAL_OWNER
) -> list[Source]:
    """Nearest cards: the shipped ones and the owner's own files, nobody else's."""
    k = k or services.settings.guidance_k
    visible: Any = {"owner": {"$in": [SHARED, owner_slug(owner)]}}
    hits = services.guidance_store.similarity_search_with_score(question, k=k * 2, filter=visible)
    best: dict[str, Source] = {}
    for doc, distance in hits:
        meta = doc.metadata
        card_id = str(meta.get("card_id") or meta.get("doc_id"))
        if card_id in best:
            continue  # one entry per card: its nearest chunk
        best[card_id] = Source(
            kind="guidance",
            title=str(meta.get("title", card_id)),
            id=card_id,
            text=doc.page_content,
            score=round(1.0 - float(distance), 4),
            source=str(meta.get("source", "")),
        )
    return list(best.values())[:k]


def retrieve_notes(
    services: Services, question: str, owner: str = LOCAL_OWNER, k: int | None = None
) -> list[Source]:
    """Notes about people the question names first, then the nearest other notes."""
    k = k or services.settings.notes_k
    store = services.notes_store_for(owner)
    named = people_in(question, known_people(services, owner))
    vector = services.embeddings.embed_query(question)  # once, for every query below
    hits = []
    for person in named:
        where = {"person_key": person.casefold()}
        hits += [
            (d, s, True)
            for d, s in store.similarity_search_by_vector_with_relevance_scores(
                vector, k=k, filter=where
            )
        ]
    hits += [
        (d, s, False)
        for d, s in store.similarity_search_by_vector_with_relevance_scores(vector, k=k)
    ]
    seen: set[str] = set()
    sources = []
    for doc, distance, about_named in hits:
        meta = doc.metadata
        note_id = str(meta.get("note_id"))
        similarity = 1.0 - float(distance)
        if note_id in seen or (not about_named and similarity < MIN_NOTE_SIMILARITY):
            continue
        seen.add(note_id)
        sources.append(
            Source(
                kind="note",
                title=f"Note about {meta['person']}" if meta.get("person") else "Note",
                id=note_id,
                text=doc.page_content,
                score=round(similarity, 4),
                person=str(meta.get("person") or "") or None,
                date=str(meta.get("date", "")),
            )
        )
    return sources[:k]


def retrieve(services: Services, question: str, owner: str = LOCAL_OWNER) -> list[Source]:
    """Notes first; a question about a person searches the guidance with their latest note too,
    so "What could I offer Priya?" finds the card that fits what Priya is doing."""
    notes = retrieve_notes(services, question, owner)
    about = [n for n in notes if n.person and people_in(question, [n.person])]
    query = f"{question} {about[0].text}" if about else question
    return retrieve_guidance(services, query, owner=owner) + notes
