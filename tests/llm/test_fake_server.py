"""The fake server itself: what the real openai client sees when talking to it."""

from __future__ import annotations

import openai
import pytest

from tests.fakes.openai_server import FakeOpenAIServer, TextReply, simple_token_count


@pytest.fixture
def client(fake_openai: FakeOpenAIServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=fake_openai.base_url, api_key="test-key", max_retries=0, timeout=5)


def test_queue_then_default_reply_and_recorded_requests(fake_openai: FakeOpenAIServer, client: openai.OpenAI) -> None:
    fake_openai.default_reply = "default words"
    fake_openai.enqueue_text("scripted words")

    first = client.chat.completions.create(model="fake-model", messages=[{"role": "user", "content": "one two"}])
    second = client.chat.completions.create(model="fake-model", messages=[{"role": "user", "content": "three"}])

    assert first.choices[0].message.content == "scripted words"
    assert second.choices[0].message.content == "default words"
    assert [r.messages[0]["content"] for r in fake_openai.chat_requests] == ["one two", "three"]
    assert fake_openai.chat_requests[0].headers["authorization"] == "Bearer test-key"
    # usage is the fake's word count, so prompt sizes can be compared across requests
    assert first.usage is not None and first.usage.prompt_tokens == 2
    assert second.usage is not None and second.usage.prompt_tokens == 1
    assert first.usage.completion_tokens == simple_token_count("scripted words")


def test_responder_sees_the_request(fake_openai: FakeOpenAIServer, client: openai.OpenAI) -> None:
    fake_openai.responder = lambda body: TextReply(f"you said {len(body['messages'])} message(s)")
    reply = client.chat.completions.create(
        model="fake-model", messages=[{"role": "system", "content": "s"}, {"role": "user", "content": "u"}]
    )
    assert reply.choices[0].message.content == "you said 2 message(s)"


def test_streaming_sends_chunks_usage_and_done(fake_openai: FakeOpenAIServer, client: openai.OpenAI) -> None:
    fake_openai.enqueue_text("A reply long enough to need several streamed chunks.")
    stream = client.chat.completions.create(
        model="fake-model", messages=[{"role": "user", "content": "hi"}], stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "A reply long enough to need several streamed chunks."
    assert sum(1 for c in chunks if c.choices and c.choices[0].delta.content) >= 3
    assert chunks[-1].usage is not None and chunks[-1].usage.prompt_tokens == 1


def test_tool_calls_stream_as_deltas(fake_openai: FakeOpenAIServer, client: openai.OpenAI) -> None:
    fake_openai.enqueue_tool_call("lookup", {"handle": "maya"}, more=[("score", {"n": 2})])
    stream = client.chat.completions.create(model="fake-model", messages=[{"role": "user", "content": "x"}],
                                            stream=True)
    args: dict[int, str] = {}
    names: dict[int, str] = {}
    finish = None
    for chunk in stream:
        for choice in chunk.choices:
            finish = choice.finish_reason or finish
            for call in choice.delta.tool_calls or []:
                if call.function and call.function.name:
                    names[call.index] = call.function.name
                args[call.index] = args.get(call.index, "") + ((call.function and call.function.arguments) or "")
    assert names == {0: "lookup", 1: "score"}
    assert args == {0: '{"handle": "maya"}', 1: '{"n": 2}'}
    assert finish == "tool_calls"


def test_models_and_embeddings(fake_openai: FakeOpenAIServer, client: openai.OpenAI) -> None:
    fake_openai.models = ["fake-model", "other"]
    assert [m.id for m in client.models.list()] == ["fake-model", "other"]

    # The client asks for base64 by default and decodes it; floats work too. Same text, same vector.
    default = client.embeddings.create(model="text-embedding-3-small", input=["brand voice", "hiking boots"])
    floats = client.embeddings.create(model="text-embedding-3-small", input=["brand voice"], encoding_format="float")
    first, second = (d.embedding for d in default.data)
    assert len(first) == fake_openai.embedding_dimensions
    assert first == pytest.approx(floats.data[0].embedding, abs=1e-6)
    assert first != pytest.approx(second, abs=1e-3)
    assert sum(v * v for v in first) == pytest.approx(1.0, abs=1e-5)


def test_api_key_can_be_required(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.api_key = "right-key"
    wrong = openai.OpenAI(base_url=fake_openai.base_url, api_key="wrong-key", max_retries=0, timeout=5)
    with pytest.raises(openai.AuthenticationError):
        wrong.models.list()
