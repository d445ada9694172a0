"""build_chat_model, describe_provider and ping against the fake server (real ChatOpenAI over HTTP)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage, SystemMessage, ToolMessage
from langchain_core.tools import tool

from assistant.config import Settings
from assistant.errors import ProviderError
from assistant.llm import build_chat_model, describe_provider, ping, stream_reply
from tests.fakes.fixtures import settings_for
from tests.fakes.openai_server import FakeOpenAIServer, TextReply, simple_token_count

SECRET = "sk-test-0123456789abcdefSECRET"


def test_invoke_sends_settings_and_returns_text(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, llm_max_tokens=321, llm_temperature=0.2)
    fake_openai.enqueue_text("Northwind and Maya look like a good match.")

    reply = build_chat_model(settings, streaming=False).invoke([HumanMessage("Is Maya a fit?")])

    assert reply.content == "Northwind and Maya look like a good match."
    body = fake_openai.chat_requests[-1].body
    assert body["model"] == "fake-model"
    # ChatOpenAI's own name for the cap, plus the older name that several local servers still read
    assert body["max_completion_tokens"] == 321
    assert body["max_tokens"] == 321
    assert body["temperature"] == pytest.approx(0.2)
    assert not body.get("stream")
    assert reply.usage_metadata is not None and reply.usage_metadata["input_tokens"] == simple_token_count("Is Maya a fit?")


def test_stream_yields_chunks_and_usage(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path)
    text = "Here is a streamed answer with quite a few words in it, so it arrives in pieces."
    fake_openai.enqueue_text(text)
    pieces: list[str] = []

    result = stream_reply(build_chat_model(settings), [HumanMessage("stream please")], on_text=pieces.append)

    assert result.text == text
    assert len(pieces) >= 3 and "".join(pieces) == text
    assert result.finish_reason == "stop"
    body = fake_openai.chat_requests[-1].body
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert result.usage is not None
    assert result.usage["input_tokens"] == 2  # the fake counts "stream please" as 2
    assert result.usage["output_tokens"] > 10


def test_usage_grows_with_the_prompt(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    model = build_chat_model(settings_for(fake_openai, tmp_path))
    short = stream_reply(model, [HumanMessage("short prompt")])
    long = stream_reply(model, [HumanMessage("a much longer prompt " * 20)])
    assert short.usage and long.usage
    assert long.usage["input_tokens"] > 10 * short.usage["input_tokens"]


@tool
def lookup_creator(handle: str) -> str:
    """Look up a creator's follower count."""
    return json.dumps({"handle": handle, "followers": 12400})


