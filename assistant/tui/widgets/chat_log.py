"""The scrolling chat log. It follows the bottom while replies stream, until the user scrolls up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll

if TYPE_CHECKING:
    from assistant.tui.widgets.chat_message import ChatMessage, Role


class ChatLog(VerticalScroll):
    """A column of ``ChatMessage`` widgets, anchored to the bottom (``anchor()``).

    ``ChatMessage`` (and with it Textual's Markdown and markdown-it) is imported on the first ``add``, not with
    this module: the first frame shows a plain welcome and doesn't need them."""

    def on_mount(self) -> None:
        self.anchor()

    async def add(self, role: Role, markdown: str = "", *, status: str = "") -> ChatMessage:
        """Append a message and return it (a reply is then streamed into it)."""
        from assistant.tui.widgets.chat_message import ChatMessage

        message = ChatMessage(role, markdown, status=status)
        await self.mount(message)
        self.anchor()
        return message

    async def clear(self) -> None:
        await self.remove_children()

    @property
    def messages(self) -> list[ChatMessage]:
        from assistant.tui.widgets.chat_message import ChatMessage

        return list(self.query(ChatMessage))
