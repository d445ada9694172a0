"""Turn whatever a model call raised into one clear line a marketer can act on.

The openai client (under ``ChatOpenAI``) raises its own exception family, langchain-openai re-wraps some of them,
a non-JSON body surfaces as a bare ``json.JSONDecodeError``, and a stream that breaks mid-reply becomes an
``APIConnectionError`` caused by the HTTP library's ``RemoteProtocolError``. ``friendly_error`` maps all of them to
a :class:`ModelCallError` (a :class:`~assistant.errors.ProviderError`) whose message names the server, what went
wrong, how many attempts were made and what to do. The API key never appears: messages are built from the URL
host, status codes and counts, and any server text quoted is scrubbed of key-like strings.

Imports of ``openai`` happen inside the functions: by the time there is an error to explain, it is loaded.
"""

from __future__ import annotations

import json
import math
import re
from typing import TYPE_CHECKING, Any, Literal

from assistant.errors import ProviderError

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
    """Explain ``exc`` (anything a model call raised) as a :class:`ModelCallError` with a one-line message.

    ``settings`` (optional) names the server when the exception doesn't carry a request, and lets the message
    quote the configured timeout; ``partial_text`` is what a stream produced before failing (kept on the error).
    """
    if isinstance(exc, ModelCallError):
        if partial_text and not exc.partial_text:
            exc.partial_text = partial_text
        return exc

    host = _host_of(exc) or host_from_settings(settings)
    server = f"the model server at {host}" if host else "the model server"
    where = server[0].upper() + server[1:]
    attempts = _attempts(exc)
    tried = f"tried {attempts} time{'s' if attempts != 1 else ''}" if attempts else ""
    status = _status(exc)
    retry_after = _retry_after(exc)

    def make(kind: ErrorKind, message: str) -> ModelCallError:
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

    if isinstance(exc, ProviderError):  # already ours (e.g. a configuration problem): keep its message
        return make("not_configured", str(exc))

    # A stream that broke after it started. Checked first: it arrives as a connection error.
    if partial_text or "RemoteProtocolError" in names or "IncompleteRead" in names:
        broken = "RemoteProtocolError" in names or "IncompleteRead" in names or _is_connection_error(names)
        if broken and "APITimeoutError" not in names and "TimeoutException" not in names:
            kept = " The partial answer so far is kept." if partial_text else ""
            return make("stream_cut", f"{where} stopped mid-reply (the stream ended early).{kept} Ask again to retry.")

    if "RateLimitError" in names or status == 429:
        wait = (
            f"Try again in about {_seconds(retry_after)}."
            if retry_after and retry_after <= 120
            else "Try again in a minute."
        )
        detail = f"; {tried}" if tried else ""
        return make("rate_limited", f"{where} is rate-limiting us (429){detail}. {wait}")

    if "APITimeoutError" in names or "TimeoutException" in names:
        limit = _timeout_of(exc, settings)
        within = f" within {_seconds(limit)}" if limit else " in time"
        detail = f"; {tried}" if tried else ""
        return make(
            "timeout",
            f"{where} didn't answer{within}{detail}. It may be busy or still loading the model: "
            "try again, or raise llm_timeout.",
        )

    if "ContextOverflowError" in names or "context_length_exceeded" in str(exc):
        return make(
            "context_overflow",
            "The conversation is too long for the model's context window. Start a new chat or lower "
            "context_token_budget.",
        )

    if status is not None:
        return make(*_status_message(status, where, tried, exc))

    if "APIResponseValidationError" in names or isinstance(exc, json.JSONDecodeError | UnicodeDecodeError):
        return make(
            "malformed",
            f"{where} sent a reply that isn't valid OpenAI-style JSON. Check that llm_base_url points at an "
            "OpenAI-compatible endpoint (it usually ends in /v1).",
        )

    if _is_connection_error(names):
        reason = _connection_reason(chain)
        detail = f" ({reason})" if reason else ""
        return make(
            "unreachable",
            f"Can't reach {server}{detail}. "
            "Is it running, and is llm_base_url right?",
        )

    if "LengthFinishReasonError" in names:
        return make("length", "The model ran out of room (llm_max_tokens) before finishing its answer. "
                              "Raise llm_max_tokens or ask for something shorter.")
    if "ContentFilterFinishReasonError" in names:
        return make("content_filter", "The provider's content filter blocked the model's answer.")
    if "OutputParserException" in names or "ValidationError" in names:
        return make("unparseable", f"The model's answer didn't have the expected structure: {_short(exc)}")

    return make("other", f"The model call failed: {type(exc).__name__}: {_short(exc)}")


# details ---------------------------------------------------------------------------------------------------


def _status_message(status: int, where: str, tried: str, exc: BaseException) -> tuple[ErrorKind, str]:
    detail = f"; {tried}" if tried else ""
    if status >= 500:
        return "server_error", f"{where} had an internal error ({status}){detail}. Try again shortly."
    if status == 401:
        return "auth", f"{where} rejected the API key (401). Check OPENAI_API_KEY."
    if status == 403:
        return "forbidden", f"{where} refused access (403): the key may lack permission for this model."
    if status == 404:
        model = _requested_model(exc)
        named = f" '{model}'" if model else ""
        return (
            "not_found",
            f"{where} doesn't have the model{named} or the URL is wrong (404). Check llm_model and llm_base_url.",
        )
    if status in (400, 422):
        return "bad_request", f"{where} rejected the request ({status}): {_server_message(exc)}"
    return "other", f"{where} answered with an error ({status}){detail}: {_server_message(exc)}"


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
