"""The offline engine's wording: TOML files under ``prompts/offline/``, filled with ``string.Template``.

Keeping every sentence in files means a marketer can reword a brief without touching code, and a test can
check that no template is left with an unfilled placeholder.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from string import Template
from typing import Any

from assistant.resources import prompts_dir

_LEFTOVER = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")


@lru_cache(maxsize=None)
def load(name: str, folder: str = "offline") -> dict[str, Any]:
    """The parsed TOML file ``prompts/<folder>/<name>.toml``."""
    path = prompts_dir() / folder / f"{name}.toml"
    with path.open("rb") as handle:
        return tomllib.load(handle)


def get(name: str, dotted: str, folder: str = "offline") -> Any:
    """A value from a wording file by dotted key, e.g. ``get("brief", "approval.text")``."""
    node: Any = load(name, folder)
    for part in dotted.split("."):
        node = node[part]
    return node


def fill(template: str, **values: object) -> str:
    """Fill ``$placeholders``; a placeholder without a value is an error (a wording file out of step with code)."""
    return Template(template).substitute({k: "" if v is None else str(v) for k, v in values.items()})


def render(name: str, dotted: str, **values: object) -> str:
    """Fill the template at ``dotted`` in wording file ``name``."""
    return fill(get(name, dotted), **values)


def has_leftover_placeholder(text: str) -> bool:
    """True when text still holds a ``$placeholder`` (used by tests over every rendered draft)."""
    return bool(_LEFTOVER.search(text))
