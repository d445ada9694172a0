"""The brain's fixed wording: ``prompts/brain/router.toml`` (the offline router's replies) and
``prompts/brain/agent.toml`` (what the agent's rails say to the model and the user), filled with
``string.Template``. ``prompts/brain/system.md`` is the agent's system prompt."""

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


def _fill(name: str, key: str, values: dict[str, object]) -> str:
    node: Any = _load(name)
    for part in key.split("."):
        node = node[part]
    template = str(node)
    return Template(template.strip()).substitute({k: "" if v is None else str(v) for k, v in values.items()})


def say(key: str, **values: object) -> str:
    """The router's reply ``key``, with ``$placeholders`` filled (all must be given)."""
    return _fill("router", key, values)


def agent_text(key: str, **values: object) -> str:
    """The agent's wording ``key`` (e.g. 'model.budget_spent'), filled; each is one paragraph, on one line."""
    return " ".join(_fill("agent", key, values).split())


def prompt_text(name: str) -> str:
    """A prompt file under ``prompts/brain/`` (e.g. 'system.md'), as text."""
    return (prompts_dir() / "brain" / name).read_text(encoding="utf-8")
