"""The scrolling chat log. It follows the bottom while replies stream, until the user scrolls up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.geometry import Size

if TYPE_CHECKING:
    from assistant.tui.widgets.chat_message import ChatMessage, Role


class ChatLog(VerticalScroll):
    """A column of ``ChatMessage`` widgets that follows the latest one (``follow()``).

    Following is Textual's anchor, but only once the messages fill the window: an anchored container lays short
    content out at its bottom, which would leave the welcome under a blank screen. So messages sit at the top,
    like a page, until they overflow; from then on the log stays at the bottom until the user scrolls up.

    ``ChatMessage`` (and with it Textual's Markdown and markdown-it) is imported on the first ``add``, not with
    this module: the first frame shows a plain welcome and doesn't need them."""

    def on_mount(self) -> None:
        self.follow()

    async def add(self, role: Role, markdown: str = "", *, status: str = "") -> ChatMessage:
        """Append a message and return it (a reply is then streamed into it)."""
        from assistant.tui.widgets.chat_message import ChatMessage

        message = ChatMessage(role, markdown, status=status)
        await self.mount(message)
        self.follow()
        return message

    def follow(self) -> None:
        """Show the latest message and keep it in view as it grows (after a new message, Ctrl+End, End)."""
        self._anchor_if_full()
        self.scroll_end(animate=False, immediate=True)

    @property
    def full(self) -> bool:
        """Whether the messages are taller than the window."""
        return self.virtual_size.height > self.scrollable_content_region.height

    def _anchor_if_full(self) -> None:
        if self.full and not self.is_anchored:
            self.anchor()
        elif not self.full and self.is_anchored:
            self.anchor(False)

    def watch_virtual_size(self, size: Size) -> None:
        self._anchor_if_full()

    def on_resize(self) -> None:
        self._anchor_if_full()

    async def clear(self) -> None:
        await self.remove_children()

    @property
    def messages(self) -> list[ChatMessage]:
        from assistant.tui.widgets.chat_message import ChatMessage

        return list(self.query(ChatMessage))
