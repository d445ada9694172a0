"""Fixtures of the reliability suite."""

from __future__ import annotations

from collections.abc import Iterator
import subprocess

import pytest


@pytest.fixture
def chroma_server_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, subprocess.Popen]]:
    """A real `chroma run` on 127.0.0.1 and its process (the test may freeze it)."""
    from tests.store.test_chroma_server import start_chroma_server

    yield from start_chroma_server(tmp_path_factory)
