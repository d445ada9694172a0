"""Refuse a provider reply that can't be a chat completion before the openai client tries to parse it.

A proxy, captive portal or mis-set ``llm_base_url`` can answer ``200 OK`` with a web page, an empty body, cut
JSON, or plain JSON where a stream was asked for. The openai client then either parses nothing (and LangChain
says "No generations found in stream") or hands LangChain a string. These HTTP response hooks look at what came
back for ``/chat/completions`` (status 2xx only: error statuses keep the client's own retries and errors) and
raise an ``openai.APIResponseValidationError`` carrying ``reply_problem`` (a :data:`ReplyProblem`), which the
client passes on without retrying and :func:`assistant.llm.errors.friendly_error` turns into one sentence.

Nothing from the body is kept on the error but an error message the server itself put in a JSON error envelope.
"""

from __future__ import annotations

import json
from typing import Any, Literal

ReplyProblem = Literal["html", "empty", "not_json", "no_choices", "not_a_stream", "wrong_content_type",
                       "error_in_body"]

_STREAM_TYPES = ("text/event-stream",)
_JSON_TYPES = ("application/json",)
_SSE_STARTS = (b"data:", b"event:", b"id:", b":")


def _is_chat_completion(request: Any) -> bool:
    return request.method == "POST" and str(request.url.path).rstrip("/").endswith("/chat/completions")


def _wants_stream(request: Any) -> bool:
    try:
        body = json.loads(bytes(request.content or b"") or b"null")
    except (ValueError, TypeError, RuntimeError):  # RuntimeError: a streamed request body we can't see
        return False
    return isinstance(body, dict) and bool(body.get("stream"))


def _media_type(response: Any) -> str:
    return (response.headers.get("content-type") or "").split(";")[0].strip().lower()


def _looks_like_markup(body: bytes) -> bool:
    head = body.lstrip()[:64].lower()
    return head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")) or (
        head.startswith(b"<") and b">" in head)


def problem_of(request: Any, response: Any, body: bytes | None) -> tuple[ReplyProblem | None, str]:
    """What is wrong with ``response`` to ``request`` (None if it may be a chat completion), and the server's own
    error message when it sent one in a 2xx JSON envelope. ``body`` is None for a stream (not read here)."""
    if not (200 <= response.status_code < 300) or not _is_chat_completion(request):
        return None, ""
    media = _media_type(response)
    if media in ("text/html", "application/xhtml+xml") or (body is not None and _looks_like_markup(body)):
        return "html", ""
    if body is None:  # a stream was asked for and is arriving
        if media in _STREAM_TYPES:
            return None, ""
        return "wrong_content_type", ""
    if not body.strip():
        return "empty", ""
    if _wants_stream(request) and body.lstrip().startswith(_SSE_STARTS):
        return None, ""  # a stream under the wrong content type: the client reads SSE whatever the header says
    try:
        parsed = json.loads(body)
    except ValueError:
        return "not_json", ""
    if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict | str):
        inner = parsed["error"]
        message = inner.get("message") if isinstance(inner, dict) else inner
        return "error_in_body", message if isinstance(message, str) else ""
    if _wants_stream(request):
        return "not_a_stream", ""
    if not isinstance(parsed, dict) or not isinstance(parsed.get("choices"), list) or not parsed["choices"]:
        return "no_choices", ""
    if media and media not in _JSON_TYPES and not media.endswith("+json"):
        return "wrong_content_type", ""
    return None, ""


def _needs_body(request: Any, response: Any) -> bool:
    """Read the body only of a non-stream reply, or of a 'stream' that isn't SSE (it is short and wrong)."""
    if not (200 <= response.status_code < 300) or not _is_chat_completion(request):
        return False
    return not (_wants_stream(request) and _media_type(response) in _STREAM_TYPES)


def _raise(response: Any, problem: ReplyProblem, server_message: str) -> None:
    import openai

    error = openai.APIResponseValidationError(response=response, body=None,
                                              message=f"unusable chat completion reply: {problem}")
    error.reply_problem = problem  # type: ignore[attr-defined]
    error.server_message = server_message  # type: ignore[attr-defined]
    raise error


def check_reply(response: Any) -> None:
    """Sync response hook (httpx ``event_hooks={"response": [check_reply]}``)."""
    request = response.request
    body = None
    if _needs_body(request, response):
        body = response.read()
    problem, message = problem_of(request, response, body)
    if problem is not None:
        _raise(response, problem, message)


async def acheck_reply(response: Any) -> None:
    """Async response hook, for the async client."""
    request = response.request
    body = None
    if _needs_body(request, response):
        body = await response.aread()
    problem, message = problem_of(request, response, body)
    if problem is not None:
        _raise(response, problem, message)
