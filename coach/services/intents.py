"""The semantic half of the router: how near a message is to each intent's example requests.

The examples live in coach/data/intents.yaml. They are embedded once per embedding model with
the MiniLM model the app already loads; a message scores, per intent, the mean cosine
similarity of its three nearest examples. Fake hash embeddings (tests) carry no meaning, so
the caller passes `semantic=False` and the router relies on its cues alone.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from coach.settings import Settings

EXAMPLES_FILE = Path(__file__).parent / "data" / "intents.yaml"
PLACEHOLDER = "Jordan"  # the examples' stand-in for any peer from the map
NEAREST = 3

_lock = threading.Lock()
_indexes: dict[int, IntentIndex] = {}


@lru_cache(maxsize=1)
def load_examples(path: Path = EXAMPLES_FILE) -> dict[str, tuple[str, ...]]:
    """Intent name -> example requests."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {intent: tuple(str(x) for x in items) for intent, items in data.items()}


class IntentIndex:
    """Example vectors per intent for one embedding model."""

    def __init__(self, embeddings: Embeddings, examples: dict[str, tuple[str, ...]]) -> None:
        self.embeddings = embeddings
        self.labels: list[str] = []
        texts: list[str] = []
        for intent, items in examples.items():
            self.labels += [intent] * len(items)
            texts += list(items)
        self.vectors = _normalise(np.asarray(embeddings.embed_documents(texts), dtype=float))

    def scores(self, text: str) -> dict[str, float]:
        """Per intent, the mean similarity of the message to its nearest examples."""
        query = _normalise(np.asarray([self.embeddings.embed_query(text)], dtype=float))[0]
        sims = self.vectors @ query
        labels = np.asarray(self.labels)
        out = {}
        for intent in dict.fromkeys(self.labels):
            mine = np.sort(sims[labels == intent])[::-1][:NEAREST]
            out[intent] = float(mine.mean())
        return out


def index_for(embeddings: Embeddings) -> IntentIndex:
    """The index for this embedding model, built on first use (about half a second)."""
    with _lock:
        index = _indexes.get(id(embeddings))
        if index is None or index.embeddings is not embeddings:
            index = IntentIndex(embeddings, load_examples())
            _indexes[id(embeddings)] = index
        return index


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


@lru_cache(maxsize=2)
def _vocabulary(path: str) -> frozenset[str]:
    file = Path(path) / "vocab.txt"
    if not file.is_file():
        return frozenset()
    words = file.read_text(encoding="utf-8").split()
    return frozenset(w for w in words if w.isalpha() and len(w) >= 3)


def known_words(settings: Settings) -> frozenset[str]:
    """Whole words of the embedding model's vocabulary: a lower-case word found there is a word,
    not a misspelt name ("sofa" is not "Sofia"). Empty when the model folder is missing."""
    from coach.components.embeddings import minilm_path

    try:
        return _vocabulary(str(minilm_path(settings)))
    except Exception:  # no model package: names are then matched without this guard
        return frozenset()
