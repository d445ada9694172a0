"""Ask for a file to ingest: a voice guide, or a creator's posts (then with their handle)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label

from assistant.tui.texts import notice


@dataclass(frozen=True)
class IngestRequest:
    path: Path
    handle: str | None  # None: the file is a voice guide


class IngestScreen(ModalScreen[IngestRequest | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cancel-ingest", tooltip="Back without ingesting.")]

    def compose(self) -> ComposeResult:
        with Vertical(id="ingest-dialog"):
            yield Label("Ingest a file", id="ingest-title")
            yield Label(notice("ingest_path_label"))
            yield Input(placeholder="~/Downloads/guide.md", id="ingest-path")
            yield Label(notice("ingest_handle_label"))
            yield Input(placeholder="@handle", id="ingest-handle")
            with Horizontal(id="ingest-buttons"):
                yield Button("Ingest", id="ingest", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def _submit(self) -> None:
        path = self.query_one("#ingest-path", Input).value.strip()
        if not path:
            self.notify(notice("ingest_no_path"), severity="warning")
            return
        handle = self.query_one("#ingest-handle", Input).value.strip() or None
        self.dismiss(IngestRequest(Path(path).expanduser(), handle))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "ingest-path":
            self.query_one("#ingest-handle", Input).focus()
        else:
            self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ingest":
            self._submit()
        else:
            self.dismiss(None)
