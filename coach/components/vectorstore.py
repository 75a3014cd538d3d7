"""Vector store factory: Chroma embedded on disk in the data dir, or a Chroma server."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from coach.components.vector_lock import VectorLock
from coach.settings import Settings

log = logging.getLogger(__name__)

GUIDANCE = "guidance"
NOTES = "notes"

T = TypeVar("T")

_READS = {"query", "get", "count", "peek", "search", "get_indexing_status"}
_WRITES = {"add", "upsert", "update", "delete", "modify"}


def notes_collection(owner: str) -> str:
    """'notes' for the single local user; a stable, name-safe collection per signed-in user."""
    if owner == "local":
        return NOTES
    return f"{NOTES}-{hashlib.sha256(owner.encode()).hexdigest()[:16]}"


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def make_chroma_client(settings: Settings) -> Any:
    """The one place that decides between the embedded store and a server.

    The embedded store comes wrapped so that every call takes the folder's inter-process lock
    (see `EmbeddedChroma`); a server needs no lock of ours.
    """
    import chromadb

    if settings.chroma_mode == "http":
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=_chroma_settings()
        )
    return GuardedClient(embedded(settings.chroma_dir))


def make_store(client: Any, name: str, embeddings: Embeddings, prefix: str = "") -> Chroma:
    """A LangChain Chroma store over one collection, with cosine distance."""
    return Chroma(
        client=client,
        collection_name=f"{prefix}{name}",
        embedding_function=embeddings,
        collection_metadata={"hnsw:space": "cosine"},
    )


class EmbeddedChroma:
    """One embedded Chroma folder as this process sees it: a client, reopened whenever another
    process has written since it was opened, and only ever used under the folder's lock."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = VectorLock(folder)
        self._client: Any = None
        self._seen = ""
        self.reopened = 0
        self.epoch = 0  # changes when a collection is dropped, so proxies look theirs up again

    def run(self, op: Callable[[Any], T], write: bool) -> T:
        """Call `op(client)` with the lock held and an up-to-date client."""
        with self.lock.hold():
            result = op(self._current())
            if write:
                self._seen = self.lock.bump()
            return result

    def close(self) -> None:
        """Let go of the on-disk index (the next call opens it afresh)."""
        with self.lock.hold():
            if self._client is not None:
                self._client.close()
                self._client = None

    def _current(self) -> Any:
        stamp = self.lock.stamp()
        if self._client is None or stamp != self._seen:
            import chromadb

            if self._client is not None:
                # Another process wrote: our in-memory index is stale, and writing through it
                # would drop their entries. Close it and load what is on disk now.
                log.info("vector store changed on disk; reopening %s", self.folder)
                self._client.close()
                self.reopened += 1
            self._client = chromadb.PersistentClient(
                path=str(self.folder), settings=_chroma_settings()
            )
            self._seen = stamp
        return self._client


_embedded: dict[Path, EmbeddedChroma] = {}
_embedded_lock = threading.Lock()


def embedded(folder: Path) -> EmbeddedChroma:
    """The process-wide handle on one folder (Chroma itself shares one system per path)."""
    folder = folder.resolve()
    with _embedded_lock:
        if folder not in _embedded:
            _embedded[folder] = EmbeddedChroma(folder)
        return _embedded[folder]


class GuardedClient:
    """A Chroma client whose every call runs under the folder's lock; collections it hands
    out re-resolve themselves after a reopen, so LangChain stores built on it stay valid."""

    def __init__(self, store: EmbeddedChroma) -> None:
        self.store = store

    def get_or_create_collection(self, name: str, **kwargs: Any) -> GuardedCollection:
        from chromadb.errors import NotFoundError

        def ensure(client: Any) -> bool:
            try:
                client.get_collection(name, embedding_function=None)
                return False
            except (NotFoundError, ValueError):
                client.create_collection(name, **kwargs)
                return True

        with self.store.lock.hold():
            if self.store.run(ensure, write=False):
                self.store.run(lambda c: None, write=True)  # a new collection is a write
        return GuardedCollection(self.store, name)

    def get_collection(self, name: str, **_: Any) -> GuardedCollection:
        self.store.run(lambda c: c.get_collection(name, embedding_function=None), write=False)
        return GuardedCollection(self.store, name)

    def delete_collection(self, name: str) -> None:
        self.store.run(lambda c: c.delete_collection(name), write=True)
        self.store.epoch += 1

    def list_collections(self) -> list[str]:
        return self.store.run(lambda c: [col.name for col in c.list_collections()], write=False)

    def __getattr__(self, attr: str) -> Any:
        """Anything else (heartbeat, version, …) reads through, under the lock."""
        if attr.startswith("_"):
            raise AttributeError(attr)

        def call(*args: Any, **kwargs: Any) -> Any:
            return self.store.run(lambda c: getattr(c, attr)(*args, **kwargs), write=False)

        return call


class GuardedCollection:
    """A collection proxy: reads and writes under the lock, on the current client."""

    def __init__(self, store: EmbeddedChroma, name: str) -> None:
        self._store = store
        self.name = name
        self._resolved: tuple[Any, int, Any] | None = None

    def _real(self, client: Any) -> Any:
        epoch = self._store.epoch
        if self._resolved is None or self._resolved[:2] != (client, epoch):
            found = client.get_collection(self.name, embedding_function=None)
            self._resolved = (client, epoch, found)
        return self._resolved[2]

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("_"):
            raise AttributeError(attr)
        if attr in _READS or attr in _WRITES:

            def call(*args: Any, **kwargs: Any) -> Any:
                return self._store.run(
                    lambda c: getattr(self._real(c), attr)(*args, **kwargs),
                    write=attr in _WRITES,
                )

            return call
        return self._store.run(lambda c: getattr(self._real(c), attr), write=False)
