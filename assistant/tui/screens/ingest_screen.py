"""Ingest a file: a voice guide, or a creator's posts (then with their handle). The dialog runs the ingest in its
own worker and shows its progress (posts read, then posts written); it dismisses with what was added, or shows
the error (naming the file and line) and stays open so the path can be fixed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, ProgressBar

from assistant.tui.keys import CLOSE_DIALOG
from assistant.tui.readable import readable_error
from assistant.tui.texts import notice
from assistant.tui.widgets.context_panel import Choices, store_choices


@dataclass(frozen=True)
class IngestRequest:
    path: Path
    handle: str | None  # None: the file is a voice guide


@dataclass(frozen=True)
class IngestOutcome:
    """What an ingest added (a line for the chat) and the store's brands and creators after it."""

    summary: str
    brands: Choices
    influencers: Choices


class IngestScreen(ModalScreen[IngestOutcome | None]):
    AUTO_FOCUS = "#ingest-path"
    BINDINGS = [CLOSE_DIALOG]

    class Progress(Message):
        def __init__(self, stage: str, done: int, total: int) -> None:
            super().__init__()
            self.stage = stage
            self.done = done
            self.total = total

    class Done(Message):
        def __init__(self, outcome: IngestOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    class Failed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, services: Any) -> None:
        super().__init__(id="ingest-screen")
        self.services = services

    def compose(self) -> ComposeResult:
        with Vertical(id="ingest-dialog", classes="dialog"):
            yield Label("Ingest a file", id="ingest-title", classes="dialog-title")
            yield Label(notice("ingest_path_label"))
            yield Input(placeholder="~/Downloads/guide.md", id="ingest-path")
            yield Label(notice("ingest_handle_label"))
            yield Input(placeholder="@handle", id="ingest-handle")
            with Vertical(id="ingest-progress"):
                yield Label("", id="ingest-stage", markup=False)
                yield ProgressBar(id="ingest-bar", show_eta=False)
            yield Label("", id="ingest-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Ingest", id="ingest", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ingest-progress").display = False
        self.query_one("#ingest-error").display = False

    @property
    def running(self) -> bool:
        return any(w.group == "ingest" and w.is_running for w in self.workers)

    def request(self) -> IngestRequest | None:
        path = self.query_one("#ingest-path", Input).value.strip()
        if not path:
            return None
        handle = self.query_one("#ingest-handle", Input).value.strip() or None
        return IngestRequest(Path(path).expanduser(), handle)

    def _submit(self) -> None:
        request = self.request()
        if request is None:
            self._show_error(notice("ingest_no_path"))
            return
        if self.running:
            return
        self._busy(True)
        self._stage(notice("ingest_reading", name=request.path.name), None, None)
        self.ingest(request)

    def _busy(self, busy: bool) -> None:
        for widget in self.query("#ingest-dialog Input, #ingest"):
            widget.disabled = busy
        self.query_one("#ingest-progress").display = busy
        if busy:
            self.query_one("#ingest-error").display = False

    def _stage(self, text: str, done: int | None, total: int | None) -> None:
        self.query_one("#ingest-stage", Label).update(text)
        bar = self.query_one("#ingest-bar", ProgressBar)
        bar.display = total is not None  # no indeterminate (animated) bar: a guide is read in one step
        if total is not None:
            bar.update(total=max(total, 1), progress=done or 0)

    @work(thread=True, exclusive=True, exit_on_error=False, group="ingest", description="Ingesting a file")
    def ingest(self, request: IngestRequest) -> None:
        name = request.path.name
        try:
            if request.handle:
                profile, result = self.services.ingest_posts(
                    request.path,
                    request.handle,
                    progress=lambda done, total: self.post_message(self.Progress(notice("ingest_reading_posts", name=name), done, total)),
                    write_progress=lambda done, total: self.post_message(self.Progress(notice("ingest_writing_posts"), done, total)),
                )
                summary = notice(
                    "ingested_posts", posts=result.total, handle=profile.handle,
                    added=result.added, updated=result.updated, unchanged=result.unchanged,
                )
            else:
                guide, result = self.services.ingest_guide(request.path)
                summary = notice(
                    "ingested_guide", name=guide.name, brand=guide.brand,
                    added=result.added, updated=result.updated, unchanged=result.unchanged,
                )
            brands, influencers = store_choices(self.services)
        except Exception as exc:  # noqa: BLE001 - shown in the dialog
            self.post_message(self.Failed(readable_error(exc)))
            return
        self.post_message(self.Done(IngestOutcome(summary, brands, influencers)))

    def on_ingest_screen_progress(self, message: IngestScreen.Progress) -> None:
        self._stage(notice("ingest_progress", stage=message.stage, done=message.done, total=message.total),
                    message.done, message.total)

    def on_ingest_screen_done(self, message: IngestScreen.Done) -> None:
        self.dismiss(message.outcome)

    def on_ingest_screen_failed(self, message: IngestScreen.Failed) -> None:
        self._busy(False)
        self._show_error(notice("ingest_failed", error=message.error).replace("**", ""))

    def _show_error(self, text: str) -> None:
        error = self.query_one("#ingest-error", Label)
        error.update(text)
        error.display = True

    def action_cancel(self) -> None:
        # A running ingest finishes in the background (the store stays whole either way); its result still
        # reaches the chat through the panel's next listing.
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "ingest-path":
            self.query_one("#ingest-handle", Input).focus()
        else:
            self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ingest":
            self._submit()
        else:
            self.action_cancel()
