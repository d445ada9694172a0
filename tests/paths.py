"""Where the tests' own data lives. Everything is inside the repository: tests read nothing beside it."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = REPO / "tests" / "data"
# Published voice guides whose licences allow redistribution; sources and licences in SOURCES.md beside them.
REAL_GUIDES = TEST_DATA / "real_voice_guides"
