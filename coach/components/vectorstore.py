"""Vector store factory: Chroma embedded on disk in the data dir, or a Chroma server."""

from __future__ import annotations

import hashlib
from typing import Any

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from coach.settings import Settings

GUIDANCE = "guidance"
NOTES = "notes"


def notes_collection(owner: str) -> str:
    """'notes' for the single local user; a stable, name-safe collection per signed-in user."""
    if owner == "local":
        return NOTES
    return f"{NOTES}-{hashlib.sha256(owner.encode()).hexdigest()[:16]}"


def make_chroma_client(settings: Settings) -> Any:
    """The one place that decides between the embedded store and a server."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_mode == "http":
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def make_store(client: Any, name: str, embeddings: Embeddings, prefix: str = "") -> Chroma:
    """A LangChain Chroma store over one collection, with cosine distance."""
    return Chroma(
        client=client,
        collection_name=f"{prefix}{name}",
        embedding_function=embeddings,
        collection_metadata={"hnsw:space": "cosine"},
    )
