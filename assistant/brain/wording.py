"""The router's fixed replies: ``prompts/brain/router.toml``, filled with ``string.Template``."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from string import Template
from typing import Any

from assistant.resources import prompts_dir


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, Any]:
    with (prompts_dir() / "brain" / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def say(key: str, **values: object) -> str:
    """The reply ``key`` from the router's wording file, with ``$placeholders`` filled (all must be given)."""
    template = _load("router")[key]
    return Template(template.strip()).substitute({k: "" if v is None else str(v) for k, v in values.items()})


def prompt_text(name: str) -> str:
    """A prompt file under ``prompts/brain/`` (e.g. 'system.md'), as text."""
    return (prompts_dir() / "brain" / name).read_text(encoding="utf-8")
