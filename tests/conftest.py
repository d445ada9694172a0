"""Shared fixtures. Every test gets its own data dir and config file; nothing touches the network."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["tests.fakes.fixtures"]

REPO = Path(__file__).resolve().parents[1]
from tests.paths import REAL_GUIDES  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point data and config at a temp dir and drop any real provider settings from the environment."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("ASSISTANT_CONFIG_FILE", str(home / "config.toml"))
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ASSISTANT_LLM_PROVIDER", "ASSISTANT_LLM_BASE_URL",
                "ASSISTANT_CHROMA_URL", "ASSISTANT_EMBEDDING", "ASSISTANT_OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(autouse=True)
def fresh_feature_cache():
    """Each test starts with an empty analysis cache (kept work must never carry one test's monkeypatches or
    data into another)."""
    from assistant.analysis import feature_cache

    feature_cache.reset()
    yield
    feature_cache.reset()


@pytest.fixture
def settings(isolated_env: Path):
    from assistant.config import Settings

    return Settings()


@pytest.fixture
def real_guides_dir() -> Path:
    if not REAL_GUIDES.is_dir():
        pytest.skip(f"real voice guides not found at {REAL_GUIDES}")
    return REAL_GUIDES
