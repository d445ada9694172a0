"""Pytest fixtures for the fake OpenAI-compatible server (load with ``pytest_plugins = ["tests.fakes.fixtures"]``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from tests.fakes.openai_server import FakeOpenAIServer


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    """A started fake server on 127.0.0.1 (fresh per test); stopped afterwards."""
    server = FakeOpenAIServer().start()
    try:
        yield server
    finally:
        server.stop()


def settings_for(server: FakeOpenAIServer, tmp_path: Path, **overrides: Any) -> Settings:
    """Settings that point the assistant at ``server`` as an OpenAI-compatible provider.

    Defaults keep tests fast: no retries and a short timeout. Override any Settings field by name; pass
    ``OPENAI_API_KEY=None`` for a keyless local server (the key field is read through that alias).
    """
    values: dict[str, Any] = {
        "data_dir": tmp_path,
        "llm_provider": "compatible",
        "llm_base_url": server.base_url,
        "llm_model": "fake-model",
        "OPENAI_API_KEY": "test-key",
        "llm_max_retries": 0,
        "llm_timeout": 5.0,
    }
    if "openai_api_key" in overrides:  # accept the field name too
        overrides["OPENAI_API_KEY"] = overrides.pop("openai_api_key")
    values.update(overrides)
    return Settings(**values)
