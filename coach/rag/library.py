"""One owner's guidance in memory: the cards, their section chunks and a lexical index over them.

Built from the files (the shipped cards plus the owner's own folder, never another owner's),
kept per owner and rebuilt only when a file changes.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from coach.errors import InputError
from coach.rag.knowledge import (
    SCOPE_FILE,
    SHARED,
    Card,
    card_documents,
    file_documents,
    guidance_fingerprint,
    owner_file_paths,
    parse_card,
)
from coach.rag.lexical import LexicalIndex
from coach.settings import Settings


@dataclass(frozen=True)
class Chunk:
    """One indexed section of a card or of a user's file."""

    card_id: str
    section: str  # summary | how | say | situation | text
    part: int  # the first step's index for "how", the situation's index, the chunk's index
    text: str

    @property
    def key(self) -> str:
        return f"{self.section}:{self.part}"


def chunk_of(doc: Document) -> Chunk:
    meta = doc.metadata
    return Chunk(
        str(meta.get("card_id") or meta.get("doc_id")),
        str(meta.get("section") or "text"),
        int(meta.get("part") or 0),
        doc.page_content,
    )


@dataclass(frozen=True)
class ScopeTopic:
    """A matter the guidance does not cover, and who is better placed to help."""

    id: str  # "scope:pay"
    label: str
    refer: str
    situations: tuple[str, ...]


@dataclass
class Library:
    """What one owner can retrieve from: shared cards and their own files, plus the topics
    the guidance does not cover (their chunks carry card ids "scope:…")."""

    cards: dict[str, Card]
    chunks: list[Chunk]
    lexical: LexicalIndex
    scope: dict[str, ScopeTopic] = field(default_factory=dict)
    _scope_vectors: list[list[float]] | None = None

    def chunk_indices(self, card_id: str) -> list[int]:
        return [i for i, c in enumerate(self.chunks) if c.card_id == card_id]

    def scope_hits(self, embeddings: Embeddings, vector: list[float]) -> list[tuple[Chunk, float]]:
        """Each out-of-scope situation with its cosine similarity to the query vector. The
        few dozen situations are embedded once per library, in memory."""
        chunks = [c for c in self.chunks if c.card_id in self.scope]
        if not chunks:
            return []
        if self._scope_vectors is None:
            self._scope_vectors = embeddings.embed_documents([c.text for c in chunks])
        return [(c, _cosine(vector, v)) for c, v in zip(chunks, self._scope_vectors, strict=True)]


def _cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def load_scope(settings: Settings) -> dict[str, ScopeTopic]:
    """The out-of-scope topics that ship beside the cards."""
    path = settings.knowledge_dir / SCOPE_FILE
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        f"scope:{key}": ScopeTopic(
            f"scope:{key}",
            str(topic["label"]),
            str(topic["refer"]),
            tuple(str(s) for s in topic["situations"]),
        )
        for key, topic in raw.items()
    }


def _user_card(path: Path, docs: list[Document]) -> Card:
    """A user's file as a card: a card-like markdown file as written, other text as one body."""
    if path.suffix.lower() == ".md":
        try:
            return parse_card(path)
        except (InputError, ValueError):
            pass
    meta = docs[0].metadata
    body = "\n\n".join(d.page_content for d in docs)
    return Card(
        str(meta["card_id"]), str(meta["title"]), ("your-guidance",), str(meta["source"]), body
    )


def build_library(settings: Settings, slug: str) -> Library:
    """Parse the shipped cards and the owner's files; index their sections lexically."""
    cards: dict[str, Card] = {}
    docs: list[Document] = []
    for path in sorted(settings.knowledge_dir.glob("*.md")):
        try:
            card = parse_card(path)
        except (InputError, ValueError):
            continue  # `coach ingest` reports it
        cards[card.id] = card
        docs += card_documents(card, path, SHARED)
    for path in owner_file_paths(settings, slug):
        try:
            file_docs = file_documents(path, settings.max_upload_bytes, slug)
        except InputError:
            continue
        if file_docs:
            card = _user_card(path, file_docs)
            cards[card.id] = card
            docs += file_docs
    chunks = [chunk_of(d) for d in docs]
    scope = load_scope(settings)
    for topic in scope.values():
        chunks += [Chunk(topic.id, "situation", i, s) for i, s in enumerate(topic.situations)]
    return Library(cards, chunks, LexicalIndex([c.text for c in chunks]), scope)


_cache: dict[tuple[str, str], tuple[object, Library]] = {}
_lock = threading.Lock()


def library_for(settings: Settings, slug: str) -> Library:
    """The owner's library, rebuilt when a card or one of the owner's files changed."""
    key = (str(settings.knowledge_dir.resolve()), str(settings.guidance_dir.resolve()) + "|" + slug)
    stamp = guidance_fingerprint(settings, slug)
    with _lock:
        cached = _cache.get(key)
        if cached and cached[0] == stamp:
            return cached[1]
    library = build_library(settings, slug)
    with _lock:
        _cache[key] = (stamp, library)
    return library
