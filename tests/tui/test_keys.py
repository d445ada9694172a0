"""The chat driven from the keyboard (issue #15): scrolling the log from anywhere, a key to the latest message,
a visible focus in both themes, typing that always lands in the input, Esc back to the input, F1 listing every
binding once, and the export dialog. Each test presses the real keys through Pilot."""

from __future__ import annotations

import ast
import re
import time
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.color import Color

from assistant.config import Settings
from assistant.tui.app import AssistantApp, make_app
from assistant.tui.screens.help_screen import HelpScreen
from assistant.tui.widgets.prompt_input import PromptInput
from tests.tui.helpers import HeldBrain, send, settle, wait_ready

SIZE = (120, 35)
BRIEF = "/brief lumen @dr.dewy barrier serum launch --goal conversions --start 2027-03-02"


async def _long_log(pilot) -> object:  # noqa: ANN001
    """A chat log taller than its window (a brief is long), at the bottom, with the input focused."""
    screen = await wait_ready(pilot)
    await send(pilot, BRIEF)
    log = screen.chat_log
    assert log.max_scroll_y > 2 * log.scrollable_content_region.height, "the brief should be several pages long"
    assert log.scroll_y == log.max_scroll_y
    screen.prompt.focus()
    await pilot.pause()
    return screen


