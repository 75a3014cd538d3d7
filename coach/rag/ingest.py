"""Idempotent indexing: stable chunk ids from content, batched writes, and a report."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from langchain_chroma import Chroma
from langchain_core.documents import Document

log = logging.getLogger(__name__)

T = TypeVar("T")

Progress = Callable[[int, int, str], None]
"""Called as progress(done, total, what) while chunks are written."""

# Chroma refuses one insert of more than ~5,461 records; stay well below it.
BATCH_SIZE = 500


def chunk_id(doc_id: str, index: int, chunk: Document) -> str:
    """Same document, same chunk text and metadata -> same id, so re-running adds nothing,
    and a changed title or owner re-indexes the chunk."""
    meta = "\x1e".join(f"{k}={v}" for k, v in sorted(chunk.metadata.items()))
    key = f"{doc_id}\x1f{index}\x1f{chunk.page_content}\x1f{meta}"
    return hashlib.sha256(key.encode()).hexdigest()[:40]


@dataclass
class SyncReport:
    """What one sync did, for the CLI and the page."""

    indexed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunks_added: int = 0
    chunks_removed: int = 0

    def merge(self, other: SyncReport) -> SyncReport:
        for name in ("indexed", "unchanged", "removed", "skipped"):
            getattr(self, name).extend(getattr(other, name))
        self.chunks_added += other.chunks_added
        self.chunks_removed += other.chunks_removed
        return self

    def summary(self) -> str:
        lines = [
            f"Indexed {len(self.indexed)} document(s) ({self.chunks_added} chunks), "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed "
            f"({self.chunks_removed} chunks), {len(self.skipped)} skipped."
        ]
        lines += [f"  indexed: {name}" for name in self.indexed]
        lines += [f"  removed: {name}" for name in self.removed]
        lines += [f"  skipped: {name}: {why}" for name, why in self.skipped]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {
            "indexed": self.indexed,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": [{"name": n, "reason": r} for n, r in self.skipped],
            "chunks_added": self.chunks_added,
            "chunks_removed": self.chunks_removed,
        }


def existing_chunks(store: Chroma, where: dict | None) -> dict[str, set[str]]:
    """Map doc_id -> chunk ids currently in the collection (within `where`)."""
    got = store.get(where=where, include=["metadatas"])
    by_doc: dict[str, set[str]] = {}
    for chunk, meta in zip(got["ids"], got["metadatas"], strict=True):
        by_doc.setdefault(str((meta or {}).get("doc_id", "")), set()).add(chunk)
    return by_doc


def sync(
    store: Chroma,
    docs: dict[str, list[Document]],
    *,
    where: dict | None = None,
    progress: Progress | None = None,
    remove_missing: bool = True,
) -> SyncReport:
    """Make the collection (within `where`) hold exactly `docs`: doc_id -> its chunks.

    Unchanged chunks are left alone, new ones added, stale ones deleted; documents no longer
    given are removed when `remove_missing`.
    """
    report = SyncReport()
    if not remove_missing:  # only these documents matter: don't read the whole collection
        where = {"doc_id": {"$in": list(docs)}} if docs else where
    current = existing_chunks(store, where)
    to_add: list[tuple[str, Document]] = []
    to_delete: list[str] = []
    for doc_id, chunks in docs.items():
        wanted = {}
        for i, chunk in enumerate(chunks):
            chunk.metadata["doc_id"] = doc_id
            wanted[chunk_id(doc_id, i, chunk)] = chunk
        have = current.get(doc_id, set())
        new = [(cid, chunk) for cid, chunk in wanted.items() if cid not in have]
        stale = sorted(have - wanted.keys())
        if new or stale:
            report.indexed.append(doc_id)
        else:
            report.unchanged.append(doc_id)
        to_add.extend(new)
        to_delete.extend(stale)
    if remove_missing:
        for doc_id, ids in current.items():
            if doc_id not in docs:
                report.removed.append(doc_id)
                to_delete.extend(sorted(ids))

    total = len(to_add) + len(to_delete)
    done = 0
    if progress and total:
        progress(0, total, "embedding")
    for batch in _batches(to_delete):
        store.delete(ids=batch)
        done += len(batch)
        if progress:
            progress(done, total, "removing")
    for pairs in _batches(to_add):
        store.add_documents([doc for _, doc in pairs], ids=[cid for cid, _ in pairs])
        done += len(pairs)
        if progress:
            progress(done, total, "indexing")
    report.chunks_added = len(to_add)
    report.chunks_removed = len(to_delete)
    log.info("sync %s: %s", store._collection.name, report.summary().splitlines()[0])
    return report


def _batches(items: list[T]) -> Iterable[list[T]]:
    size = BATCH_SIZE
    for start in range(0, len(items), size):
        yield items[start : start + size]
