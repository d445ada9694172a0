from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.config import Settings


def test_defaults_are_offline_and_embedded(isolated_env: Path) -> None:
    s = Settings()
    assert s.effective_provider == "offline"
    assert s.chroma_url == "" and s.store_location() == str(s.chroma_dir)
    assert s.embedding == "hashing"
    assert s.data_dir == isolated_env / "data"


def test_toml_file_then_env_override(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (isolated_env / "config.toml").write_text(
        'llm_provider = "compatible"\nllm_base_url = "http://localhost:11434/v1"\nllm_model = "llama3.1:8b"\n'
        'data_dir = "~/somewhere"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("ASSISTANT_DATA_DIR")
    s = Settings()
    assert (s.effective_provider, s.llm_model) == ("compatible", "llama3.1:8b")
    assert s.data_dir == Path("~/somewhere").expanduser()
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "qwen2.5")
    assert Settings().llm_model == "qwen2.5"


def test_api_key_is_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-value")
    s = Settings()
    assert s.effective_provider == "openai"
    assert "sk-secret-value" not in repr(s) + str(s.public_dict()) + s.model_dump_json()
    assert s.public_dict()["openai_api_key"] == "set"


def test_bad_values_are_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "word2vec")
    with pytest.raises(ValidationError, match="embedding"):
        Settings()


def test_every_field_is_documented() -> None:
    undocumented = [name for name, field in Settings.model_fields.items() if not field.description]
    assert undocumented == []


def test_bad_settings_are_one_readable_error(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.config import load_settings
    from assistant.errors import AssistantError

    monkeypatch.setenv("ASSISTANT_LLM_TIMEOUT", "-3")
    with pytest.raises(AssistantError, match="llm_timeout: Input should be greater than 0"):
        load_settings()
    monkeypatch.delenv("ASSISTANT_LLM_TIMEOUT")
    (isolated_env / "config.toml").write_text("llm_model = \n", encoding="utf-8")
    with pytest.raises(AssistantError, match="config.toml"):
        load_settings()
