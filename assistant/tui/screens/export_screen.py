"""Ctrl+S: ask where to write a draft (a file in the current directory by default), write it atomically in a
worker, and dismiss with the full path written. A failure (a folder that can't be made, no permission) is shown
in the dialog, so the marketer can type another path."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label

from assistant.tui.exporting import default_export_path, resolve_export_path
from assistant.tui.keys import CLOSE_DIALOG
from assistant.tui.readable import readable_error
from assistant.tui.texts import notice

if TYPE_CHECKING:
    from assistant.models import SavedDraft


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the absolute path written, or None when cancelled."""

    AUTO_FOCUS = "#export-path"
    BINDINGS = [CLOSE_DIALOG]

    class Written(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class Failed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, draft: SavedDraft, services: Any, *, directory: Path | None = None) -> None:
        super().__init__(id="export-screen")
        self.draft = draft
        self.services = services
        self.default = default_export_path(draft, directory)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label(notice("export_title", title=self.draft.title), id="export-title", classes="dialog-title", markup=False)
            yield Label(notice("export_path_label"))
            yield Input(str(self.default), id="export-path", select_on_focus=False)
            yield Label("", id="export-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-error").display = False
        path_input = self.query_one("#export-path", Input)
        path_input.cursor_position = len(path_input.value)

    def _submit(self) -> None:
        typed = self.query_one("#export-path", Input).value
        if not typed.strip():
            self._show_error(notice("export_no_path"))
            return
        self.query_one("#export-error").display = False
        self.write(resolve_export_path(typed, self.draft))

    @work(thread=True, exclusive=True, exit_on_error=False, group="export", description="Exporting a draft")
    def write(self, path: Path) -> None:
        try:
            written = self.services.export_draft(self.draft.id, path)
        except Exception as exc:  # noqa: BLE001 - shown in the dialog
            self.post_message(self.Failed(readable_error(exc)))
            return
        self.post_message(self.Written(Path(written).resolve()))

    def on_export_screen_written(self, message: ExportScreen.Written) -> None:
        self.dismiss(message.path)

    def on_export_screen_failed(self, message: ExportScreen.Failed) -> None:
        self._show_error(notice("export_failed", error=message.error).replace("**", ""))

    def _show_error(self, text: str) -> None:
        error = self.query_one("#export-error", Label)
        error.update(text)
        error.display = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self._submit()
        else:
            self.dismiss(None)
