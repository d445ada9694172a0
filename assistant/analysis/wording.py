"""The words users read (reasons, risks, strengths, summary, check suggestions) come from
`prompts/analysis/wording.toml`; this module only looks them up and fills them in."""

from __future__ import annotations

import string
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


class _Counting(string.Formatter):
    """``{n:post}`` is "1 post" / "4 posts" (assistant.plural): templates never write "post(s)"."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec[:1].isalpha():
            from assistant.plural import plural

            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, int) and not isinstance(value, bool):
                return plural(value, format_spec)
            if isinstance(value, float):
                return f"{value:g} {plural(2, format_spec).split(' ', 1)[1]}"
            return str(value)  # a placeholder left blank
        return super().format_field(value, format_spec)


_FORMATTER = _Counting()


def say(key: str, **values: Any) -> str:
    """The template at dotted `key` (e.g. 'reason.voice.scored') filled with `values`."""
    node: Any = wording()
    for part in key.split("."):
        node = node[part]
    return _FORMATTER.vformat(str(node), (), _Blank(values)).strip()
