"""Vectors of the app's own fixed texts, kept on disk per embedding model: made once, then read.

Only for text shipped with Peer Coach (the router's example requests). A user's notes never go
here: deleting a note must leave no vector of it behind, and the store already keeps theirs.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)


class CachedDocuments(Embeddings):
    """`inner`, with each list of documents' vectors saved under `folder` on first use and read
    back afterwards; queries pass straight through."""

    def __init__(self, inner: Embeddings, folder: Path, model: str) -> None:
        self.inner = inner
        self.folder = folder
        self.model = model

    def path_for(self, texts: list[str]) -> Path:
        digest = hashlib.sha256(self.model.encode())
        for text in texts:
            digest.update(hashlib.sha256(text.encode()).digest())
        return self.folder / f"vectors-{digest.hexdigest()[:24]}.npy"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        texts = list(texts)
        path = self.path_for(texts)
        try:
            saved = np.load(path, allow_pickle=False)
            if saved.ndim == 2 and len(saved) == len(texts):
                return saved.tolist()
        except (OSError, ValueError):
            pass  # not made yet, or unreadable: make it again
        vectors = self.inner.embed_documents(texts)
        _save(path, np.asarray(vectors, dtype=np.float64))  # exactly as made
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def cached_documents(embeddings: Embeddings) -> Embeddings:
    """`embeddings` with a disk cache for fixed texts when the model can name its exact weights
    (the exported MiniLM can: `cache_identity`); otherwise `embeddings` unchanged."""
    identity: Any = getattr(embeddings, "cache_identity", None)
    if identity is None:
        return embeddings
    folder, model = identity
    return CachedDocuments(embeddings, folder, model)


def _save(path: Path, vectors: Any) -> None:
    """Write whole or not at all: a half-written file is never read by another process."""
    import numpy as np

    partial = path.with_name(f"{path.stem}.{os.getpid()}.partial.npy")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(partial, vectors, allow_pickle=False)
        partial.replace(path)
    except OSError:  # a read-only cache folder only costs the next process the same work
        log.info("could not keep vectors in %s", path.parent, exc_info=True)
        partial.unlink(missing_ok=True)
