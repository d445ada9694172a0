"""Turn whatever a model call raised into one readable sentence a marketer can act on. The one place that maps
provider faults to words (the words themselves are in ``prompts/llm/errors.toml``).

The openai client (under ``ChatOpenAI``) raises its own exception family, langchain-openai re-wraps some of them,
a non-JSON body surfaces as a bare ``json.JSONDecodeError``, a stream with nothing usable in it as LangChain's
``ValueError("No generations found in stream.")``, an error event inside a stream as a bare ``APIError``, and a
stream that breaks mid-reply becomes an ``APIConnectionError`` caused by the HTTP library's
``RemoteProtocolError``. Replies that can't be a chat completion at all (a web page, an empty body, cut JSON) are
refused on arrival by :mod:`assistant.llm.replies`, which says what was wrong. ``friendly_error`` maps all of
them to a :class:`ModelCallError` (a :class:`~assistant.errors.ProviderError`) whose message names the server,
what went wrong, how many attempts were made and what to do. It never quotes a library's message, a page or
markup; the only server text quoted is a short error message the server wrote itself, without tags. The API key
never appears: messages are built from the URL host, status codes and counts, and anything quoted is scrubbed of
key-like strings. The full exception chain goes to the debug log, scrubbed the same way.

Imports of ``openai`` happen inside the functions: by the time there is an error to explain, it is loaded.
"""

from __future__ import annotations

import json
import logging
import math
import re
import tomllib
from functools import lru_cache
from string import Template
from typing import TYPE_CHECKING, Any, Literal

from assistant.errors import ProviderError
from assistant.resources import read_prompt

if TYPE_CHECKING:
    from assistant.config import Settings

ErrorKind = Literal[
    "rate_limited",
    "server_error",
    "timeout",
    "unreachable",
    "malformed",
    "stream_cut",
    "auth",
    "forbidden",
    "not_found",
    "bad_request",
    "context_overflow",
    "length",
    "content_filter",
    "unparseable",
    "not_configured",
    "other",
]

SENTENCES = "llm/errors.toml"
_TAG = re.compile(r"<[^<>]{0,200}>")
_log = logging.getLogger(__name__)
_KEY_LIKE = re.compile(r"\b(?:sk|rk|pk)-[A-Za-z0-9_\-]{8,}|\bBearer\s+\S+", re.IGNORECASE)


