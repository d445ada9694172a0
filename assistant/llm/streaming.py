"""Stream a reply and keep what arrived, even when the stream fails half-way.

A chat face shows text as it streams; if the server drops the connection (or a proxy ends the stream early
without a ``finish_reason``) the user should keep the partial answer and get one clear line about what happened.
``stream_reply`` / ``astream_reply`` do exactly that: they return a :class:`StreamedReply`, or raise a
:class:`~assistant.llm.errors.ModelCallError` whose ``partial_text`` is the text received so far.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.llm.errors import friendly_error, stream_ended_early

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel
    from langchain_core.messages import AIMessageChunk

    from assistant.config import Settings


@dataclass
class StreamedReply:
    """A finished streamed reply: its text, the merged message (tool calls, usage), and why it stopped."""

    text: str
    message: AIMessageChunk | None = None
    finish_reason: str | None = None
    usage: dict[str, Any] | None = field(default=None)

    @property
    def tool_calls(self) -> list[dict[str, Any]]:
        return list(self.message.tool_calls) if self.message is not None else []


class _Collector:
    """Merges chunks as they come and remembers the finish reason."""

    def __init__(self) -> None:
        self.message: AIMessageChunk | None = None
        self.parts: list[str] = []
        self.finish_reason: str | None = None

    def add(self, chunk: AIMessageChunk) -> str:
        self.message = chunk if self.message is None else self.message + chunk
        reason = (chunk.response_metadata or {}).get("finish_reason")
        if reason:
            self.finish_reason = reason
        text = chunk.text if isinstance(chunk.text, str) else str(chunk.content or "")
        if text:
            self.parts.append(text)
        return text

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def result(self, settings: Settings | None) -> StreamedReply:
        if self.finish_reason is None:
            raise stream_ended_early(settings, self.text)
        usage = dict(self.message.usage_metadata) if self.message is not None and self.message.usage_metadata else None
        return StreamedReply(self.text, self.message, self.finish_reason, usage)


def stream_reply(
    model: BaseChatModel,
    messages: Sequence[Any] | str,
    *,
    on_text: Callable[[str], None] | None = None,
    settings: Settings | None = None,
    **kwargs: Any,
) -> StreamedReply:
    """Stream ``messages`` through ``model``, calling ``on_text(delta)`` for each piece of text.

    Raises :class:`ModelCallError` (with ``partial_text``) on any failure, including a stream that ends without
    a finish reason.
    """
    collector = _Collector()
    try:
        for chunk in model.stream(messages, **kwargs):
            text = collector.add(chunk)  # type: ignore[arg-type]
            if text and on_text is not None:
                on_text(text)
    except Exception as exc:  # noqa: BLE001 - every failure is explained, with the partial text kept
        raise friendly_error(exc, settings=settings, partial_text=collector.text) from exc
    return collector.result(settings)


async def astream_reply(
    model: BaseChatModel,
    messages: Sequence[Any] | str,
    *,
    on_text: Callable[[str], Awaitable[None] | None] | None = None,
    settings: Settings | None = None,
    **kwargs: Any,
) -> StreamedReply:
    """Async :func:`stream_reply`; ``on_text`` may be a plain function or a coroutine function."""
    collector = _Collector()
    try:
        async for chunk in model.astream(messages, **kwargs):
            text = collector.add(chunk)  # type: ignore[arg-type]
            if text and on_text is not None:
                outcome = on_text(text)
                if inspect.isawaitable(outcome):
                    await outcome
    except Exception as exc:  # noqa: BLE001
        raise friendly_error(exc, settings=settings, partial_text=collector.text) from exc
    return collector.result(settings)