async def test_page_keys_scroll_the_chat_log_from_the_input(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _long_log(pilot)
        log = screen.chat_log
        bottom = log.max_scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert screen.focused is screen.prompt  # scrolling doesn't take the focus away from typing
        assert log.scroll_y < bottom
        once = log.scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert log.scroll_y < once
        await pilot.press("pagedown")
        await pilot.pause()
        assert log.scroll_y > log.max_scroll_y - 2 * log.scrollable_content_region.height - 1
        assert log.scroll_y == pytest.approx(once, abs=1)


async def test_home_and_end_scroll_the_log_from_an_empty_input_and_move_the_cursor_otherwise(
    offline_settings: Settings,
) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _long_log(pilot)
        log = screen.chat_log
        await pilot.press("home")
        await pilot.pause()
        assert log.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y
        # With text in the input, Home and End are the input's: the cursor moves, the log stays.
        await pilot.press(*"draft a DM")
        await pilot.press("home")
        await pilot.pause()
        assert screen.prompt.cursor_location == (0, 0) and log.scroll_y == log.max_scroll_y
        await pilot.press("end")
        assert screen.prompt.cursor_location == (0, len("draft a DM"))


async def test_ctrl_end_jumps_to_the_latest_message_and_follows_the_stream_again(offline_settings: Settings) -> None:
    app = make_app(offline_settings, brain_factory=HeldBrain)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _long_log(pilot)
        log = screen.chat_log
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert log.scroll_y == 0
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y and log.is_anchored
        # Scrolled back while a reply streams, Ctrl+End brings the view back to the reply as it grows.
        screen.brain.hold()
        reply = await send(pilot, "go on", wait=False)
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert log.scroll_y < log.max_scroll_y
        await pilot.press("ctrl+end")
        await pilot.pause()
        await reply.write("more text\n\n" * 20)
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y
        await pilot.press("escape")
        await settle(pilot)


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def _contrast(a: Color, b: Color) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _edge(widget) -> tuple[str, Color]:  # noqa: ANN001
    """The focus edge of a widget: the input's top rule, every other part's left bar."""
    kind, color = widget.styles.border_top if isinstance(widget, PromptInput) else widget.styles.border_left
    background = widget.background_colors[0]
    return kind, background + color  # the edge as drawn: its colour over what is behind it


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_focus_is_visible_on_every_stop_in_both_themes(offline_settings: Settings, theme: str) -> None:
    app = make_app(offline_settings.model_copy(update={"theme": theme}))
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        await send(pilot, "Write @centsible.sara a DM for brightbyte")  # so the drafts list is a stop too
        screen.prompt.focus()
        await pilot.pause()
        stops = []
        for _ in range(8):
            focused = screen.focused
            assert focused is not None
            if stops and focused is stops[0]:
                break
            stops.append(focused)
            kind, color = _edge(focused)
            behind = focused.background_colors[0]
            assert kind not in ("", "none", "blank", "hidden"), f"{focused!r} has no focus edge"
            assert _contrast(color, behind) >= 3.0, f"{focused!r}: focus edge contrast {_contrast(color, behind):.2f}"
            await pilot.press("tab")
            await pilot.pause()
            kind_after, color_after = _edge(focused)
            assert (kind_after, color_after) != (kind, color), f"{focused!r} looks the same unfocused"
        ids = [stop.id for stop in stops if stop.id]
        assert ids == ["prompt", "chat-log", "brand-select", "creator-select", "drafts"], ids  # each with its edge


async def test_printable_keys_typed_elsewhere_land_in_the_input(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        await send(pilot, "Write @centsible.sara a DM for brightbyte")
        for target in (screen.chat_log, screen.panel.draft_list, screen.panel.brand_select):
            screen.prompt.text = ""
            target.focus()
            await pilot.pause()
            await pilot.press(*"is she a fit?")
            assert screen.focused is screen.prompt, target
            assert screen.prompt.text == "is she a fit?", target
        # An open list keeps its own type-to-search: typing picks from it, not into the input.
        screen.prompt.text = ""
        await screen.run_action("pick_brand")
        await pilot.pause()
        await pilot.press("l", "u", "enter")
        await settle(pilot)
        assert screen.prompt.text == "" and screen.panel.brand == "lumen"


async def test_escape_returns_focus_to_the_input_and_stops_the_reply(offline_settings: Settings) -> None:
    app = make_app(offline_settings, brain_factory=HeldBrain)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        screen.brain.hold()
        reply = await send(pilot, "a slow answer, please", wait=False)
        deadline = time.monotonic() + 30
        while HeldBrain.FRAGMENT not in reply.text:
            assert time.monotonic() < deadline
            await pilot.pause(0.05)
        screen.chat_log.focus()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen.focused is screen.prompt
        assert reply.has_class("-stopped") and reply.text == HeldBrain.FRAGMENT
        await settle(pilot)
        # Not streaming: Esc still brings the focus back.
        screen.panel.creator_select.focus()
        await pilot.press("escape")
        await pilot.pause()
        assert screen.focused is screen.prompt


async def test_f1_lists_every_binding_once_with_its_id(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text").source
        rows = [line.split("|")[1:-1] for line in text.splitlines() if re.match(r"^\| .* \| `[\w-]+` \|", line)]
        ids = [row[2].strip().strip("`") for row in rows]
        assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
        expected = [b.id for _, group in screen.binding_groups() for b in group if isinstance(b, Binding)]
        assert sorted(ids) == sorted(set(expected))
        for needed in ("log-page-up", "log-page-down", "log-top", "log-latest", "stop", "export", "help", "palette"):
            assert needed in ids
        # Within a section, no key is listed twice (Ctrl+P used to appear twice).
        for section in text.split("### ")[1:]:
            keys = [k.strip() for line in section.splitlines() if line.startswith("| ") and "`" in line
                    for k in line.split("|")[1].split(" / ")]
            assert len(keys) == len(set(keys)), section.splitlines()[0]
        assert text.count("Ctrl+P") == 1 and "| PageUp |" in text and "| End / Ctrl+End |" in text


async def test_ctrl_s_asks_where_and_reports_the_full_path(
    offline_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        await send(pilot, BRIEF)
        await pilot.press("ctrl+s")
        await settle(pilot)
        from assistant.tui.screens.export_screen import ExportScreen

        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        offered = Path(dialog.query_one("#export-path").value)
        assert offered.parent == tmp_path.resolve() and offered.suffix == ".md"
        # A path that can't be written is said in the dialog, which stays open.
        (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
        dialog.query_one("#export-path").value = str(tmp_path / "taken" / "brief.md")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog and dialog.query_one("#export-error").display
        dialog.query_one("#export-path").value = str(offered)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert offered.read_text(encoding="utf-8") == screen.latest_draft().markdown
        assert not list(tmp_path.glob(".*.tmp"))  # written through a temp file renamed into place
        assert str(offered) in screen.chat_log.messages[-1].text


def test_no_widget_runs_more_than_three_kinds_of_worker() -> None:
    # Issue #13: the chat screen ran nine workers. Each job now lives with the widget it serves.
    import assistant.tui

    counts: dict[str, int] = {}
    for path in Path(assistant.tui.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                workers = [
                    item.name for item in node.body if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                    and any("work" in ast.unparse(d) for d in item.decorator_list)
                ]
                counts[f"{path.name}:{node.name}"] = len(workers)
    assert counts["chat_screen.py:ChatScreen"] <= 3
    assert max(counts.values()) <= 3, counts
    assert sum(1 for n in counts.values() if n) >= 6  # the jobs are spread over the widgets they serve


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    from assistant.tui.screens.chat_screen import ChatScreen

    for binding in [*AssistantApp.BINDINGS, *ChatScreen.BINDINGS]:
        assert isinstance(binding, Binding) and binding.id and binding.tooltip and binding.description


async def test_a_keymap_setting_rebinds_a_key_by_its_id_and_f1_shows_it(offline_settings: Settings) -> None:
    app = make_app(offline_settings.model_copy(update={"keymap": {"log-latest": "ctrl+l"}}))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _long_log(pilot)
        log = screen.chat_log
        await pilot.press("pageup")
        await pilot.pause()
        assert log.scroll_y < log.max_scroll_y
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y
        await pilot.press("f1")
        await pilot.pause()
        text = app.screen.query_one("#help-text").source
        assert "| Ctrl+L | Latest | `log-latest` |" in text