def test_tool_call_round_trip(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    """The model asks for a tool, we run it, and the model's next answer is built from the tool's result."""

    def answer_from_tool_result(body: dict) -> TextReply | None:
        tool_messages = [m for m in body["messages"] if m["role"] == "tool"]
        if not tool_messages:
            return None
        data = json.loads(tool_messages[-1]["content"])
        return TextReply(f"{data['handle']} has {data['followers']} followers.")

    fake_openai.enqueue_tool_call("lookup_creator", {"handle": "maya"})
    fake_openai.responder = answer_from_tool_result
    model = build_chat_model(settings_for(fake_openai, tmp_path)).bind_tools([lookup_creator])
    messages = [SystemMessage("You help marketers."), HumanMessage("How big is Maya?")]

    first = model.invoke(messages)
    assert [c["name"] for c in first.tool_calls] == ["lookup_creator"]
    assert first.tool_calls[0]["args"] == {"handle": "maya"}
    call = first.tool_calls[0]
    messages += [first, ToolMessage(lookup_creator.invoke(call["args"]), tool_call_id=call["id"])]
    final = model.invoke(messages)

    assert final.content == "maya has 12400 followers."
    first_body, second_body = (r.body for r in fake_openai.chat_requests)
    assert first_body["tools"][0]["function"]["name"] == "lookup_creator"
    tool_message = second_body["messages"][-1]
    assert tool_message["role"] == "tool" and tool_message["tool_call_id"] == call["id"]


def test_openai_provider_sends_only_the_current_max_tokens_name(fake_openai: FakeOpenAIServer,
                                                                  tmp_path: Path) -> None:
    # provider 'openai' with llm_base_url set (a proxy in front of OpenAI) lets us watch what it sends
    settings = settings_for(fake_openai, tmp_path, llm_provider="openai", llm_max_tokens=99)
    build_chat_model(settings, streaming=False).invoke("hi")
    body = fake_openai.chat_requests[-1].body
    assert body["max_completion_tokens"] == 99 and "max_tokens" not in body


def test_keyless_compatible_server_gets_a_placeholder_key(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, OPENAI_API_KEY=None)
    build_chat_model(settings, streaming=False).invoke("hi")
    assert fake_openai.chat_requests[-1].headers["authorization"] == "Bearer not-needed"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"llm_provider": "offline"}, "offline"),
        ({"llm_provider": "openai"}, "OPENAI_API_KEY is not set"),
        ({"llm_provider": "compatible", "llm_base_url": ""}, "llm_base_url is empty"),
        ({"llm_provider": "auto"}, "offline"),  # no key, no base URL
    ],
)
def test_unusable_provider_raises_a_clear_error(tmp_path: Path, values: dict, expected: str) -> None:
    with pytest.raises(ProviderError, match=expected):
        build_chat_model(Settings(data_dir=tmp_path, **values))


def test_describe_provider_names_host_never_key(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    described = describe_provider(settings_for(fake_openai, tmp_path, OPENAI_API_KEY=SECRET))
    assert described["provider"] == "compatible"
    assert described["model"] == "fake-model"
    assert described["base_url_host"] == fake_openai.host
    assert described["api_key"] == "set"
    assert SECRET not in json.dumps(described)

    openai_settings = Settings(data_dir=tmp_path, llm_provider="openai", OPENAI_API_KEY=SECRET)
    assert describe_provider(openai_settings)["base_url_host"] == "api.openai.com"
    assert describe_provider(Settings(data_dir=tmp_path))["provider"] == "offline"


def test_ping_ok(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    ok, message = ping(settings_for(fake_openai, tmp_path))
    assert ok, message
    assert fake_openai.host in message and "fake-model" in message
    assert [r.path for r in fake_openai.requests] == ["/v1/models"]  # no tokens spent


def test_ping_reports_a_model_the_server_lacks(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.models = ["llama3.1:8b", "qwen2.5:7b"]
    ok, message = ping(settings_for(fake_openai, tmp_path, llm_model="gpt-4o-mini"))
    assert not ok
    assert "gpt-4o-mini" in message and "llama3.1:8b" in message


def test_ping_reports_a_rejected_key_without_showing_it(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.api_key = "the-right-key"
    ok, message = ping(settings_for(fake_openai, tmp_path, OPENAI_API_KEY=SECRET))
    assert not ok
    assert "401" in message and "API key" in message
    assert SECRET not in message


def test_ping_reports_an_unreachable_server(tmp_path: Path) -> None:
    server = FakeOpenAIServer().start()
    settings = settings_for(server, tmp_path)
    server.stop()  # nothing listens on that port any more
    ok, message = ping(settings)
    assert not ok
    assert "Can't reach" in message and settings.llm_base_url.split("//")[1].split("/")[0] in message


def test_ping_offline_is_ok(tmp_path: Path) -> None:
    ok, message = ping(Settings(data_dir=tmp_path, llm_provider="offline"))
    assert ok and "offline" in message.lower()


def test_models_work_under_successive_event_loops(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    """A CLI turn is one asyncio.run(); the next turn's model must not inherit the closed loop's connections."""
    import asyncio

    from assistant.llm import astream_reply

    settings = settings_for(fake_openai, tmp_path)
    texts = [asyncio.run(astream_reply(build_chat_model(settings), "hi", settings=settings)).text for _ in range(3)]
    assert texts == [fake_openai.default_reply] * 3