class ModelCallError(ProviderError):
    """A failed model call, explained. ``str(error)`` is the one-line message for the chat.

    ``partial_text`` holds whatever a stream delivered before it failed, so the caller can keep it on screen.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: ErrorKind = "other",
        host: str | None = None,
        status: int | None = None,
        attempts: int | None = None,
        retry_after: float | None = None,
        partial_text: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind: ErrorKind = kind
        self.host = host
        self.status = status
        self.attempts = attempts
        self.retry_after = retry_after
        self.partial_text = partial_text


def friendly_error(
    exc: BaseException, *, settings: Settings | None = None, partial_text: str = ""
) -> ModelCallError:
    """Explain ``exc`` (anything a model call raised) as a :class:`ModelCallError` whose message is one sentence.

    ``settings`` (optional) names the server when the exception doesn't carry a request, and lets the message
    quote the configured timeout; ``partial_text`` is what a stream produced before failing (kept on the error).
    The sentences are in ``prompts/llm/errors.toml``; nothing a server sent is quoted but its own short error
    message, without markup.
    """
    if isinstance(exc, ModelCallError):
        if partial_text and not exc.partial_text:
            exc.partial_text = partial_text
        return exc

    host = _host_of(exc) or host_from_settings(settings)
    server = f"the model server at {host}" if host else "the model server"
    where = server[0].upper() + server[1:]
    attempts = _attempts(exc)
    tried = f"; tried {attempts} time{'s' if attempts != 1 else ''}" if attempts else ""
    status = _status(exc)
    retry_after = _retry_after(exc)

    def make(kind: ErrorKind, key: str, **values: object) -> ModelCallError:
        message = sentence(key, where=where, server=server, tried=tried, **values)
        return ModelCallError(
            _scrub(message, settings),
            kind=kind,
            host=host,
            status=status,
            attempts=attempts,
            retry_after=retry_after,
            partial_text=partial_text,
        )

    chain = _exception_chain(exc)
    names = {cls.__name__ for e in chain for cls in type(e).__mro__}
    _log.debug("model call failed: %s", _scrub(" <- ".join(f"{type(e).__name__}: {_short(e)}" for e in chain),
                                                settings))

    if isinstance(exc, ProviderError):  # already ours (e.g. a configuration problem): keep its message
        return ModelCallError(_scrub(str(exc), settings), kind="not_configured", host=host, partial_text=partial_text)

    # A reply our response hook refused (see assistant.llm.replies): we know exactly what was wrong with it.
    problem = _reply_problem(chain)
    if problem is not None:
        kind, said = problem
        kinds: dict[str, ErrorKind] = {"not_json": "malformed", "error_in_body": "server_error"}
        return make(kinds.get(kind, "malformed"), kind, said=_said(said), media=_media_of(exc) or "unknown")

    # A stream that broke after it started. Checked first: it arrives as a connection error.
    if partial_text or "RemoteProtocolError" in names or "IncompleteRead" in names:
        broken = "RemoteProtocolError" in names or "IncompleteRead" in names or _is_connection_error(names)
        if broken and "APITimeoutError" not in names and "TimeoutException" not in names:
            return make("stream_cut", "stream_cut", kept=sentence("stream_cut_kept") if partial_text else "")

    if "RateLimitError" in names or status == 429:
        wait = (sentence("rate_limited_wait_seconds", seconds=_seconds(retry_after))
                if retry_after and retry_after <= 120 else sentence("rate_limited_wait_default"))
        return make("rate_limited", "rate_limited", wait=wait)

    if "APITimeoutError" in names or "TimeoutException" in names:
        limit = _timeout_of(exc, settings)
        return make("timeout", "timeout", within=f" within {_seconds(limit)}" if limit else " in time")

    if "ContextOverflowError" in names or "context_length_exceeded" in str(exc):
        return make("context_overflow", "context_overflow")

    if status is not None:
        kind, key, values = _status_message(status, exc)
        return make(kind, key, **values)

    if "APIResponseValidationError" in names or any(isinstance(e, json.JSONDecodeError | UnicodeDecodeError)
                                                    for e in chain):
        return make("malformed", "malformed")

    if any(type(e).__name__ == "APIError" for e in chain):
        # An error event inside an SSE stream: the server's own message, or none.
        return make("server_error", "error_in_body", said=_said(_server_message(exc)))

    if any(isinstance(e, ValueError) and "no generations found" in str(e).lower() for e in chain):
        # LangChain's words for a stream that held no usable chunk (an empty or non-SSE body).
        return make("malformed", "empty_stream")

    if _is_connection_error(names):
        reason = _connection_reason(chain)
        return make("unreachable", "unreachable", reason=f" ({reason})" if reason else "")

    if "LengthFinishReasonError" in names:
        return make("length", "length")
    if "ContentFilterFinishReasonError" in names:
        return make("content_filter", "content_filter")
    if "OutputParserException" in names or "ValidationError" in names:
        return make("unparseable", "unparseable_unknown")

    return make("other", "other", name=type(exc).__name__)


def stream_ended_early(settings: Settings | None, partial: str) -> ModelCallError:
    """A stream that finished without a finish reason (a proxy timing it out): a cut, with ``partial`` kept."""
    host = host_from_settings(settings)
    server = f"the model server at {host}" if host else "the model server"
    message = sentence("stream_cut", where=server[0].upper() + server[1:],
                       kept=sentence("stream_cut_kept") if partial else "")
    return ModelCallError(message, kind="stream_cut", host=host, partial_text=partial)


@lru_cache(maxsize=1)
def _sentences() -> dict[str, str]:
    return tomllib.loads(read_prompt(SENTENCES))


def sentence(key: str, **values: object) -> str:
    """The sentence ``key`` of ``prompts/llm/errors.toml``, filled (every placeholder must be given)."""
    return Template(_sentences()[key]).substitute({k: "" if v is None else str(v) for k, v in values.items()})


# details ---------------------------------------------------------------------------------------------------


def _status_message(status: int, exc: BaseException) -> tuple[ErrorKind, str, dict[str, object]]:
    phrase = _phrase(status)
    if status >= 500:
        return "server_error", "server_error", {"status": status, "phrase": phrase}
    if status == 401:
        return "auth", "auth", {}
    if status == 403:
        return "forbidden", "forbidden", {}
    if status == 404:
        model = _requested_model(exc)
        return "not_found", "not_found", {"model": f" '{model}'" if model else ""}
    said = "" if _is_markup_response(exc) else _server_message(exc)
    if status in (400, 422):
        return "bad_request", "bad_request", {"status": status, "said": _said(said)}
    return "other", "other_status", {"status": status, "phrase": phrase, "said": _said(said)}


def _phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


def _said(message: str) -> str:
    message = _short_text(_strip_markup(message).strip().rstrip("."))
    return f', saying "{message}"' if message else ""


def _strip_markup(text: str) -> str:
    """Text with HTML tags and entities removed: a server's words, never its page."""
    import html

    return html.unescape(_TAG.sub("", text))


def _reply_problem(chain: list[BaseException]) -> tuple[str, str] | None:
    for e in chain:
        problem = getattr(e, "reply_problem", None)
        if isinstance(problem, str):
            return problem, str(getattr(e, "server_message", "") or "")
    return None


