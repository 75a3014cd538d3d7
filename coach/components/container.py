"""The parts one running Peer Coach needs, built once from settings and handed to page and CLI."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from logging.handlers import RotatingFileHandler
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from coach.components.llm import ProviderInfo
from coach.settings import Settings
from coach.store import db

if TYPE_CHECKING:  # the heavy libraries load only when a command needs them
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel


@dataclass
class Services:
    """Lazily built parts; tests pass fakes for the model or embeddings."""

    settings: Settings
    chat_model_override: BaseChatModel | None = None
    embeddings_override: Embeddings | None = None
    provider_override: ProviderInfo | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # Meeting notes analysed in the chat and waiting for "save", per owner (not persisted).
    pending_meetings: dict[str, Any] = field(default_factory=dict, repr=False)
    _note_stores: dict[str, Chroma] = field(default_factory=dict, repr=False)

    @cached_property
    def engine(self) -> Engine:
        return db.make_engine(self.settings.sqlalchemy_url)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return db.make_sessionmaker(self.engine)

    @cached_property
    def embeddings(self) -> Embeddings:
        from coach.components.embeddings import make_embeddings

        return self.embeddings_override or make_embeddings(self.settings)

    @cached_property
    def chroma(self) -> Any:
        from coach.components.vectorstore import make_chroma_client

        return make_chroma_client(self.settings)

    @cached_property
    def guidance_store(self) -> Chroma:
        from coach.components.vectorstore import GUIDANCE, make_store

        return make_store(self.chroma, GUIDANCE, self.embeddings, self.settings.chroma_prefix)

    @cached_property
    def notes_store(self) -> Chroma:
        return self.notes_store_for(db.LOCAL_OWNER)

    def notes_store_for(self, owner: str) -> Chroma:
        """Each owner's notes live in their own collection: isolation at the store layer, and
        queries need no owner filter (a filter over 10k vectors costs ~30 ms; this ~2 ms)."""
        from coach.components.vectorstore import make_store, notes_collection

        with self._lock:
            if owner not in self._note_stores:
                self._note_stores[owner] = make_store(
                    self.chroma,
                    notes_collection(owner),
                    self.embeddings,
                    self.settings.chroma_prefix,
                )
            return self._note_stores[owner]

    @contextlib.contextmanager
    def vectors_locked(self) -> Iterator[None]:
        """Hold the embedded vector store's inter-process lock across several calls (each call
        takes it anyway); a Chroma server orders writes itself, so nothing to hold there."""
        from coach.components.vectorstore import GuardedClient

        client = self.chroma
        if isinstance(client, GuardedClient):
            with client.store.lock.hold():
                yield
        else:
            yield

    def forget_stores(self) -> None:
        """Drop cached LangChain stores, e.g. after a collection was rebuilt."""
        with self._lock:
            self._note_stores.clear()
            self.__dict__.pop("guidance_store", None)
            self.__dict__.pop("notes_store", None)

    @cached_property
    def _model(self) -> tuple[BaseChatModel | None, ProviderInfo]:
        if self.chat_model_override is not None:
            model = self.chat_model_override
            info = self.provider_override or ProviderInfo(
                "fake", f"Test model ({type(model).__name__})", capable=True
            )
            return model, info
        from coach.components.llm import make_chat_model

        return make_chat_model(self.settings)

    @property
    def chat_model(self) -> BaseChatModel | None:
        with self._lock:
            return self._model[0]

    @property
    def provider(self) -> ProviderInfo:
        with self._lock:
            return self._model[1]

    @property
    def capable_model(self) -> BaseChatModel | None:
        """The chat model when it is worth asking for structured output or tool calls."""
        model, info = self.chat_model, self.provider
        return model if model is not None and info.capable else None


def setup_logging(settings: Settings) -> None:
    """Log to a file in the data dir; secrets are SecretStr and never formatted."""
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        settings.log_dir / "coach.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    for noisy in ("httpx", "chromadb", "sentence_transformers", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def build_services(settings: Settings, **overrides: Any) -> Services:
    setup_logging(settings)
    return Services(settings, **overrides)
