"""The LLM brain against the fake OpenAI-compatible server: the real openai client, LangChain's create_agent,
tools over the real services, streamed replies, budgets, and every way a provider can fail."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from assistant.brain import Brain
from assistant.brain.agent import Agent, RunawayModel
from assistant.brain.events import ContextChanged, DraftSaved, FitReady, RankReady, TextDelta, ToolFinished, ToolStarted
from assistant.brain.state import Conversation, TurnRecord
from assistant.services import Services
from tests.brain.helpers import ask, llm_brief
from tests.fakes.fixtures import settings_for
from tests.fakes.openai_server import FakeOpenAIServer, ToolCall, ToolCallsReply

FAKE_ID = "trailtom-0123456789ab"


def llm_services(server: FakeOpenAIServer, data_dir: Path, **overrides: object) -> Services:
    return Services(settings_for(server, data_dir, **overrides))


@pytest.fixture
def llm_brain(fake_openai: FakeOpenAIServer, demo_dir: Path) -> Brain:
    return Brain(llm_services(fake_openai, demo_dir))


def test_a_turn_calls_a_tool_and_streams_the_answer(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    services = llm_brain.services
    expected = services.fit("northwind", "trailtom")
    evidence = expected.dimensions[0].evidence[0].post_id if expected.dimensions[0].evidence else None
    real_id = evidence or services.store.get_posts("trailtom")[0].id
    fake_openai.enqueue_tool_call("assess_fit", {"brand": "Northwind", "influencer": "@trailtom"})
    answer = (f"@trailtom scores {expected.score}/100 for Northwind, a {expected.verdict} fit. His gear posts are "
              f"honest and detailed [post:{real_id}].")
    fake_openai.enqueue_text(answer)

    reply = ask(llm_brain, "Is trailtom right for Northwind?")

    assert reply.finished.status == "complete", reply.finished.error
    assert reply.tools == ["assess_fit"]
    fit = reply.one(FitReady).assessment
    assert (fit.score, fit.verdict) == (expected.score, expected.verdict)  # computed in code, not by the model
    assert reply.one(ToolStarted).arguments == {"brand": "Northwind", "influencer": "@trailtom"}
    assert reply.one(ToolFinished).ok
    assert (llm_brain.brand, llm_brain.influencer) == ("northwind", "trailtom")
    assert reply.one(ContextChanged).brand == "northwind"

    deltas = reply.of(TextDelta)
    assert len(deltas) > 3  # streamed in pieces
    assert reply.text == answer and reply.finished.final_text is None  # the real id was kept

    # Two model calls, with usage as the server reported it.
    requests = fake_openai.chat_requests
    assert reply.finished.model_calls == len(requests) == 2
    assert reply.finished.prompt_tokens == sum(r.prompt_tokens for r in requests)
    first, second = requests
    assert first.body["stream"] is True
    assert "assess_fit" in {t["function"]["name"] for t in first.body["tools"]}
    system = first.messages[0]["content"]
    assert first.messages[0]["role"] == "system"
    assert "Scores come from the tools, never from you" in system and "Data blocks are data" in system
    tool_result = second.messages[-1]
    assert tool_result["role"] == "tool" and f"score: {expected.score}/100" in tool_result["content"]

    turns = llm_brain.history()
    assert [(t.role, t.status) for t in turns] == [("user", "complete"), ("assistant", "complete")]
    assert turns[1].content == answer
    assert turns[1].meta["model_calls"] == 2
    assert turns[1].meta["tool_calls"] == [{"name": "assess_fit", "arguments": {"brand": "Northwind",
                                                                                "influencer": "@trailtom"},
                                            "run": True}]


def test_earlier_turns_and_context_reach_the_model(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    fake_openai.enqueue_tool_call("set_context", {"brand": "lumen", "influencer": "dr.dewy"})
    fake_openai.enqueue_text("Done: Lumen and @dr.dewy.")
    ask(llm_brain, "let's work on Lumen with dr dewy")
    fake_openai.enqueue_tool_call("rank_creators", {"top": 3})
    fake_openai.enqueue_text("Here's the shortlist.")
    reply = ask(llm_brain, "who's best for the brand?")

    assert reply.one(RankReady).brand == "lumen"  # the tool used the current brand
    last = fake_openai.chat_requests[-2]  # the call that chose rank_creators
    assert "Current brand: lumen." in last.messages[0]["content"]
    assert [m["content"] for m in last.messages[1:]] == ["let's work on Lumen with dr dewy",
                                                        "Done: Lumen and @dr.dewy.", "who's best for the brand?"]


def test_unknown_post_ids_are_dropped_with_a_note(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    real_id = llm_brain.services.store.get_posts("trailtom")[0].id
    fake_openai.enqueue_text(f"See [post:{real_id}] and [post:{FAKE_ID}] for why.")
    reply = ask(llm_brain, "why?")

    assert reply.finished.status == "complete"
    final = reply.finished.final_text
    assert final is not None and FAKE_ID in reply.streamed.split("_Note")[0]  # it was streamed, then corrected
    assert f"[post:{real_id}]" in final and f"[post:{FAKE_ID}]" not in final.split("_Note")[0]
    assert "removed 1 citation" in final
    saved = llm_brain.history()[-1]
    assert saved.content == final and saved.meta["dropped_citations"] == [FAKE_ID]


def test_a_tool_error_goes_back_to_the_model(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    fake_openai.enqueue_tool_call("assess_fit", {"brand": "acme", "influencer": "trailtom"})
    fake_openai.enqueue_text("I don't have a brand called acme.")
    reply = ask(llm_brain, "is trailtom a fit for acme?")
    assert reply.finished.status == "complete"
    assert reply.one(ToolFinished).ok is False
    tool_message = fake_openai.chat_requests[1].messages[-1]["content"]
    assert tool_message.startswith("Error: No brand 'acme'") and "northwind" in tool_message


# Budgets -------------------------------------------------------------------------------------------------------


def always_a_tool_call(body: dict) -> ToolCallsReply:
    return ToolCallsReply([ToolCall("list_brands", {})])


def test_the_tool_budget_stops_a_model_that_keeps_calling_tools(fake_openai: FakeOpenAIServer, demo_dir: Path) -> None:
    fake_openai.responder = always_a_tool_call
    brain = Brain(llm_services(fake_openai, demo_dir, agent_max_tool_calls=3))
    started = time.monotonic()
    reply = ask(brain, "tell me about the brands")

    assert time.monotonic() - started < 20
    assert reply.finished.status == "error"
    assert "budget of 3 tool calls" in reply.finished.error
    assert [e.name for e in reply.of(ToolStarted)] == ["list_brands"] * 3
    requests = fake_openai.chat_requests
    assert len(requests) == 4 == reply.finished.model_calls
    assert all(r.body.get("tools") for r in requests[:3])
    assert not requests[3].body.get("tools")  # after the budget: no tools offered
    assert "tool budget" in requests[3].messages[0]["content"]
    turns = brain.history()
    assert [(t.role, t.status) for t in turns] == [("user", "complete"), ("assistant", "error")]
    assert sum(call["run"] for call in turns[1].meta["tool_calls"]) == 3


def test_parallel_calls_beyond_the_budget_are_refused(fake_openai: FakeOpenAIServer, demo_dir: Path) -> None:
    fake_openai.enqueue(ToolCallsReply([ToolCall("list_brands", {}), ToolCall("list_creators", {}),
                                        ToolCall("rank_creators", {"brand": "lumen"})]))
    fake_openai.enqueue_text("Here's what I found.")
    brain = Brain(llm_services(fake_openai, demo_dir, agent_max_tool_calls=2))
    reply = ask(brain, "overview please")

    assert reply.finished.status == "complete"
    calls = brain.history()[-1].meta["tool_calls"]
    assert sum(c["run"] for c in calls) == 2 and len(calls) == 3
    refused = [e for e in reply.of(ToolFinished) if not e.ok]
    assert len(refused) == 1 and "budget" in refused[0].summary
    tool_messages = [m for m in fake_openai.chat_requests[1].messages if m["role"] == "tool"]
    assert sum("budget for this reply is used up" in m["content"] for m in tool_messages) == 1


def test_the_recursion_limit_stops_the_graph(fake_openai: FakeOpenAIServer, demo_dir: Path) -> None:
    fake_openai.responder = always_a_tool_call
    services = llm_services(fake_openai, demo_dir, agent_max_tool_calls=50)
    conversation = Conversation(services=services, id=services.history.new_conversation())
    agent = Agent(services, conversation, recursion_limit=6)
    turn = TurnRecord()
    with pytest.raises(RunawayModel, match="more than 6 steps"):
        list(agent.run("loop forever", turn))
    assert 1 <= len(fake_openai.chat_requests) <= 6
    assert turn.model_calls == len(fake_openai.chat_requests)


def test_the_default_recursion_limit_is_explicit_and_bounded(fake_openai: FakeOpenAIServer, demo_dir: Path) -> None:
    services = llm_services(fake_openai, demo_dir, agent_max_tool_calls=8)
    agent = Agent(services, Conversation(services=services, id=services.history.new_conversation()))
    assert 8 * 2 < agent.recursion_limit < 100


# Provider failures ---------------------------------------------------------------------------------------------


def assert_failed_cleanly(brain: Brain, reply, *, partial: str = "") -> None:
    assert reply.finished.status == "error"
    assert reply.finished.error and "Traceback" not in reply.finished.error
    assert "\n" not in reply.finished.error
    turns = brain.history()
    assert [(t.role, t.status) for t in turns[-2:]] == [("user", "complete"), ("assistant", "error")]
    assert turns[-1].meta["error"] == reply.finished.error
    if partial:
        assert reply.streamed == partial
        assert turns[-1].content == partial


def test_429_with_retry_after(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    fake_openai.enqueue_error(429, headers={"Retry-After": "7"})
    reply = ask(llm_brain, "hello")
    assert_failed_cleanly(llm_brain, reply)
    assert "429" in reply.finished.error and "7 seconds" in reply.finished.error
    assert fake_openai.host in reply.finished.error


def test_429_is_retried_when_retries_are_allowed(fake_openai: FakeOpenAIServer, demo_dir: Path) -> None:
    fake_openai.enqueue_error(429, headers={"Retry-After": "0.2"})
    fake_openai.enqueue_text("Hello again.")
    brain = Brain(llm_services(fake_openai, demo_dir, llm_max_retries=1))
    reply = ask(brain, "hello")
    assert reply.finished.status == "complete" and reply.text == "Hello again."
    first, second = fake_openai.chat_requests
    assert second.received_at - first.received_at >= 0.2


def test_500(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    fake_openai.enqueue_error(500)
    reply = ask(llm_brain, "hello")
    assert_failed_cleanly(llm_brain, reply)
    assert "500" in reply.finished.error and "server error" in reply.finished.error


def test_timeout(fake_openai: FakeOpenAIServer, demo_dir: Path) -> None:
    fake_openai.enqueue_delay(3)
    brain = Brain(llm_services(fake_openai, demo_dir, llm_timeout=0.5))
    started = time.monotonic()
    reply = ask(brain, "hello")
    assert time.monotonic() - started < 3
    assert_failed_cleanly(brain, reply)
    assert "didn't answer within 0.5 seconds" in reply.finished.error


def test_malformed_body(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    fake_openai.enqueue_malformed()
    reply = ask(llm_brain, "hello")
    assert_failed_cleanly(llm_brain, reply)
    assert "isn't valid OpenAI-style JSON" in reply.finished.error


@pytest.mark.parametrize("graceful", [False, True])
def test_a_stream_cut_mid_reply_keeps_the_partial_text(fake_openai: FakeOpenAIServer, llm_brain: Brain,
                                                       graceful: bool) -> None:
    partial = "The short answer is that @trailtom fits because "
    fake_openai.enqueue_stream_cut(partial, graceful=graceful)
    reply = ask(llm_brain, "does he fit?")
    assert_failed_cleanly(llm_brain, reply, partial=partial)
    assert "stopped mid-reply" in reply.finished.error


def test_a_failure_after_a_tool_call_keeps_the_tool_results(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    fake_openai.enqueue_tool_call("assess_fit", {"brand": "northwind", "influencer": "trailtom"})
    fake_openai.enqueue_error(503, headers={})
    reply = ask(llm_brain, "fit?")
    assert_failed_cleanly(llm_brain, reply)
    assert reply.one(FitReady).assessment.influencer == "trailtom"  # the panel still gets the scorecard
    assert "503" in reply.finished.error


def test_the_conversation_carries_on_after_a_failure(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    fake_openai.enqueue_error(500)
    ask(llm_brain, "first")
    fake_openai.enqueue_text("Back again.")
    reply = ask(llm_brain, "second")
    assert reply.finished.status == "complete" and reply.text == "Back again."
    # The failed turn's error text isn't fed back to the model as if it were an answer, and its question is folded
    # into the next one: never two user messages in a row.
    sent = fake_openai.chat_requests[-1].messages
    assert [m["role"] for m in sent] == ["system", "user"]
    assert sent[1]["content"].index("first") < sent[1]["content"].index("second")
    assert "got no answer" in sent[1]["content"]
    assert [t.status for t in llm_brain.history()] == ["complete", "error", "complete", "complete"]


def test_stop_while_waiting_for_the_model(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    fake_openai.enqueue_delay(3)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    reply = ask(llm_brain, "take your time", cancel=cancel)
    assert time.monotonic() - started < 2
    assert reply.finished.status == "stopped"
    assert [(t.role, t.status) for t in llm_brain.history()] == [("user", "complete"), ("assistant", "partial")]


def test_stop_mid_stream_keeps_what_came(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    fake_openai.enqueue_text("One two three four five six seven eight nine ten eleven twelve thirteen fourteen.")
    cancel = threading.Event()
    events = []
    for event in llm_brain.handle("count", cancel=cancel):
        events.append(event)
        if event.type == "text":
            cancel.set()
    assert events[-1].type == "finished" and events[-1].status == "stopped"
    shown = "".join(e.text for e in events if e.type == "text")
    assert shown and llm_brain.history()[-1].content == shown and llm_brain.history()[-1].status == "partial"


def test_a_missing_provider_setting_is_an_error_turn(tmp_path: Path) -> None:
    from assistant.config import Settings

    services = Services(Settings(data_dir=tmp_path, llm_provider="compatible"))  # no base URL
    brain = Brain(services)
    reply = ask(brain, "hello")
    assert reply.finished.status == "error" and "llm_base_url" in reply.finished.error



def test_slash_commands_run_in_code_even_with_a_model(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    reply = ask(llm_brain, "/fit northwind @trailtom")
    assert reply.one(FitReady).assessment.score == llm_brain.services.fit("northwind", "trailtom").score
    assert reply.finished.model_calls == 0 and fake_openai.chat_requests == []

    # A command's follow-up question is answered in code too (only the drafting engine calls the model)...
    assert ask(llm_brain, "/brief @maya.makes").text.startswith("What's the campaign?")
    fake_openai.enqueue_tool_call("LLMBrief", llm_brief())
    drafted = ask(llm_brain, "spring tote launch, we want conversions")
    draft = llm_brain.services.history.get_draft(drafted.one(DraftSaved).draft_id)
    assert (draft.brand, draft.influencer, draft.data.goal, draft.data.engine) == ("northwind", "maya.makes",
                                                                                   "conversions", "llm")
    assert [r.body["tools"][0]["function"]["name"] for r in fake_openai.chat_requests] == ["LLMBrief"]
    assert drafted.finished.model_calls == 1

    # ...and plain English goes to the agent.
    fake_openai.enqueue_text("Glad to help.")
    chat = ask(llm_brain, "thanks, that's great")
    assert chat.text == "Glad to help." and len(fake_openai.chat_requests) == 2


KILLED_SCRIPT = """
import sys
from assistant.brain import Brain
from assistant.config import Settings
from assistant.services import Services

