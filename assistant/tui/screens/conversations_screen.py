"""Past conversations, newest first; selecting one reopens it. The screen lists them itself, in a worker."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from assistant.tui.keys import CLOSE_DIALOG
from assistant.tui.readable import readable_error
from assistant.tui.texts import notice


def conversation_label(summary: Any) -> str:
    """One line per conversation: title, the pair it was about, how many turns, when."""
    title = summary.title or "(untitled)"
    pair = " × ".join(x for x in (f"@{summary.influencer}" if summary.influencer else "", summary.brand or "") if x)
    when = summary.updated_at.strftime("%Y-%m-%d %H:%M")
    parts = [title, pair, f"{summary.turns} turns", when]
    return " · ".join(p for p in parts if p)


class ConversationsScreen(ModalScreen[str | None]):
    """Dismisses with the chosen conversation's id, or None."""

    AUTO_FOCUS = "#conversations"
    BINDINGS = [CLOSE_DIALOG]

    class Listed(Message):
        def __init__(self, conversations: list[Any], error: str = "") -> None:
            super().__init__()
            self.conversations = conversations
            self.error = error

    def __init__(self, services: Any, current: str | None = None) -> None:
        super().__init__(id="conversations-screen")
        self.services = services
        self.current = current
        self.conversations: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="conversations-dialog", classes="dialog"):
            yield Label("Past conversations", id="conversations-title", classes="dialog-title")
            yield Label(notice("loading"), id="conversations-empty", markup=False)
            yield OptionList(id="conversations")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#conversations").display = False
        self.list_conversations()

    @work(thread=True, exclusive=True, exit_on_error=False, group="conversations", description="Listing conversations")
    def list_conversations(self) -> None:
        try:
            from assistant.brain import list_conversations

            self.post_message(self.Listed(list_conversations(self.services)))
        except Exception as exc:  # noqa: BLE001 - shown in the dialog
            self.post_message(self.Listed([], notice("unexpected_error", error=readable_error(exc))))

    def on_conversations_screen_listed(self, message: ConversationsScreen.Listed) -> None:
        # Every start opens a fresh conversation; the empty ones aren't worth listing.
        self.conversations = [c for c in message.conversations if c.turns or c.id == self.current]
        empty = self.query_one("#conversations-empty", Label)
        options = self.query_one("#conversations", OptionList)
        if not self.conversations:
            empty.update(message.error or notice("no_conversations"))
            return
        options.add_options(
            Option(("▸ " if c.id == self.current else "  ") + conversation_label(c), id=c.id) for c in self.conversations
        )
        empty.display = False
        options.display = True
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
