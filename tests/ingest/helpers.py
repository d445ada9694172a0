"""Paths and a file-writing helper shared by the ingest tests."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
from tests.paths import REAL_GUIDES  # noqa: E402,F401
DEMO_GUIDES = REPO / "voice_guides"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """A file in tmp_path with exactly these bytes (str is written as UTF-8, newlines untouched)."""
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path
