"""The parts one running Peer Coach needs, built once from settings and handed to page and CLI."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from functools import cached_property
from logging.handlers import RotatingFileHandler
from typing import Any

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from coach.components.embeddings import make_embeddings
from coach.components.llm import ProviderInfo, make_chat_model
from coach.components.vectorstore import GUIDANCE, make_chroma_client, make_store, notes_collection
from coach.settings import Settings
from coach.store import db


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
        return self.embeddings_override or make_embeddings(self.settings)

    @cached_property
    def chroma(self) -> Any:
        return make_chroma_client(self.settings)

    @cached_property
    def guidance_store(self) -> Chroma:
        return make_store(self.chroma, GUIDANCE, self.embeddings, self.settings.chroma_prefix)

    @cached_property
    def notes_store(self) -> Chroma:
        return self.notes_store_for(db.LOCAL_OWNER)

    def notes_store_for(self, owner: str) -> Chroma:
        """Each owner's notes live in their own collection: isolation at the store layer, and
        queries need no owner filter (a filter over 10k vectors costs ~30 ms; this ~2 ms)."""
        with self._lock:
            if owner not in self._note_stores:
                self._note_stores[owner] = make_store(
                    self.chroma,
                    notes_collection(owner),
                    self.embeddings,
                    self.settings.chroma_prefix,
                )
            return self._note_stores[owner]

    @cached_property
    def _model(self) -> tuple[BaseChatModel | None, ProviderInfo]:
        if self.chat_model_override is not None:
            model = self.chat_model_override
            info = self.provider_override or ProviderInfo(
                "fake", f"Test model ({type(model).__name__})", capable=True
            )
            return model, info
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
