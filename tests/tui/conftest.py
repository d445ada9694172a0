"""Fixtures for the chat's tests: a demo store built once per session and copied into each test's data dir,
and apps built through the same factory ``run_chat`` uses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import Settings


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding the demo brands and creators (loaded once with ``services.load_demo()``)."""
    from assistant.services import Services

    data_dir = tmp_path_factory.mktemp("tui-demo-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASSISTANT_CONFIG_FILE", str(data_dir / "no-config.toml"))
        Services(Settings(data_dir=data_dir, llm_provider="offline")).load_demo()
    return data_dir


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    """This test's own copy of the demo data dir."""
    data_dir = tmp_path / "data"
    shutil.copytree(demo_template, data_dir)
    return data_dir


@pytest.fixture
def offline_settings(demo_dir: Path) -> Settings:
    return Settings(data_dir=demo_dir, llm_provider="offline")
