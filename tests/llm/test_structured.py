"""Structured output into pydantic models, by tool calling and by JSON schema, and what a bad answer becomes."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage
from pydantic import BaseModel, Field

from assistant.llm import ModelCallError, build_chat_model, invoke_structured, preferred_structured_method
from assistant.llm.structured import ainvoke_structured
from tests.fakes.fixtures import settings_for
from tests.fakes.openai_server import FakeOpenAIServer

ASK = [HumanMessage("Summarise the fit of Maya for Northwind.")]


class FitSummary(BaseModel):
    """A short verdict on a creator."""

    headline: str = Field(description="One sentence.")
    strengths: list[str] = Field(description="What fits the brand.")
    concerns: list[str] = Field(description="What doesn't.")


ANSWER = {"headline": "Strong outdoor fit.", "strengths": ["trail content"], "concerns": ["one competitor post"]}


@pytest.mark.parametrize("streaming", [False, True])
def test_function_calling(fake_openai: FakeOpenAIServer, tmp_path: Path, streaming: bool) -> None:
    fake_openai.enqueue_tool_call("FitSummary", ANSWER)
    model = build_chat_model(settings_for(fake_openai, tmp_path), streaming=streaming)

    summary = invoke_structured(model, FitSummary, ASK, method="function_calling")

    assert summary == FitSummary(**ANSWER)
    body = fake_openai.chat_requests[-1].body
    assert body["tools"][0]["function"]["name"] == "FitSummary"
    assert "response_format" not in body


@pytest.mark.parametrize("streaming", [False, True])
def test_json_schema(fake_openai: FakeOpenAIServer, tmp_path: Path, streaming: bool) -> None:
    fake_openai.enqueue_json(ANSWER)
    model = build_chat_model(settings_for(fake_openai, tmp_path), streaming=streaming)

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no pydantic serializer warnings leaking out of the parse path
        summary = invoke_structured(model, FitSummary, ASK, method="json_schema")

    assert summary == FitSummary(**ANSWER)
    body = fake_openai.chat_requests[-1].body
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["name"] == "FitSummary"
    assert "tools" not in body


async def test_async_function_calling(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.enqueue_tool_call("FitSummary", ANSWER)
    model = build_chat_model(settings_for(fake_openai, tmp_path))
    assert await ainvoke_structured(model, FitSummary, ASK) == FitSummary(**ANSWER)


def test_default_method_follows_the_endpoint(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path)
    assert preferred_structured_method(settings) == "function_calling"
    fake_openai.enqueue_tool_call("FitSummary", ANSWER)
    invoke_structured(build_chat_model(settings), FitSummary, ASK)  # method=None
    assert "tools" in fake_openai.chat_requests[-1].body

    openai_settings = settings.model_copy(update={"llm_provider": "openai", "llm_base_url": ""})
    assert preferred_structured_method(openai_settings) == "json_schema"


def test_prose_instead_of_a_tool_call_is_a_clear_error(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.enqueue_text("I'd say Maya is a great fit, honestly.")
    model = build_chat_model(settings_for(fake_openai, tmp_path))

    with pytest.raises(ModelCallError) as raised:
        invoke_structured(model, FitSummary, ASK, method="function_calling")

    assert raised.value.kind == "unparseable"
    assert str(raised.value).startswith("The model's answer didn't fit the expected FitSummary structure")
    assert "plain text" in str(raised.value)


def test_arguments_missing_a_field_is_a_clear_error(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.enqueue_tool_call("FitSummary", {"headline": "Fits."})
    model = build_chat_model(settings_for(fake_openai, tmp_path))

    with pytest.raises(ModelCallError) as raised:
        invoke_structured(model, FitSummary, ASK, method="function_calling")

    assert raised.value.kind == "unparseable"
    assert "strengths" in str(raised.value)


@pytest.mark.parametrize("content", ["not json at all", '{"headline": "only this"}'])
def test_bad_json_schema_answer_is_a_clear_error(fake_openai: FakeOpenAIServer, tmp_path: Path,
                                                 content: str) -> None:
    fake_openai.enqueue_text(content)
    model = build_chat_model(settings_for(fake_openai, tmp_path), streaming=False)

    with pytest.raises(ModelCallError) as raised:
        invoke_structured(model, FitSummary, ASK, method="json_schema")

    assert raised.value.kind == "unparseable"
    assert "FitSummary" in str(raised.value)


def test_provider_failure_during_structured_call_is_explained(fake_openai: FakeOpenAIServer,
                                                              tmp_path: Path) -> None:
    fake_openai.enqueue_error(500, headers={})
    model = build_chat_model(settings_for(fake_openai, tmp_path, llm_max_retries=0))

    with pytest.raises(ModelCallError) as raised:
        invoke_structured(model, FitSummary, ASK, method="function_calling")

    assert raised.value.kind == "server_error"
