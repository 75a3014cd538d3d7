"""Provider choice happens in one factory, from settings; the key never shows."""

import logging

import pytest
from coach.components.llm import make_chat_model
from langchain_openai import ChatOpenAI

from coach.errors import CoachError
from coach.settings import load_settings


def test_auto_uses_openai_when_a_key_is_set(data_dir):
    model, info = make_chat_model(load_settings(data_dir, openai_api_key="sk-test-123"))
    assert isinstance(model, ChatOpenAI) and info.name == "openai"


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


def test_auto_without_a_key_runs_the_local_model(data_dir):
    model, info = make_chat_model(load_settings(data_dir))
    assert info.name == "local" and type(model).__name__ == "ChatLlamaCpp"


def test_auto_falls_back_to_offline_answers_when_no_local_model(data_dir, tmp_path):
    model, info = make_chat_model(load_settings(data_dir, local_model_path=tmp_path / "none.gguf"))
    assert model is None and info.name == "none" and "not found" in info.note


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
