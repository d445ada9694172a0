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


def test_every_error_wording_is_one_sentence() -> None:
    """Each sentence in prompts/llm/errors.toml, filled, is one line ending in one full stop or question mark."""
    import re
    import string
    import tomllib

    from assistant.llm.errors import SENTENCES, sentence
    from assistant.resources import read_prompt

    templates = tomllib.loads(read_prompt(SENTENCES))
    fragments = {k for k in templates if k.startswith(("stream_cut_", "rate_limited_wait_"))}
    for key, template in templates.items():
        names = {m.group("named") or m.group("braced") for m in string.Template.pattern.finditer(template)
                 if m.group("named") or m.group("braced")}
        filled = sentence(key, **{name: "The model server" if name == "where" else "x" for name in names})
        if key in fragments:
            continue
        assert "\n" not in filled and filled.endswith((".", "?")), key
        assert filled[0].isupper(), key
        assert not re.search(r"[.!?]\s+[A-Z]", filled), f"{key} is more than one sentence: {filled!r}"
