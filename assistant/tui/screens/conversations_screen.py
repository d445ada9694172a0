"""Past conversations, newest first; selecting one reopens it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

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

    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="close-conversations", tooltip="Back to the chat.")]

    def __init__(self, conversations: list[Any], current: str | None = None) -> None:
        super().__init__(id="conversations-screen")
        # Every start opens a fresh conversation; the empty ones aren't worth listing.
        self._conversations = [c for c in conversations if c.turns or c.id == current]
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="conversations-dialog"):
            yield Label("Past conversations", id="conversations-title")
            if self._conversations:
                options = [
                    Option(("▸ " if c.id == self._current else "  ") + conversation_label(c), id=c.id)
                    for c in self._conversations
                ]
                yield OptionList(*options, id="conversations")
            else:
                yield Label(notice("no_conversations"), id="conversations-empty")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
