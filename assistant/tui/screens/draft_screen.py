"""A saved draft, rendered, with export and copy actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Markdown

if TYPE_CHECKING:
    from assistant.models import SavedDraft


class DraftScreen(ModalScreen[None]):
    """Shows one draft. Export and copy call back into the chat screen, which reports in the chat."""

    BINDINGS = [
        Binding("ctrl+s", "export", "Export", id="draft-export", tooltip="Export this draft to a Markdown file."),
        Binding("ctrl+g", "copy", "Copy", id="draft-copy", tooltip="Copy this draft's Markdown to the clipboard."),
        Binding("escape", "dismiss", "Close", id="draft-close", tooltip="Back to the chat."),
    ]

    def __init__(
        self, draft: SavedDraft, *, on_export: Callable[[SavedDraft], None], on_copy: Callable[[SavedDraft], None]
    ) -> None:
        super().__init__(id="draft-screen")
        self.draft = draft
        self._on_export = on_export
        self._on_copy = on_copy

    def compose(self) -> ComposeResult:
        with Vertical(id="draft-dialog"):
            yield Label(self.draft.title, id="draft-title", markup=False)
            with VerticalScroll(id="draft-body"):
                yield Markdown(self.draft.markdown, id="draft-markdown")
            with Horizontal(id="draft-buttons"):
                yield Button("Export", id="export", variant="primary", compact=True)
                yield Button("Copy", id="copy", compact=True)
                yield Button("Close", id="close", compact=True)
        yield Footer()

    def action_export(self) -> None:
        self._on_export(self.draft)

    def action_copy(self) -> None:
        self._on_copy(self.draft)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.action_export()
        elif event.button.id == "copy":
            self.action_copy()
        else:
            self.dismiss()
