"""One message in the chat log: a Markdown body (streamed for replies) and a status line under it."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Markdown
from textual.widgets.markdown import MarkdownStream

from assistant.tui.texts import notice

Role = Literal["user", "assistant", "notice", "error"]


class ChatMessage(Vertical):
    """A user request, an assistant reply, or a notice. Replies stream in through ``stream()``."""

    def __init__(self, role: Role, markdown: str = "", *, status: str = "", id: str | None = None) -> None:
        super().__init__(id=id, classes=f"message -{role}")
        self.role: Role = role
        self.text = markdown  # everything received so far, whatever the Markdown widget has rendered yet
        self._initial = markdown
        self._status = status
        self._tools: list[str] = []
        self._stream: MarkdownStream | None = None

    def compose(self) -> ComposeResult:
        yield Markdown(self._initial, classes="body")
        yield Label(self._status, classes="status", markup=False)

    def on_mount(self) -> None:
        if self.role == "assistant" and not self._initial:
            self.add_class("-waiting")
            self.set_status()
        else:
            self.query_one(".status", Label).display = bool(self._status)

    @property
    def body(self) -> Markdown:
        return self.query_one(".body", Markdown)

    async def write(self, fragment: str) -> None:
        """Append a fragment of Markdown to a streaming reply."""
        if not fragment:
            return
        if self.has_class("-waiting"):
            self.remove_class("-waiting")
            self.set_status()
        self.text += fragment
        if self._stream is None:
            self._stream = Markdown.get_stream(self.body)
        await self._stream.write(fragment)

    async def replace(self, markdown: str) -> None:
        """Show ``markdown`` instead of what streamed (the brain corrected its reply after streaming)."""
        if self._stream is not None:
            await self._stream.stop()
            self._stream = None
        self.text = markdown
        await self.body.update(markdown)

    async def finish(self, status: Literal["complete", "stopped", "error"], note: str = "") -> None:
        """End the stream and mark the reply complete, stopped (partial text kept) or failed."""
        self.remove_class("-waiting")
        if self._stream is not None:
            await self._stream.stop()
            self._stream = None
        if status != "complete":
            self.add_class(f"-{status}")
        if status == "error" and not self.text.strip():
            # Nothing came before the failure: the error is the message.
            self.remove_class("-assistant")
            self.add_class("-error")
            self.text = note
            await self.body.update(note)
            note = ""
        self.set_status(note)

    @property
    def status_text(self) -> str:
        """What the line under the message says (tool activity, stopped, an error after a partial reply)."""
        return self._status

    def tool_started(self, label: str) -> None:
        self._tools.append(f"⚙ {label}")
        self.set_status()

    def tool_finished(self, label: str, ok: bool) -> None:
        mark = "✓" if ok else "✗"
        for index in range(len(self._tools) - 1, -1, -1):
            if self._tools[index].startswith("⚙ "):
                self._tools[index] = f"{mark} {label}"
                break
        else:
            self._tools.append(f"{mark} {label}")
        self.set_status()

    def set_status(self, note: str = "") -> None:
        """Show the tool activity and an optional note (stopped, error...) under the message."""
        lines = [*self._tools, note] if note else list(self._tools)
        if self.has_class("-waiting"):
            lines.append(notice("thinking"))
        self._status = "\n".join(line for line in lines if line)
        label = self.query_one(".status", Label)
        label.update(self._status)
        label.display = bool(self._status)
