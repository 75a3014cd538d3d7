"""`coach doctor`: check that every note and guidance card can be found by search; rebuild what
cannot, from the relational store and the guidance files (the sources of truth)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from langchain_chroma import Chroma
from sqlalchemy import select

from coach.components.container import Services
from coach.rag.ingest import Progress
from coach.store.db import Note

log = logging.getLogger(__name__)

PAGE = 1000  # records read per call
QUERY_BATCH = 64
NEAREST = 5  # a chunk counts as findable if a search with its own vector returns it this high


@dataclass
class Health:
    """What one collection holds against what it should."""

    name: str
    chunks: int = 0
    missing: list[str] = field(default_factory=list)  # documents with no chunk at all
    unfindable: int = 0  # chunks that are stored but that search does not return
    error: str | None = None  # the index fails outright (e.g. Chroma's "Error finding id")
    repair: str | None = None

    @property
    def healthy(self) -> bool:
        return not (self.missing or self.unfindable or self.error)

    @property
    def fixed(self) -> bool:
        return self.repair is not None and not self.repair.startswith("still damaged")

    def line(self) -> str:
        if self.healthy and not self.repair:
            return f"{self.name}: {self.chunks} chunks, all findable."
        problems = []
        if self.error:
            problems.append(f"search fails ({self.error})")
        if self.missing:
            problems.append(f"{len(self.missing)} document(s) not indexed")
        if self.unfindable:
            problems.append(f"{self.unfindable} chunk(s) not findable")
        found = "; ".join(problems) or "fine"
        return f"{self.name}: {found}" + (f" → {self.repair}." if self.repair else ".")


def check(store: Chroma, expected: set[str], name: str) -> Health:
    """Read every chunk with its vector, and search with each vector for the chunk itself."""
    health = Health(name)
    collection = store._collection
    try:
        ids: list[str] = []
        vectors: list[Any] = []
        present: set[str] = set()
        total = collection.count()
        for offset in range(0, total, PAGE):
            got = collection.get(limit=PAGE, offset=offset, include=["metadatas", "embeddings"])
            ids += got["ids"]
            stored = got["embeddings"]
            vectors += list(stored) if stored is not None else []  # may be a numpy array
            present |= {str((m or {}).get("doc_id", "")) for m in got["metadatas"] or []}
        health.chunks = len(ids)
        health.missing = sorted(expected - present)
        k = min(NEAREST, len(ids))
        for start in range(0, len(ids), QUERY_BATCH):
            batch = slice(start, start + QUERY_BATCH)
            hits = collection.query(
                query_embeddings=vectors[batch], n_results=k, include=["distances"]
            )
            for own, found, distances in zip(
                ids[batch], hits["ids"], hits["distances"] or [], strict=True
            ):
                # An identical vector under another id (the same text twice) may come first.
                if own not in found and not (distances and distances[0] <= 1e-6):
                    health.unfindable += 1
    except Exception as exc:
        log.exception("checking %s failed", name)
        health.error = f"{type(exc).__name__}: {str(exc)[:120]}"
    return health


def run(services: Services, repair: bool = True, progress: Progress | None = None) -> list[Health]:
    """Check the guidance and every owner's notes; with `repair`, rebuild what is damaged."""
    from coach.rag.knowledge import guidance_sources
    from coach.rag.search_guard import clear_repair_mark
    from coach.services.indexing import index_guidance
    from coach.services.notes import sync_notes

    with services.sessions() as session:
        owners = sorted(set(session.scalars(select(Note.owner).distinct())))
    jobs: list[tuple[str, Callable[[], Chroma], Callable[[], set[str]], Callable[[], Any]]] = [
        (
            "guidance",
            lambda: services.guidance_store,
            lambda: set(guidance_sources(services.settings)[0]),
            lambda: index_guidance(services, progress),
        )
    ]
    for owner in owners:
        jobs.append(
            (
                f"notes of {owner}",
                lambda o=owner: services.notes_store_for(o),  # type: ignore[misc]
                lambda o=owner: _note_docs(services, o),  # type: ignore[misc]
                lambda o=owner: sync_notes(services, o, progress),  # type: ignore[misc]
            )
        )
    results = []
    for name, store, expected, reindex in jobs:
        with services.vectors_locked():  # nobody writes between the check and the repair
            health = check(store(), expected(), name)
            if repair and not health.healthy:
                if health.error or health.unfindable:
                    _drop(services, store())
                    done = "rebuilt from your data"
                else:
                    done = f"indexed {len(health.missing)} missing document(s)"
                reindex()
                after = check(store(), expected(), name)  # say only what is now true
                health.repair = done if after.healthy else f"still damaged: {after.line()}"
        results.append(health)
    if repair:
        clear_repair_mark(services)
    return results


def _note_docs(services: Services, owner: str) -> set[str]:
    with services.sessions() as session:
        ids = session.scalars(select(Note.id).where(Note.owner == owner))
        return {f"note:{i}" for i in ids}


def _drop(services: Services, store: Chroma) -> None:
    """Delete a damaged collection; the re-index creates it afresh."""
    name = store._collection.name
    log.warning("rebuilding damaged collection %s", name)
    services.chroma.delete_collection(name)
    services.forget_stores()
