"""The chat on the LLM path, against the fake OpenAI-compatible server (127.0.0.1 only)."""

from __future__ import annotations

import time
from pathlib import Path

from assistant.tui.app import make_app
from assistant.tui.widgets.status_line import StatusLine
from tests.fakes.fixtures import settings_for
from tests.fakes.openai_server import DelayReply, FakeOpenAIServer, TextReply, ToolCall, ToolCallsReply
from tests.tui.helpers import chat, last_reply, send, settle, wait_ready

SIZE = (120, 40)


async def test_llm_reply_streams_into_the_chat_and_the_status_names_the_model(
    fake_openai: FakeOpenAIServer, demo_dir: Path
) -> None:
    text = "Here is what I think: **@trailtom** suits outdoor brands, and the feed is steady."
    fake_openai.enqueue(DelayReply(1.0, then=TextReply(text)))
    settings = settings_for(fake_openai, demo_dir)
    app = make_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        status = str(app.screen.query_one(StatusLine).render())
        assert settings.llm_model in status and settings.effective_provider in status
        reply = await send(pilot, "what do you think of trailtom?", wait=False)
        assert reply.has_class("-waiting") and "thinking" in reply.status_text  # before the first token
        await settle(pilot)
        assert not reply.has_class("-waiting") and "thinking" not in reply.status_text
        assert reply.text == text
        assert not reply.has_class("-error")
        assert len(fake_openai.chat_requests) == 1
        assert "what do you think of trailtom?" in str(fake_openai.chat_requests[0].messages[-1])


async def test_tool_call_draws_the_scorecard_in_the_panel(fake_openai: FakeOpenAIServer, demo_dir: Path) -> None:
    fake_openai.enqueue(ToolCallsReply([ToolCall("assess_fit", {"brand": "northwind", "influencer": "trailtom"})]))
    fake_openai.enqueue_text("Strong fit, see the scorecard.")
    app = make_app(settings_for(fake_openai, demo_dir))
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        reply = await send(pilot, "is @trailtom a fit for northwind?")
        assert reply.text.endswith("Strong fit, see the scorecard.")
        assessment = screen.panel.fit_card.assessment
        assert assessment is not None and (assessment.brand, assessment.influencer) == ("northwind", "trailtom")
        assert "✓ assess_fit" in reply.status_text


async def test_esc_stops_mid_reply_and_keeps_the_partial_text(fake_openai: FakeOpenAIServer, demo_dir: Path) -> None:
    # The model says something and calls a tool; its next answer hangs (a slow provider): Esc must stop it.
    fake_openai.enqueue(
        ToolCallsReply([ToolCall("assess_fit", {"brand": "northwind", "influencer": "trailtom"})],
                       text="Let me look at the feed first. ")
    )
    fake_openai.enqueue(DelayReply(30, then=TextReply("This arrives too late.")))
    app = make_app(settings_for(fake_openai, demo_dir, llm_timeout=40.0))
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        reply = await send(pilot, "is @trailtom a fit for northwind?", wait=False)
        deadline = time.monotonic() + 30
        while len(fake_openai.chat_requests) < 2 or "Let me look" not in reply.text:
            assert time.monotonic() < deadline, "the first part of the reply never came"
            await pilot.pause(0.05)
        started = time.monotonic()
        await pilot.press("escape")
        await pilot.pause()
        assert reply.has_class("-stopped") and not reply.has_class("-waiting")
        assert reply.text == "Let me look at the feed first. "
        assert "stopped" in reply.status_text
        await settle(pilot)
        assert time.monotonic() - started < 10, "stopping waited for the slow provider"
        saved = screen.brain.history()[-1]
        assert saved.role == "assistant" and saved.status == "partial"
        assert saved.content.startswith("Let me look at the feed first.")
        # The chat is usable again at once.
        fake_openai.reset()
        fake_openai.enqueue_text("Back again.")
        assert (await send(pilot, "hello?")).text == "Back again."


async def test_provider_down_is_a_readable_error_in_the_chat(demo_dir: Path) -> None:
    server = FakeOpenAIServer().start()
    settings = settings_for(server, demo_dir)
    server.stop()  # nothing listens on that port any more
    app = make_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        reply = await send(pilot, "is @trailtom a fit for northwind?")
        assert reply.has_class("-error") or reply.has_class("-assistant")
        shown = reply.text + reply.status_text
        assert shown.strip() and "Traceback" not in shown and 'File "' not in shown
        assert chat(pilot).brain.history()[-1].status == "error"
        assert last_reply(pilot) is reply


async def test_quitting_mid_reply_saves_the_partial_reply_at_once(fake_openai: FakeOpenAIServer, demo_dir: Path) -> None:
    fake_openai.enqueue(
        ToolCallsReply([ToolCall("assess_fit", {"brand": "northwind", "influencer": "trailtom"})],
                       text="Looking at the numbers. ")
    )
    fake_openai.enqueue(DelayReply(30, then=TextReply("Never sent.")))
    app = make_app(settings_for(fake_openai, demo_dir, llm_timeout=40.0))
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        reply = await send(pilot, "is @trailtom a fit for northwind?", wait=False)
        deadline = time.monotonic() + 30
        while len(fake_openai.chat_requests) < 2 or "Looking" not in reply.text:
            assert time.monotonic() < deadline
            await pilot.pause(0.05)
        history = screen.services.history
        cid = screen.brain.conversation_id
    quit_at = time.monotonic()
    while not (turns := history.turns(cid)) or turns[-1].role != "assistant":
        assert time.monotonic() - quit_at < 5, "the reply in flight was not stopped when the app quit"
        time.sleep(0.05)
    assert turns[-1].status == "partial" and turns[-1].content.startswith("Looking at the numbers.")