def _response_of(exc: BaseException) -> Any:
    for e in _exception_chain(exc):
        response = getattr(e, "response", None)
        if response is not None:
            return response
    return None


def _media_of(exc: BaseException) -> str:
    response = _response_of(exc)
    headers = getattr(response, "headers", None)
    if headers is None:
        return ""
    return str(headers.get("content-type") or "").split(";")[0].strip()


def _is_markup_response(exc: BaseException) -> bool:
    if "html" in _media_of(exc).lower():
        return True
    body = getattr(exc, "body", None)
    text = body if isinstance(body, str) else getattr(exc, "message", "")
    return isinstance(text, str) and bool(_TAG.search(text))


def _exception_chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _is_connection_error(names: set[str]) -> bool:
    return bool(names & {"APIConnectionError", "ConnectError", "ConnectionError", "NetworkError", "ReadError"})


def _connection_reason(chain: list[BaseException]) -> str:
    for e in reversed(chain):
        name = type(e).__name__
        text = str(e)
        if "refused" in text.lower():
            return "connection refused"
        if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
            return "unknown host name"
        if name in ("ConnectError", "ConnectionRefusedError"):
            return "can't connect"
    return ""


def _request_of(exc: BaseException) -> Any:
    for e in _exception_chain(exc):
        response = getattr(e, "response", None)
        request = getattr(response, "request", None) if response is not None else None
        if request is None:
            try:
                request = getattr(e, "request", None)
            except RuntimeError:  # httpx raises when an exception has no request attached
                request = None
        if request is not None:
            return request
    return None


def _host_of(exc: BaseException) -> str | None:
    request = _request_of(exc)
    url = getattr(request, "url", None)
    if url is None:
        return None
    return _format_host(getattr(url, "host", None), getattr(url, "port", None))


def host_from_settings(settings: Settings | None) -> str | None:
    if settings is None:
        return None
    from urllib.parse import urlsplit

    if settings.llm_base_url:
        parts = urlsplit(settings.llm_base_url)
        return _format_host(parts.hostname, parts.port)
    if settings.effective_provider == "openai":
        return "api.openai.com"
    return None


def _format_host(host: str | None, port: int | None) -> str | None:
    if not host:
        return None
    return f"{host}:{port}" if port else host


def _attempts(exc: BaseException) -> int | None:
    """How many HTTP attempts the openai client made: it stamps each request with x-stainless-retry-count."""
    request = _request_of(exc)
    headers = getattr(request, "headers", None)
    if headers is None:
        return None
    try:
        return int(headers.get("x-stainless-retry-count")) + 1
    except (TypeError, ValueError):
        return None


def _status(exc: BaseException) -> int | None:
    for e in _exception_chain(exc):
        status = getattr(e, "status_code", None)
        if isinstance(status, int) and status >= 400:
            return status
    return None


def _retry_after(exc: BaseException) -> float | None:
    for e in _exception_chain(exc):
        response = getattr(e, "response", None)
        headers = getattr(response, "headers", None)
        if headers is None:
            continue
        for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
            value = headers.get(name)
            if value is None:
                continue
            try:
                seconds = float(value) / divisor
            except ValueError:
                continue
            if math.isfinite(seconds) and seconds >= 0:
                return seconds
    return None


def _timeout_of(exc: BaseException, settings: Settings | None) -> float | None:
    request = _request_of(exc)
    extensions = getattr(request, "extensions", None) or {}
    timeout = extensions.get("timeout") if isinstance(extensions, dict) else None
    if isinstance(timeout, dict):
        read = timeout.get("read")
        if isinstance(read, int | float):
            return float(read)
    return settings.llm_timeout if settings is not None else None


def _requested_model(exc: BaseException) -> str | None:
    request = _request_of(exc)
    try:
        body = json.loads(bytes(getattr(request, "content", b"") or b"") or b"null")
    except (ValueError, TypeError, RuntimeError):
        return None
    model = body.get("model") if isinstance(body, dict) else None
    return model if isinstance(model, str) else None


def _server_message(exc: BaseException) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return _short_text(inner["message"])
    message = getattr(exc, "message", None)
    return _short_text(message if isinstance(message, str) else str(exc))


def _short(exc: BaseException) -> str:
    return _short_text(str(exc))


def _short_text(text: str, limit: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _seconds(value: float) -> str:
    if value < 10:
        shown = f"{value:.1f}".rstrip("0").rstrip(".")
    else:
        shown = f"{round(value)}"
    return f"{shown} second{'s' if shown != '1' else ''}"


def _scrub(message: str, settings: Settings | None) -> str:
    """Remove anything key-shaped, and the configured key itself, from a message."""
    cleaned = _KEY_LIKE.sub("[redacted]", message)
    key = settings.openai_api_key.get_secret_value() if settings and settings.openai_api_key else ""
    if key and len(key) >= 4:
        cleaned = cleaned.replace(key, "[redacted]")
    return cleaned
