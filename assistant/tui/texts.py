"""The chat's user-facing wording, read from ``prompts/tui/`` (welcome, help, short notices)."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from string import Template

from assistant.resources import read_prompt


@lru_cache(maxsize=1)
def _notices() -> dict[str, str]:
    return tomllib.loads(read_prompt("tui/notices.toml"))


def notice(key: str, **values: object) -> str:
    """A short message from ``prompts/tui/notices.toml`` with its ``$placeholders`` filled in."""
    return Template(_notices()[key]).safe_substitute({k: str(v) for k, v in values.items()})


def welcome() -> str:
    """The welcome Markdown shown at the top of a new conversation: what the assistant does, three things to try."""
    return read_prompt("tui/welcome.md")


def welcome_markup() -> str:
    """The welcome as Textual markup for a plain ``Static``: what the first frame shows, before the Markdown
    widget (and markdown-it) are loaded. Bold stays bold, code spans lose their ticks, ``- `` items get bullets."""
    from textual.markup import escape

    lines = []
    for line in welcome().strip().splitlines():
        line = escape(line)
        line = re.sub(r"\*\*(.+?)\*\*", r"[b]\1[/b]", line)
        line = re.sub(r"`([^`]+)`", r"\1", line)
        lines.append(re.sub(r"^- ", "• ", line))
    return "\n".join(lines)


def demo_loaded(demo: dict[str, int]) -> str:
    """The first-run line: what demo data was loaded (``brands``, ``influencers``, ``posts`` counts)."""
    return Template(read_prompt("tui/demo_loaded.md")).safe_substitute({k: str(v) for k, v in demo.items()}).strip()


def help_intro() -> str:
    """The help screen's Markdown, before the generated table of keys."""
    return read_prompt("tui/help.md")