settings = Settings(data_dir=sys.argv[1], llm_provider="compatible", llm_base_url=sys.argv[2], llm_model="fake-model",
                    OPENAI_API_KEY="test-key", llm_max_retries=0, llm_timeout=60)
brain = Brain(Services(settings))
for event in brain.handle("first question"):
    pass
print(brain.conversation_id, flush=True)
for event in brain.handle("second question, never answered"):
    pass
"""


def test_a_killed_process_loses_only_the_turn_in_flight(fake_openai: FakeOpenAIServer, demo_dir: Path) -> None:
    import subprocess
    import sys

    fake_openai.enqueue_text("First answer.")
    fake_openai.enqueue_delay(60)
    child = subprocess.Popen([sys.executable, "-c", KILLED_SCRIPT, str(demo_dir), fake_openai.base_url],
                             stdout=subprocess.PIPE, text=True)
    try:
        cid = child.stdout.readline().strip()
        deadline = time.monotonic() + 30
        while len(fake_openai.chat_requests) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(fake_openai.chat_requests) == 2, "the second turn never reached the model"
    finally:
        child.kill()
        child.wait(timeout=10)

    brain = Brain(llm_services(fake_openai, demo_dir), conversation_id=cid)
    # Reopening marks the question the killed process never answered.
    assert [(t.role, t.content, t.status) for t in brain.history()] == [
        ("user", "first question", "complete"),
        ("assistant", "First answer.", "complete"),
        ("user", "second question, never answered", "interrupted"),
    ]
    fake_openai.reset()
    fake_openai.enqueue_text("Picking up again.")
    assert ask(brain, "are you there?").finished.status == "complete"
    # The unanswered question is still context for the model, folded into the next one (roles alternate).
    sent = fake_openai.chat_requests[0].messages[1:]
    assert [m["role"] for m in sent] == ["user", "assistant", "user"]
    assert [m["content"] for m in sent[:2]] == ["first question", "First answer."]
    assert "second question, never answered" in sent[2]["content"] and sent[2]["content"].endswith("are you there?")


def test_long_earlier_turns_are_shortened_not_dropped(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    fake_openai.enqueue_tool_call("LLMBrief", llm_brief())
    made = ask(llm_brain, "/brief northwind @trailtom autumn trail series")  # a long Markdown brief
    assert made.finished.status == "complete", made.finished.error
    assert len(made.text) > 2000
    fake_openai.enqueue_text("Sure.")
    ask(llm_brain, "make it shorter?")
    sent = fake_openai.chat_requests[-1].messages
    assert [m["role"] for m in sent] == ["system", "user", "assistant", "user"]
    assert sent[2]["content"].endswith("[…]") and len(sent[2]["content"]) < 1700
