"""F1: every key binding (from the bindings' ids, descriptions and tooltips) and how to write in the input."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

from assistant.tui.keys import CLOSE_DIALOG
from assistant.tui.texts import help_intro


# Key names written as on a keyboard's keycaps (the rest are capitalised: Ctrl+P, F1, Home).
KEYCAPS = {"pageup": "PageUp", "pagedown": "PageDown", "escape": "Esc", "pgup": "PageUp", "pgdn": "PageDown"}

BindingGroup = tuple[str, Iterable[BindingType]]
"""A section of the help: its heading and the bindings of one screen."""


def key_label(key: str) -> str:
    """'ctrl+p' -> 'Ctrl+P', 'pageup' -> 'PageUp', 'escape' -> 'Esc': the way the help's own prose writes keys."""
    parts = key.strip().split("+")
    return "+".join(KEYCAPS.get(part, part.upper() if len(part) == 1 else part.capitalize()) for part in parts)


def binding_rows(app: App[object], bindings: Iterable[BindingType], seen: set[str]) -> list[tuple[str, str, str, str]]:
    """(keys, name, id, what it does) for every binding with an id not in ``seen``, in declaration order."""
    rows: list[tuple[str, str, str, str]] = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.id or binding.id in seen:
            continue
        seen.add(binding.id)
        keys = getattr(app, "keymap", {}).get(binding.id, binding.key)  # the key in use, if the keymap changed it
        keys = " / ".join(key_label(key) for key in keys.split(","))
        rows.append((keys, binding.description or binding.id, binding.id, binding.tooltip))
    return rows


def help_markdown(app: App[object], groups: Iterable[BindingGroup]) -> str:
    """The help text: the intro from prompts/tui/help.md, then one table of key bindings per screen, each
    binding once, with the id a keymap would use."""
    lines = [help_intro().rstrip()]
    seen: set[str] = set()
    for heading, bindings in groups:
        rows = binding_rows(app, bindings, seen)
        if not rows:
            continue
        lines += ["", f"### {heading}", "", "| Keys | Action | Id | What it does |", "|---|---|---|---|"]
        lines += [f"| {keys} | {name} | `{bid}` | {tooltip} |" for keys, name, bid, tooltip in rows]
    return "\n".join(lines) + "\n"


class HelpScreen(ModalScreen[None]):
    """Built from the bindings passed in, so it can't drift from what the keys really do."""

    BINDINGS = [
        CLOSE_DIALOG,
        Binding("f1,q", "dismiss", "Close help", id="close-help", tooltip="Close the help (Esc works too)."),
    ]

    def __init__(self, groups: Iterable[BindingGroup]) -> None:
        super().__init__(id="help-screen")
        self._groups = [(heading, list(bindings)) for heading, bindings in groups]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_markdown(self.app, self._groups), id="help-text")
        yield Footer()
