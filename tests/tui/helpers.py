"""Helpers for driving the chat with Pilot: wait for start-up, send a message, wait until everything settled."""

from __future__ import annotations

import time

from textual.pilot import Pilot

from assistant.tui.app import AssistantApp
from assistant.tui.screens.chat_screen import ChatScreen
from assistant.tui.widgets.chat_message import ChatMessage

TIMEOUT = 60.0


async def settle(pilot: Pilot[None], timeout: float = TIMEOUT) -> None:
    """Wait until no worker is running and every message posted by them has been handled."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers) and not chat(pilot).replying:
            await pilot.pause()
            return
    raise AssertionError("the app did not settle in time")


def chat(pilot: Pilot[None]) -> ChatScreen:
    app = pilot.app
    assert isinstance(app, AssistantApp)
    return app.chat


async def wait_ready(pilot: Pilot[None], timeout: float = TIMEOUT) -> ChatScreen:
    """Wait for the boot worker (services, brain, demo on first run) and for what it started."""
    screen = chat(pilot)
    deadline = time.monotonic() + timeout
    while not screen.ready and not screen.boot_error:
        assert time.monotonic() < deadline, "the chat did not start in time"
        await pilot.pause(0.05)
    assert not screen.boot_error, screen.boot_error
    await settle(pilot)
    return screen


async def send(pilot: Pilot[None], text: str, *, wait: bool = True) -> ChatMessage:
    """Type ``text`` into the input key by key (newlines with Ctrl+J), press Enter; return the reply's message."""
    screen = chat(pilot)
    screen.prompt.focus()
    screen.prompt.text = ""
    await pilot.press(*["ctrl+j" if char == "\n" else char for char in text])
    assert screen.prompt.text == text, f"typed {screen.prompt.text!r}"
    await pilot.press("enter")
    await pilot.pause()
    if wait:
        await settle(pilot)
    return last_reply(pilot)


def last_reply(pilot: Pilot[None]) -> ChatMessage:
    replies = [m for m in chat(pilot).chat_log.messages if m.role in ("assistant", "error")]
    assert replies, "no reply in the chat"
    return replies[-1]


def notices(pilot: Pilot[None]) -> list[str]:
    return [m.text for m in chat(pilot).chat_log.messages if m.role in ("notice", "error")]



class HeldBrain:
    """The real brain, except for the next request after ``hold()`` or ``fail()``: held streams a first fragment
    and then waits until it is stopped (Esc, or the app quitting), a reply caught mid-stream for keys and
    snapshots; failed streams the fragment and ends with the error a provider outage gives."""

    FRAGMENT = "Looking at **@trailtom**'s last 30 posts and northwind's guide… "
    ERROR = "The model server at http://localhost:11434/v1 stopped answering (timed out after 60 s)."

    def __init__(self, services: object) -> None:
        from assistant.brain import Brain

        self._brain = Brain(services)
        self._next: str | None = None

    def __getattr__(self, name: str) -> object:
        return getattr(self._brain, name)

    def hold(self) -> None:
        self._next = "hold"

    def fail(self) -> None:
        self._next = "fail"

    def handle(self, text: str, cancel: object = None):  # noqa: ANN201 - the brain's event iterator
        from assistant.brain.events import TextDelta, TurnFinished

        script, self._next = self._next, None
        if script == "hold":
            yield TextDelta(text=self.FRAGMENT)
            deadline = time.monotonic() + TIMEOUT
            while not getattr(cancel, "is_set", lambda: True)() and time.monotonic() < deadline:
                time.sleep(0.02)
            yield TurnFinished(status="stopped")
        elif script == "fail":
            yield TextDelta(text=self.FRAGMENT)
            yield TurnFinished(status="error", error=self.ERROR)
        else:
            yield from self._brain.handle(text, cancel)
