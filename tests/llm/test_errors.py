"""friendly_error on exceptions that don't come from HTTP: configuration errors, parse errors, anything else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import ProviderError
from assistant.llm import ModelCallError, friendly_error


def test_our_errors_pass_through() -> None:
    original = ModelCallError("already explained", kind="timeout")
    assert friendly_error(original, partial_text="so far") is original
    assert original.partial_text == "so far"

    config = friendly_error(ProviderError("llm_base_url is empty"))
    assert str(config) == "llm_base_url is empty" and config.kind == "not_configured"


def test_malformed_json_names_the_configured_server(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, llm_provider="compatible", llm_base_url="http://localhost:11434/v1")
    with pytest.raises(json.JSONDecodeError) as raised:
        json.loads("<html>")
    error = friendly_error(raised.value, settings=settings)
    assert error.kind == "malformed"
    assert str(error).startswith("The model server at localhost:11434 sent a reply that isn't valid")


def test_anything_else_is_one_sentence_without_the_raw_text_or_the_key(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secret = "sk-live-abcdefghijklmnop"
    settings = Settings(data_dir=tmp_path, llm_provider="openai", OPENAI_API_KEY=secret)
    with caplog.at_level("DEBUG", logger="assistant.llm.errors"):
        error = friendly_error(RuntimeError(f"boom <b>page</b>\nwhile using {secret}"), settings=settings)
    assert error.kind == "other"
    assert str(error) == ("The model call failed unexpectedly (RuntimeError): try again, and run `assistant doctor` "
                          "if it keeps happening.")
    # The detail goes to the debug log, for whoever runs with logging on, with the key removed.
    assert "boom" in caplog.text and secret not in caplog.text


def test_langchains_empty_stream_error_is_explained(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, llm_provider="compatible", llm_base_url="http://localhost:11434/v1")
    error = friendly_error(ValueError("No generations found in stream."), settings=settings)
    assert error.kind == "malformed" and "No generations" not in str(error)
    assert str(error).startswith("The model server at localhost:11434 sent no answer")
