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
def fresh_feature_cache(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """Each test starts with an empty analysis cache, kept in memory only: kept work must never carry one
    test's monkeypatches or data into another (a data dir may be shared by a module's tests). A test that
    asks for `analysis_cache_on_disk` gets the services' real cache file in the data dir."""
    from assistant.analysis import feature_cache

    feature_cache.reset()
    if "analysis_cache_on_disk" not in request.fixturenames:
        monkeypatch.setattr(feature_cache, "configure", lambda path: feature_cache.current())
    yield
    feature_cache.reset()


@pytest.fixture
def analysis_cache_on_disk() -> None:
    """Opt in: Services keep analysis work in the data dir's cache file, as in production."""


@pytest.fixture
def settings(isolated_env: Path):
    from assistant.config import Settings

    return Settings()


@pytest.fixture
def real_guides_dir() -> Path:
    if not REAL_GUIDES.is_dir():
        pytest.skip(f"real voice guides not found at {REAL_GUIDES}")
    return REAL_GUIDES
