"""The message input: a multi-line TextArea where Enter sends and Ctrl+J / Shift+Enter / Alt+Enter add a line."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import TextArea

# Enter sends. Which key adds a newline depends on the terminal: Ctrl+J sends a bare line feed everywhere;
# Shift+Enter is only distinct from Enter with the kitty keyboard protocol; Alt+Enter arrives as ESC+CR.
NEWLINE_KEYS = ("ctrl+j", "shift+enter", "alt+enter")


class PromptInput(TextArea):
    """Where the user types requests and slash commands.

    PageUp/PageDown scroll the chat log (the input is a few lines; paging it is useless), and so do Home/End when
    the input is empty (with text in it they move the cursor, as in any text field): the input posts
    ``ScrollLog`` and the screen scrolls."""

    @dataclass
    class ScrollLog(Message):
        """Scroll the chat log: 'page_up', 'page_down', 'top' or 'latest'."""

        where: str

    @dataclass
    class Submitted(Message):
        """The user pressed Enter on a non-empty input."""

        input: PromptInput
        text: str

        @property
        def control(self) -> PromptInput:
            return self.input

    def __init__(self, *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(
            id=id,
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            compact=True,
            placeholder=placeholder,
            highlight_cursor_line=False,
        )

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.submit()
            return
        if event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            start, end = self.selection
            self._replace_via_keyboard("\n", start, end)
            return
        await super()._on_key(event)

    def action_cursor_page_up(self) -> None:
        self.post_message(self.ScrollLog("page_up"))

    def action_cursor_page_down(self) -> None:
        self.post_message(self.ScrollLog("page_down"))

    def action_cursor_line_start(self, select: bool = False) -> None:
        if self.text or select:
            super().action_cursor_line_start(select)
        else:
            self.post_message(self.ScrollLog("top"))

    def action_cursor_line_end(self, select: bool = False) -> None:
        if self.text or select:
            super().action_cursor_line_end(select)
        else:
            self.post_message(self.ScrollLog("latest"))

    def submit(self) -> None:
        """Send the text (if any) and clear the input."""
        text = self.text.strip()
        if not text:
            return
        self.clear()
        self.post_message(self.Submitted(self, text))
