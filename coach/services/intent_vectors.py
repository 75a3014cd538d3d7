"""The router's intent index, with its example vectors read from disk after the first run.

Embedding the ~160 example requests costs a fresh process about 0.8 CPU seconds; they change
only with the examples file or the model, so they are kept per model beside the exported model
(`components/vector_cache.py`) and the index is built from them.
"""

from __future__ import annotations

import threading

from langchain_core.embeddings import Embeddings

from coach.components.vector_cache import cached_documents
from coach.services import intents

_lock = threading.Lock()
_cached: dict[int, tuple[Embeddings, Embeddings]] = {}


def index_for(embeddings: Embeddings) -> intents.IntentIndex:
    """`intents.index_for` over the same model, its example vectors cached on disk."""
    with _lock:
        pair = _cached.get(id(embeddings))
        if pair is None or pair[0] is not embeddings:
            pair = _cached[id(embeddings)] = (embeddings, cached_documents(embeddings))
    return intents.index_for(pair[1])
