"""Embeddings factory: all-MiniLM-L6-v2 on the CPU from a shipped package, or a fake for tests.

MiniLM runs through ONNX Runtime when the install step exported it (a command starts in about
a second) and through sentence-transformers otherwise; both give the same vectors, so an index
built by one is searched by the other.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from coach.components.model_files import default_onnx_path, minilm_path
from coach.errors import CoachError
from coach.settings import Settings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

EMBEDDING_SIZE = 384
__all__ = ["EMBEDDING_SIZE", "default_onnx_path", "make_embeddings", "minilm_path"]


@lru_cache(maxsize=2)
def _onnx(onnx_path: str, model_dir: str) -> Embeddings:
    from coach.components.onnx_minilm import OnnxMiniLM

    return OnnxMiniLM(Path(onnx_path), Path(model_dir))


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
        from langchain_core.embeddings import DeterministicFakeEmbedding

        return DeterministicFakeEmbedding(size=EMBEDDING_SIZE)
    model_dir = minilm_path(settings)
    if settings.embedding_runtime != "torch":
        onnx_path = settings.embedding_onnx_path or default_onnx_path(model_dir)
        if onnx_path.is_file():
            return _onnx(str(onnx_path), str(model_dir))
        if settings.embedding_runtime == "onnx":
            raise CoachError(
                f"No exported MiniLM at {onnx_path}: run `python -m "
                "coach.components.onnx_minilm` (the install step does), or set "
                "COACH_EMBEDDING_RUNTIME=torch."
            )
        log.info("no exported MiniLM at %s; using sentence-transformers", onnx_path)
    return _minilm(str(model_dir))
