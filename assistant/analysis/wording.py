"""The words users read (reasons, risks, strengths, summary, check suggestions) come from
`prompts/analysis/wording.toml`; this module only looks them up and fills them in."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Any

from assistant.resources import read_prompt

WORDING_FILE = "analysis/wording.toml"


@lru_cache(maxsize=1)
def wording() -> dict[str, Any]:
    return tomllib.loads(read_prompt(WORDING_FILE))


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def say(key: str, **values: Any) -> str:
    """The template at dotted `key` (e.g. 'reason.voice.scored') filled with `values`."""
    node: Any = wording()
    for part in key.split("."):
        node = node[part]
    return str(node).format_map(_Blank(values)).strip()
