"""Fixtures for the brain's tests: a demo store built once per session and copied into each test's data dir."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.brain import Brain
from assistant.config import Settings
from assistant.services import Services


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding the demo brands and creators (built once; tests get copies)."""
    data_dir = tmp_path_factory.mktemp("demo-template")
    with pytest.MonkeyPatch.context() as patch:  # no real config file may leak into the template
        patch.setenv("ASSISTANT_CONFIG_FILE", str(data_dir / "no-config.toml"))
        Services(Settings(data_dir=data_dir, llm_provider="offline", embedding="hashing")).load_demo()
    return data_dir


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own copy of the demo data dir, also set as ASSISTANT_DATA_DIR (for the CLI)."""
    data_dir = tmp_path / "data"
    shutil.copytree(demo_template, data_dir)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
    return data_dir


@pytest.fixture
def offline_services(demo_dir: Path) -> Services:
    return Services(Settings(data_dir=demo_dir, llm_provider="offline"))


@pytest.fixture
def brain(offline_services: Services) -> Brain:
    return Brain(offline_services)
