"""Provider failures through the real openai client: retries, Retry-After, timeouts, garbage, cut streams.

Each failure must end as one clear ModelCallError line that names the server and never the key.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage

from assistant.llm import ModelCallError, astream_reply, build_chat_model, friendly_error, stream_reply
from tests.fakes.fixtures import settings_for
from tests.fakes.openai_server import FakeOpenAIServer

SECRET = "sk-test-0123456789abcdefSECRET"
ASK = [HumanMessage("Draft a short outreach note.")]


def explain(call, settings) -> ModelCallError:
    """Run ``call``, which must fail, and return the friendly error for what it raised."""
    with pytest.raises(Exception) as raised:
        call()
    error = friendly_error(raised.value, settings=settings)
    assert SECRET not in str(error)
    return error


def test_429_waits_retry_after_then_succeeds(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, llm_max_retries=2, OPENAI_API_KEY=SECRET)
    fake_openai.enqueue_error(429, headers={"Retry-After": "1"})
    fake_openai.enqueue_text("Second time lucky.")

    reply = build_chat_model(settings, streaming=False).invoke(ASK)

    assert reply.content == "Second time lucky."
    first, second = fake_openai.chat_requests
    gap = second.received_at - first.received_at
    # The client's own backoff for a first retry is 0.375-0.5 s; a gap of ~1 s means Retry-After was honoured.
    assert 0.9 <= gap < 2.0
    assert [first.headers["x-stainless-retry-count"], second.headers["x-stainless-retry-count"]] == ["0", "1"]


def test_retry_after_beyond_two_minutes_is_not_retried(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, llm_max_retries=3, OPENAI_API_KEY=SECRET)
    fake_openai.enqueue_error(429, headers={"Retry-After": "600"})

    error = explain(lambda: build_chat_model(settings, streaming=False).invoke(ASK), settings)

    assert len(fake_openai.chat_requests) == 1
    assert error.kind == "rate_limited"
    assert str(error) == (
        f"The model server at {fake_openai.host} is rate-limiting us (429); tried 1 time: try again in a minute."
    )


def test_persistent_429_says_how_long_to_wait(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, llm_max_retries=1, OPENAI_API_KEY=SECRET)
    for _ in range(2):
        fake_openai.enqueue_error(429, headers={"Retry-After": "0.2"})

    error = explain(lambda: build_chat_model(settings, streaming=False).invoke(ASK), settings)

    assert len(fake_openai.chat_requests) == 2
    assert error.kind == "rate_limited" and error.attempts == 2 and error.retry_after == pytest.approx(0.2)
    assert "(429); tried 2 times: try again in about 0.2 seconds." in str(error)


def test_500_then_success_is_retried_with_backoff(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, llm_max_retries=2)
    fake_openai.enqueue_error(500, headers={})
    fake_openai.enqueue_text("Recovered.")

    reply = build_chat_model(settings, streaming=False).invoke(ASK)

    assert reply.content == "Recovered."
    first, second = fake_openai.chat_requests
    assert 0.3 <= second.received_at - first.received_at < 1.0  # 0.5 s backoff minus up to 25 % jitter


def test_persistent_500_becomes_a_friendly_error(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, llm_max_retries=1, OPENAI_API_KEY=SECRET)
    for _ in range(2):
        fake_openai.enqueue_error(500, headers={})

    error = explain(lambda: build_chat_model(settings).invoke(ASK), settings)  # streaming model this time

    assert len(fake_openai.chat_requests) == 2
    assert error.kind == "server_error" and error.status == 500
    assert str(error) == (
        f"The model server at {fake_openai.host} had a server error (500 Internal Server Error); tried 2 times: try again shortly."
    )


def test_timeout_becomes_a_friendly_error(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, llm_timeout=0.5, llm_max_retries=0, OPENAI_API_KEY=SECRET)
    fake_openai.enqueue_delay(3)
    fake_openai.enqueue_text("Too late.")

    started = time.monotonic()
    error = explain(lambda: build_chat_model(settings, streaming=False).invoke(ASK), settings)

    assert time.monotonic() - started < 2.0
    assert error.kind == "timeout"
    assert str(error) == (
        f"The model server at {fake_openai.host} didn't answer within 0.5 seconds; tried 1 time: "
        "it may be busy or still loading the model, so try again or raise llm_timeout."
    )


def test_timeout_is_retried(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, llm_timeout=0.5, llm_max_retries=1)
    fake_openai.enqueue_delay(3)
    fake_openai.enqueue_text("Too late.")
    fake_openai.enqueue_text("On time.")

    assert build_chat_model(settings, streaming=False).invoke(ASK).content == "On time."
    assert len(fake_openai.chat_requests) == 2


@pytest.mark.parametrize("streaming", [False, True])
def test_malformed_body_becomes_a_friendly_error(fake_openai: FakeOpenAIServer, tmp_path: Path,
                                                 streaming: bool) -> None:
    settings = settings_for(fake_openai, tmp_path, OPENAI_API_KEY=SECRET)
    fake_openai.enqueue_malformed()

    error = explain(lambda: build_chat_model(settings, streaming=streaming).invoke(ASK), settings)

    assert error.kind == "malformed"
    # The fake's malformed body is an HTML snippet: whole, it is named as a web page; as an SSE event, as invalid
    # JSON. Never quoted.
    expected = "isn't valid OpenAI-style JSON" if streaming else "sent a web page instead of a model reply"
    assert str(error).startswith(f"The model server at {fake_openai.host} ") and expected in str(error)
    assert "Gateway says hello" not in str(error)


def test_unknown_model_names_the_model(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, llm_model="llama9:70b")
    fake_openai.enqueue_error(404, headers={})

    error = explain(lambda: build_chat_model(settings, streaming=False).invoke(ASK), settings)

    assert error.kind == "not_found"
    assert "'llama9:70b'" in str(error) and "(404)" in str(error)


def test_rejected_key_is_not_echoed(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.api_key = "the-right-key"
    settings = settings_for(fake_openai, tmp_path, OPENAI_API_KEY=SECRET)

    error = explain(lambda: build_chat_model(settings, streaming=False).invoke(ASK), settings)

    assert error.kind == "auth"
    assert str(error) == f"The model server at {fake_openai.host} rejected the API key (401): check OPENAI_API_KEY."


def test_unreachable_server(tmp_path: Path) -> None:
    server = FakeOpenAIServer().start()
    settings = settings_for(server, tmp_path, llm_max_retries=0)
    host = server.host
    server.stop()  # nothing listens on that port any more

    error = explain(lambda: build_chat_model(settings, streaming=False).invoke(ASK), settings)

    assert error.kind == "unreachable"
    assert str(error) == (
        f"Can't reach the model server at {host} (connection refused): is it running, and is llm_base_url right?"
    )


@pytest.mark.parametrize("graceful", [False, True], ids=["connection-dropped", "ended-without-finish"])
def test_cut_stream_keeps_the_partial_text(fake_openai: FakeOpenAIServer, tmp_path: Path, graceful: bool) -> None:
    settings = settings_for(fake_openai, tmp_path, OPENAI_API_KEY=SECRET)
    partial = "Hi Maya, we love your trail videos and would like to"
    fake_openai.enqueue_stream_cut(partial, graceful=graceful)
    shown: list[str] = []

    with pytest.raises(ModelCallError) as raised:
        stream_reply(build_chat_model(settings), ASK, on_text=shown.append, settings=settings)

    error = raised.value
    assert error.kind == "stream_cut"
    assert error.partial_text == partial == "".join(shown)
    assert str(error).startswith(f"The model server at {fake_openai.host} stopped mid-reply")
    assert "only the partial answer above is kept" in str(error)
    assert SECRET not in str(error)


async def test_cut_stream_async(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path)
    fake_openai.enqueue_stream_cut("Half an answer, then")
    shown: list[str] = []

    async def show(text: str) -> None:
        shown.append(text)

    with pytest.raises(ModelCallError) as raised:
        await astream_reply(build_chat_model(settings), ASK, on_text=show, settings=settings)

    assert raised.value.kind == "stream_cut"
    assert raised.value.partial_text == "Half an answer, then" == "".join(shown)


async def test_async_stream_succeeds(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path)
    fake_openai.enqueue_text("An async answer in several little pieces of text.")
    result = await astream_reply(build_chat_model(settings), ASK, settings=settings)
    assert result.text == "An async answer in several little pieces of text."
    assert result.finish_reason == "stop" and result.usage is not None


def test_server_text_quoted_in_an_error_is_scrubbed_of_the_key(fake_openai: FakeOpenAIServer,
                                                               tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, OPENAI_API_KEY=SECRET)
    fake_openai.enqueue_error(400, body={"error": {"message": f"Bad header for key {SECRET}; also sk-other123456789"}},
                              headers={})

    error = explain(lambda: build_chat_model(settings, streaming=False).invoke(ASK), settings)

    assert error.kind == "bad_request"
    assert "sk-other123456789" not in str(error)
    assert '(400), saying "Bad header for key [redacted]; also [redacted]"' in str(error)


async def test_a_web_page_on_the_async_path_is_one_sentence(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, OPENAI_API_KEY=SECRET)
    fake_openai.enqueue_raw("<html><body><h1>Sign in to the hotel Wi-Fi</h1></body></html>", content_type="text/html")

    with pytest.raises(ModelCallError) as raised:
        await astream_reply(build_chat_model(settings), ASK, settings=settings)

    assert str(raised.value) == (
        f"The model server at {fake_openai.host} sent a web page instead of a model reply: llm_base_url may point at "
        "a website, a login page or a proxy rather than the API (it usually ends in /v1).")
    assert len(fake_openai.chat_requests) == 1  # not retried: a page won't turn into a reply


def test_a_web_page_is_not_retried(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, llm_max_retries=3)
    fake_openai.enqueue_raw("<!doctype html><title>Login</title>", content_type="text/html")
    error = explain(lambda: build_chat_model(settings, streaming=False).invoke(ASK), settings)
    assert error.kind == "malformed" and len(fake_openai.chat_requests) == 1


def test_a_stream_under_the_wrong_content_type_still_works(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    """Some local servers send SSE as text/plain; the client reads SSE whatever the header says, so that's a reply."""
    settings = settings_for(fake_openai, tmp_path)
    chunks = [{"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "fake-model",
               "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
              for delta, finish in (({"role": "assistant", "content": "Plain "}, None), ({"content": "text."}, "stop"))]
    body = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
    fake_openai.enqueue_raw(body, content_type="text/plain", chunked=True)
    assert stream_reply(build_chat_model(settings), ASK, settings=settings).text == "Plain text."
