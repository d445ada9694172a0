"""SVG snapshots of the chat's main states at 80x24 and 120x40 (pytest-textual-snapshot).

The app is built through ``make_app`` (what ``run_chat`` uses) on a copy of a demo store loaded with
``services.load_demo()``. Deterministic on purpose: HOME is the test dir (the status line shows ``~/data/...``),
draft and conversation ids come from a counter, the brief has a fixed start date, and the cursor doesn't blink.
Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

import itertools
import types
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

import assistant.history.database as history_database
from assistant.config import Settings
from assistant.tui.app import AssistantApp, make_app
from assistant.tui.widgets.prompt_input import PromptInput
from tests.tui.helpers import send, settle, wait_ready

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
FIT = "is @trailtom a fit for northwind?"
BRIEF = "/brief lumen @dr.dewy barrier serum launch --goal conversions --start 2027-03-02"


@pytest.fixture
def snapshot_app(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AssistantApp]:
    monkeypatch.setenv("HOME", str(demo_dir.parent))
    counter = itertools.count(1)
    monkeypatch.setattr(history_database, "uuid", types.SimpleNamespace(uuid4=lambda: uuid.UUID(int=next(counter))))

    def build(theme: str = "textual-dark") -> AssistantApp:
        return make_app(Settings(data_dir=demo_dir, llm_provider="offline", theme=theme))

    return build


def ready_then(*requests: str, keys: tuple[str, ...] = ()) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A ``run_before`` that waits for start-up, sends ``requests``, presses ``keys``, and stops the blink."""

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.query_one(PromptInput).cursor_blink = False
        await wait_ready(pilot)
        for request in requests:
            await send(pilot, request)
        if keys:
            await pilot.press(*keys)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=SIZES)
def test_welcome(snap_compare, snapshot_app, size: str) -> None:
    assert snap_compare(snapshot_app(), run_before=ready_then(), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES, ids=SIZES)
def test_after_a_fit_reply(snap_compare, snapshot_app, size: str) -> None:
    assert snap_compare(snapshot_app(), run_before=ready_then(FIT), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES, ids=SIZES)
def test_after_a_brief(snap_compare, snapshot_app, size: str) -> None:
    assert snap_compare(snapshot_app(), run_before=ready_then(BRIEF), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES, ids=SIZES)
def test_help_screen(snap_compare, snapshot_app, size: str) -> None:
    assert snap_compare(snapshot_app(), run_before=ready_then(keys=("f1",)), terminal_size=SIZES[size])


def test_after_a_fit_reply_light_theme(snap_compare, snapshot_app) -> None:
    assert snap_compare(snapshot_app("textual-light"), run_before=ready_then(FIT), terminal_size=SIZES["120x40"])
