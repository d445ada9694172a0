"""F1: every key binding (from the bindings' ids, descriptions and tooltips) and how to write in the input."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

from assistant.tui.texts import help_intro


def binding_rows(app: App[object], groups: Iterable[Iterable[BindingType]]) -> list[tuple[str, str, str]]:
    """(keys, name, what it does) for every binding with an id, in declaration order, each id once."""
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for bindings in groups:
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.id or binding.id in seen:
                continue
            seen.add(binding.id)
            keys = " / ".join(app.get_key_display(Binding(key, binding.action)) for key in binding.key.split(","))
            rows.append((keys, binding.description or binding.id, binding.tooltip))
    return rows


def help_markdown(app: App[object], groups: Iterable[Iterable[BindingType]]) -> str:
    """The help text: the intro from prompts/tui/help.md, then a table of the key bindings."""
    lines = [help_intro().rstrip(), "", "| Keys | Action | What it does |", "|---|---|---|"]
    lines += [f"| {keys} | {name} | {tooltip} |" for keys, name, tooltip in binding_rows(app, groups)]
    lines += ["| Ctrl+P | Palette | Every action, searchable: fit, brief, outreach, check, switch, ingest, export... |"]
    return "\n".join(lines) + "\n"


class HelpScreen(ModalScreen[None]):
    """Built from the bindings passed in, so it can't drift from what the keys really do."""

    BINDINGS = [
        Binding("escape,f1,q", "dismiss", "Close", id="close-help", tooltip="Close the help."),
    ]

    def __init__(self, groups: Iterable[Iterable[BindingType]]) -> None:
        super().__init__(id="help-screen")
        self._groups = [list(g) for g in groups]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_markdown(self.app, self._groups), id="help-text")
        yield Footer()
