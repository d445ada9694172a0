"""SVG snapshots of every screen and every state a user sees (issue #15), in both themes at 80x24 and 120x35
(pytest-textual-snapshot's ``snap_compare``).

The app is built through ``make_app`` (what ``run_chat`` uses) on a copy of a demo store loaded with
``services.load_demo()``. Deterministic on purpose:
- no clock: HOME is the test dir (the status line shows ``~/data/...``), the history's timestamps are pinned, the
  brief has a fixed start date;
- no randomness: draft and conversation ids come from a counter;
- no animation: cursors don't blink, the ingest shows a determinate bar without ETA, and the replies caught
  mid-stream (streaming, error) come from ``HeldBrain``, which holds the turn still until the app quits.
Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

import itertools
import time
import types
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.worker import get_current_worker

import assistant.history.database as history_database
from assistant.config import Settings
from assistant.tui.app import AssistantApp, make_app
from tests.tui.helpers import TIMEOUT, HeldBrain, chat, send, settle, wait_ready

SIZES = {"80x24": (80, 24), "120x35": (120, 35)}
THEMES = {"dark": "textual-dark", "light": "textual-light"}
FIT = "is @trailtom a fit for northwind?"
BRIEF = "/brief lumen @dr.dewy barrier serum launch --goal conversions --start 2027-03-02"
NOW = "2027-03-01T09:30:00+00:00"


@pytest.fixture
def snapshot_app(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AssistantApp]:
    monkeypatch.setenv("HOME", str(demo_dir.parent))
    counter = itertools.count(1)
    # Ids from a counter, in the digits an id keeps (the first ten): 0000000001, 0000000002...
    monkeypatch.setattr(history_database, "uuid",
                        types.SimpleNamespace(uuid4=lambda: uuid.UUID(hex=f"{next(counter):010d}".ljust(32, "0"))))
    monkeypatch.setattr(history_database, "_now", lambda: NOW)

    def build(theme: str) -> AssistantApp:
        return make_app(Settings(data_dir=demo_dir, llm_provider="offline", theme=THEMES[theme]), brain_factory=HeldBrain)

    return build


async def still(pilot: Pilot[None]) -> None:
    """No blinking cursor anywhere on screen (the input, and the dialogs' fields)."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, (Input, TextArea))
        widget.cursor_blink = False
    await pilot.pause()


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, "the state to snapshot never came"
        await pilot.pause(0.05)
    await pilot.pause()


# The states ------------------------------------------------------------------------------------------------
async def welcome(pilot: Pilot[None]) -> None:
    await wait_ready(pilot)


async def streaming(pilot: Pilot[None]) -> None:
    screen = await wait_ready(pilot)
    screen.brain.hold()
    reply = await send(pilot, FIT, wait=False)
    # The fragment is rendered, not just received (the Markdown stream flushes in the background).
    await wait_for(pilot, lambda: HeldBrain.FRAGMENT.strip() in reply.body.source and not reply.has_class("-waiting"))


async def fit_card(pilot: Pilot[None]) -> None:
    await wait_ready(pilot)
    await send(pilot, FIT)


async def brief(pilot: Pilot[None]) -> None:
    await wait_ready(pilot)
    await send(pilot, BRIEF)


async def error(pilot: Pilot[None]) -> None:
    screen = await wait_ready(pilot)
    screen.brain.fail()
    await send(pilot, FIT)


async def ingest_progress(pilot: Pilot[None]) -> None:
    screen = await wait_ready(pilot)
    services = screen.services

    def held_ingest(path: Path, handle: str, *, progress=None, write_progress=None, **_: object):  # noqa: ANN001, ANN202
        progress(300, 300)
        write_progress(120, 300)
        worker = get_current_worker()
        deadline = time.monotonic() + TIMEOUT
        while not worker.is_cancelled and time.monotonic() < deadline:  # held until the app quits
            time.sleep(0.02)
        raise RuntimeError("stopped")

    services.ingest_posts = held_ingest
    await screen.run_action("ingest")
    await pilot.pause()
    dialog = pilot.app.screen
    dialog.query_one("#ingest-path", Input).value = "~/Downloads/maya_posts.csv"
    dialog.query_one("#ingest-handle", Input).value = "@maya.makes"
    await pilot.click("#ingest")
    await wait_for(pilot, lambda: "120 of 300" in str(dialog.query_one("#ingest-stage").render()))


async def conversations(pilot: Pilot[None]) -> None:
    await wait_ready(pilot)
    await send(pilot, FIT)
    await pilot.press("ctrl+n")
    await settle(pilot)
    await send(pilot, BRIEF)
    await pilot.press("ctrl+o")
    await settle(pilot)


async def draft_view(pilot: Pilot[None]) -> None:
    screen = await wait_ready(pilot)
    await send(pilot, BRIEF)
    drafts = screen.panel.draft_list
    drafts.focus()
    drafts.highlighted = 0
    await pilot.press("enter")
    await settle(pilot)


async def help_screen(pilot: Pilot[None]) -> None:
    await wait_ready(pilot)
    await pilot.press("f1")
    await settle(pilot)


STATES: dict[str, Callable[[Pilot[None]], Awaitable[None]]] = {
    "welcome": welcome,
    "streaming": streaming,
    "fit_card": fit_card,
    "brief": brief,
    "error": error,
    "ingest_progress": ingest_progress,
    "conversations": conversations,
    "draft_view": draft_view,
}


def run_before(state: Callable[[Pilot[None]], Awaitable[None]]) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def before(pilot: Pilot[None]) -> None:
        chat(pilot).prompt.cursor_blink = False
        await state(pilot)
        await still(pilot)

    return before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("state", STATES)
def test_screen(snap_compare, snapshot_app, state: str, theme: str, size: str) -> None:
    assert snap_compare(snapshot_app(theme), run_before=run_before(STATES[state]), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, snapshot_app, size: str) -> None:
    assert snap_compare(snapshot_app("dark"), run_before=run_before(help_screen), terminal_size=SIZES[size])

