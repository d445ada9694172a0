"""Where bundled files live: prompts, sample voice guides and demo feeds, in a checkout or an installed wheel."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # In a wheel, pyproject force-includes the top-level folders under assistant/_bundled/.
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder '{name}' is missing from the installation")


def prompts_dir() -> Path:
    return _find("prompts")


def voice_guides_dir() -> Path:
    return _find("voice_guides")


def demo_feeds_dir() -> Path:
    return _PACKAGE / "demo_data" / "feeds"


@lru_cache(maxsize=None)
def read_prompt(relative: str) -> str:
    """Text of a prompt or wording file under prompts/, e.g. read_prompt('offline/brief.toml')."""
    return (prompts_dir() / relative).read_text(encoding="utf-8")
