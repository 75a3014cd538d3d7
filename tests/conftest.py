"""Shared fixtures: every test gets its own data dir, no network, and fakes unless it asks."""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from coach.components.container import Services, build_services
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage

from coach.settings import load_settings

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else address
    if (
        isinstance(host, str)
        and host not in {"127.0.0.1", "localhost", "::1"}
        and not str(host).startswith("/")
    ):
        raise OSError(f"tests must not reach the network (tried {host})")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user environment leaks in, and nothing leaves this machine."""
    for name in list(os.environ):
        if name.startswith(("COACH_", "OPENAI_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


class RecordingChatModel(GenericFakeChatModel):
    """A scripted fake that also records the messages it was sent."""

    seen: list[list[BaseMessage]] = []

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
        self.seen.append(list(messages))
        return super()._generate(messages, stop, run_manager, **kwargs)

    def _stream(self, messages, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
        self.seen.append(list(messages))
        yield from super()._stream(messages, stop, run_manager, **kwargs)


def recording_model(*answers: str) -> RecordingChatModel:
    return RecordingChatModel(messages=iter([AIMessage(a) for a in answers]), seen=[])


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def make_services(
    data_dir: Path,
    real: bool = False,
    model: Any = None,
    provider_info: Any = None,
    **settings: Any,
) -> Services:
    """Services over `data_dir`: fake embeddings unless `real`, offline answers unless `model`."""
    settings.setdefault("provider", "none")
    settings.setdefault("embedding_mode", "minilm" if real else "fake")
    if os.environ.get("PEERCOACH_TEST_BACKEND") == "server":
        settings.update(server_settings(data_dir))
    return build_services(
        load_settings(data_dir, **settings),
        chat_model_override=model,
        provider_override=provider_info,
    )


def server_settings(data_dir: Path) -> dict[str, Any]:
    """The team back-ends: one PostgreSQL database and one Chroma prefix per data folder, so
    tests stay apart on shared servers and a 'restart' on the same folder sees the same data."""
    from sqlalchemy import create_engine, text

    name = "t_" + hashlib.sha1(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    base = os.environ["PEERCOACH_TEST_PG"]
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).scalar():
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    host, port = os.environ["PEERCOACH_TEST_CHROMA"].rsplit(":", 1)
    return {
        "database_url": f"{base}/{name}",
        "chroma_mode": "http",
        "chroma_host": host,
        "chroma_port": int(port),
        "chroma_prefix": f"{name}-",
    }


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    """Fast services: fake hash embeddings, offline answers."""
    yield make_services(data_dir)


@pytest.fixture
def real_services(data_dir: Path) -> Iterator[Services]:
    """The real local embedding model and real embedded Chroma."""
    yield make_services(data_dir, real=True)
