"""Start-up, first run, conversations across restarts, help, palette, theme: the chat as an application."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from textual.binding import Binding
from textual.widgets import OptionList

from assistant.config import Settings
from assistant.services import Services
from assistant.errors import AssistantError
from assistant.tui.app import AssistantApp, make_app, run_chat
from assistant.tui.commands import AssistantCommands
from assistant.tui.screens.chat_screen import ChatScreen
from assistant.tui.screens.conversations_screen import ConversationsScreen
from assistant.tui.screens.help_screen import HelpScreen
from assistant.tui.texts import welcome
from tests.tui.helpers import chat, notices, send, settle, wait_ready

SIZE = (120, 40)


async def test_first_run_with_an_empty_store_loads_the_demo_and_welcomes(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "fresh", llm_provider="offline")
    app = make_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the first frame's plain welcome becomes the Markdown one right after it
        # On screen before the demo has loaded (whether the store is open yet is a race, so not asserted).
        assert notices(pilot)[0] == welcome()
        screen = await wait_ready(pilot)
        store = Services(settings).store
        brands = sorted(b.slug for b in store.list_brands())
        creators = sorted(i.handle for i in store.list_influencers())
        assert brands and creators
        assert f"{len(brands)} brands" in notices(pilot)[1] and f"{len(creators)} creators" in notices(pilot)[1]
        assert sorted(v for _, v in screen.panel.choices("brand")) == brands
        assert sorted(v for _, v in screen.panel.choices("creator")) == creators
        for suggestion in ("Is @trailtom a fit for northwind?", "Write @centsible.sara a DM for brightbyte"):
            assert suggestion in notices(pilot)[0]


async def test_second_run_does_not_reload_the_demo(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        assert notices(pilot) == [welcome()]


async def test_a_conversation_reopens_after_a_restart(offline_settings: Settings) -> None:
    first = make_app(offline_settings)
    async with first.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        reply = await send(pilot, "is @trailtom a fit for northwind?")
        shown_reply, cid = reply.text, screen.brain.conversation_id

    second = make_app(offline_settings)  # a new app on the same data dir, as after a restart or a crash
    async with second.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        assert screen.brain.conversation_id != cid
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(second.screen, ConversationsScreen)
        options = second.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert cid in ids
        assert "is @trailtom a fit for northwind?" in str(options.get_option_at_index(ids.index(cid)).prompt)
        options.highlighted = ids.index(cid)
        await pilot.press("enter")
        await settle(pilot)
        assert second.screen is screen and screen.brain.conversation_id == cid
        messages = [(m.role, m.text) for m in screen.chat_log.messages]
        assert ("user", "is @trailtom a fit for northwind?") in messages
        assert ("assistant", shown_reply) in messages
        assert (screen.panel.brand, screen.panel.influencer) == ("northwind", "trailtom")
        assert screen.panel.fit_card.assessment is not None


async def test_new_conversation_clears_the_chat_and_the_drafts(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        await send(pilot, "Write @centsible.sara a DM for brightbyte")
        old = screen.brain.conversation_id
        assert screen.drafts
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert screen.brain.conversation_id != old
        assert screen.drafts == [] and notices(pilot) == [welcome()]


async def test_help_screen_lists_every_binding_from_its_id_and_tooltip(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text").source
        for binding in [*AssistantApp.BINDINGS, *ChatScreen.BINDINGS]:
            assert isinstance(binding, Binding) and binding.id and binding.tooltip
            assert binding.tooltip in text and binding.description in text
        assert "Ctrl+J" in text and "Shift+Enter" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)


async def test_palette_runs_actions_and_lists_brands_and_creators(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        names = [name for name, _, _ in AssistantCommands(screen).commands()]
        for needed in ("fit", "brief", "outreach", "check", "switch brand", "switch creator", "ingest", "export",
                       "copy", "conversation: new", "open a past one"):
            assert any(needed in name for name in names), needed
        assert "context: creator → @trailtom" in names and "context: brand → northwind" in names

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"creator → @dr.dewy")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.panel.influencer == "dr.dewy" and screen.brain.influencer == "dr.dewy"


async def test_without_settings_the_app_loads_them_after_the_first_frame(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What `python -m assistant.tui.measure_startup` starts: no settings given, the boot worker loads them.
    config = tmp_path / "config.toml"
    config.write_text('theme = "textual-light"\nllm_provider = "offline"\n', encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CONFIG_FILE", str(config))
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(demo_dir))
    app = make_app()
    assert app.settings is None and app.theme == "textual-light"  # the theme is right from the first frame
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        assert app.settings is screen.settings and app.settings is not None
        assert app.settings.data_dir == demo_dir and app.theme == "textual-light"
        assert str(demo_dir.name) in str(screen.query_one("#status").render()) and "offline" in str(screen.query_one("#status").render())


async def test_unreadable_settings_are_a_readable_line_in_the_chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('llm_temperature = "very hot"\n', encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CONFIG_FILE", str(config))
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = chat(pilot)
        for _ in range(600):  # at most ~30 s
            if screen.boot_error:
                break
            await pilot.pause(0.05)
        await settle(pilot)
        assert "llm_temperature" in screen.boot_error and "llm_temperature" in notices(pilot)[-1]


async def test_theme_toggles_between_light_and_dark(offline_settings: Settings) -> None:
    app = make_app(offline_settings.model_copy(update={"theme": "textual-light"}))
    async with app.run_test(size=SIZE) as pilot:
        assert not app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        assert not app.current_theme.dark


async def test_narrow_terminal_keeps_the_chat_wider_than_the_panel(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_ready(pilot)
        assert screen.has_class("-narrow")
        assert screen.chat_log.size.width > screen.panel.size.width
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert not screen.panel.display and screen.chat_log.outer_size.width == 80


def test_importing_the_app_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys, assistant.tui.app; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'chromadb', 'langchain', 'langchain_core', 'langchain_openai', 'openai', 'onnxruntime', 'numpy'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_bad_settings_are_one_readable_error(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = isolated_env / "config.toml"
    config.write_text('llm_temperature = "very hot"\n', encoding="utf-8")
    with pytest.raises(AssistantError) as raised:
        run_chat()
    assert str(config) in str(raised.value) and "llm_temperature" in str(raised.value)


async def test_a_conversation_is_titled_by_its_first_real_request(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        await send(pilot, "/help")
        await send(pilot, "/brands")
        history = screen.services.history
        assert history.get_conversation(screen.brain.conversation_id).title == ""
        await send(pilot, "is @trailtom a fit for northwind?")
        await send(pilot, "/brief lumen @dr.dewy barrier serum launch")
        assert history.get_conversation(screen.brain.conversation_id).title == "is @trailtom a fit for northwind?"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ConversationsScreen)
        assert app.screen.conversations[0].title == "is @trailtom a fit for northwind?"
