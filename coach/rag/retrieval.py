"""Retrieval: the guidance cards and the user's notes nearest a question, as citable sources."""

from __future__ import annotations

import math
from typing import Any

from coach.components.container import Services
from coach.domain.names import people_in, person_key
from coach.rag.hybrid import DENSE_K, DenseHit, GuidanceMatch, fuse
from coach.rag.knowledge import SHARED, owner_slug
from coach.rag.library import library_for
from coach.rag.sources import Source, known_people
from coach.store.db import LOCAL_OWNER

__all__ = ["Source", "known_people", "retrieve", "retrieve_guidance", "retrieve_notes"]

# Notes below this cosine similarity are about something else; citing them would mislead.
MIN_NOTE_SIMILARITY = 0.25


def retrieve_guidance(
    services: Services,
    question: str,
    k: int | None = None,
    owner: str = LOCAL_OWNER,
    vector: list[float] | None = None,
    extra: str = "",
) -> list[Source]:
    """Best-fitting cards, by dense and lexical search fused: the shipped ones and the owner's
    own files, nobody else's. `extra` (a note about the person asked about) widens the search
    without counting towards how well a card fits the question."""
    match = match_guidance(services, question, owner, vector, extra)
    return guidance_sources(services, match, owner, k or services.settings.guidance_k)


def match_guidance(
    services: Services,
    question: str,
    owner: str = LOCAL_OWNER,
    vector: list[float] | None = None,
    extra: str = "",
) -> GuidanceMatch:
    """The fused ranking of every card that either search found, and the fit signal."""
    slug = owner_slug(owner)
    library = library_for(services.settings, slug)
    if vector is None:
        vector = services.embeddings.embed_query(f"{question} {extra}".strip())
    visible: Any = {"owner": {"$in": [SHARED, slug]}}
    collection: Any = services.guidance_store._collection  # raw query: no Document objects
    found = collection.query(
        query_embeddings=[vector],
        n_results=DENSE_K,
        where=visible,
        include=["metadatas", "distances"],
    )
    dense = [
        DenseHit(
            str(meta.get("card_id") or meta.get("doc_id")),
            str(meta.get("section") or "text"),
            int(meta.get("part") or 0),
            1.0 - float(distance),
        )
        for meta, distance in zip(found["metadatas"][0], found["distances"][0], strict=True)
    ]
    dense += [
        DenseHit(chunk.card_id, chunk.section, chunk.part, similarity)
        for chunk, similarity in library.scope_hits(services.embeddings, vector)
    ]
    return fuse(library, dense, f"{question} {extra}".strip(), question)


def guidance_sources(services: Services, match: GuidanceMatch, owner: str, k: int) -> list[Source]:
    """The first k cards of a match as citable sources, each with its best sections."""
    library = library_for(services.settings, owner_slug(owner))
    sources = []
    for hit in match.hits[:k]:
        card = library.cards[hit.card_id]
        near = [c.text for c, s in hit.sections if c.section == "situation" and s > 0]
        sources.append(
            Source(
                kind="guidance",
                title=card.title,
                id=card.id,
                text=f"{card.title}\n\n{card.body.strip()}",
                score=round(hit.fused, 4),
                source=card.source,
                sections=[c.key for c, s in hit.sections if s > 0],
                situations=near + [s for s in card.situations if s not in near],
                fit=match.fit,
                fits=match.fits,
                uncovered=match.scope.label if match.scope else None,
                refer=match.scope.refer if match.scope else None,
            )
        )
    return sources


def retrieve_notes(
    services: Services,
    question: str,
    owner: str = LOCAL_OWNER,
    k: int | None = None,
    vector: list[float] | None = None,
) -> list[Source]:
    """Notes about people the question names first, then the nearest other notes."""
    return [source for source, _ in _notes_with_vectors(services, question, owner, k, vector)]


def _notes_with_vectors(
    services: Services,
    question: str,
    owner: str,
    k: int | None,
    vector: list[float] | None,
) -> list[tuple[Source, list[float]]]:
    k = k or services.settings.notes_k
    collection: Any = services.notes_store_for(owner)._collection
    named = people_in(question, known_people(services, owner))
    if vector is None:
        vector = services.embeddings.embed_query(question)  # once, for every query below
    queries: list[tuple[dict | None, bool]] = [
        ({"person_key": person_key(person)}, True) for person in named
    ]
    queries.append((None, False))
    found: list[tuple[str, dict, float, list[float], bool]] = []
    for where, about_named in queries:
        got = collection.query(
            query_embeddings=[vector],
            n_results=k,
            where=where,
            include=["documents", "metadatas", "distances", "embeddings"],
        )
        found += [
            (text, meta, float(distance), list(embedding), about_named)
            for text, meta, distance, embedding in zip(
                got["documents"][0],
                got["metadatas"][0],
                got["distances"][0],
                got["embeddings"][0],
                strict=True,
            )
        ]
    seen: set[str] = set()
    sources = []
    for text, meta, distance, embedding, about_named in found:
        note_id = str(meta.get("note_id"))
        similarity = 1.0 - distance
        if note_id in seen or (not about_named and similarity < MIN_NOTE_SIMILARITY):
            continue
        seen.add(note_id)
        source = Source(
            kind="note",
            title=f"Note about {meta['person']}" if meta.get("person") else "Note",
            id=note_id,
            text=text,
            score=round(similarity, 4),
            person=str(meta.get("person") or "") or None,
            date=str(meta.get("date", "")),
        )
        sources.append((source, embedding))
    return sources[:k]


def retrieve(services: Services, question: str, owner: str = LOCAL_OWNER) -> list[Source]:
    """Notes first; a question about a person searches the guidance with their latest note too,
    so "What could I offer Priya?" finds the card that fits what Priya is doing. The question
    is embedded once; the note's own vector, already stored, is blended in.

    A damaged index never fails the question: the result's `notice` says what was left out."""
    from coach.rag.search_guard import Sources, guarded, notes_by_name

    notices: list[str] = []
    vector = services.embeddings.embed_query(question)

    def from_store() -> list[tuple[Source, list[float] | None]]:
        return [
            (n, None) for n in notes_by_name(services, question, owner, services.settings.notes_k)
        ]

    noted: list[tuple[Source, list[float] | None]] = guarded(
        services,
        "notes",
        lambda: list(_notes_with_vectors(services, question, owner, None, vector)),
        from_store,
        notices,
    )
    notes = [source for source, _ in noted]
    about = [(n, v) for n, v in noted if n.person and people_in(question, [n.person])]
    extra, guidance_vector = "", vector
    if about:
        note, note_vector = about[0]
        extra = note.text
        if note_vector is not None:
            guidance_vector = _blend(vector, note_vector)

    def guidance() -> list[Source]:
        match = match_guidance(services, question, owner, guidance_vector, extra)
        return guidance_sources(services, match, owner, services.settings.guidance_k)

    result = Sources(guarded(services, "guidance", guidance, None, notices) + notes)
    result.notice = " ".join(notices) or None
    return result


def _blend(a: list[float], b: list[float]) -> list[float]:
    """The normalised mean of two unit vectors: a query about both texts."""
    mixed = [x + y for x, y in zip(a, b, strict=True)]
    norm = math.sqrt(sum(x * x for x in mixed)) or 1.0
    return [x / norm for x in mixed]
