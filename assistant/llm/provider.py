"""The one place that builds a chat model, describes the provider, and checks that it answers.

Both 'openai' and 'compatible' providers use ``ChatOpenAI`` on the Chat Completions API (``use_responses_api=False``:
local servers such as Ollama, vLLM and llama.cpp don't have ``/v1/responses``). Retries are the openai client's
own: it retries 408/409/429/5xx, timeouts and connection errors up to ``llm_max_retries`` times, waiting
``Retry-After`` (or ``retry-after-ms``) when the server sends one of at most 120 s, else exponential backoff
from 0.5 s (x2 per retry, capped at 8 s, minus up to 25 % jitter); a ``Retry-After`` above 120 s is not
retried at all. ``tests/llm/test_retries.py`` checks this against the fake server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from assistant.errors import ProviderError
from assistant.llm.errors import friendly_error
from assistant.llm.replies import acheck_reply, check_reply

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from assistant.config import Settings

OPENAI_BASE_URL = "https://api.openai.com/v1"
# Local servers ignore the key, but the openai client refuses to start without one.
PLACEHOLDER_API_KEY = "not-needed"
PING_TIMEOUT = 5.0


def _endpoint(settings: Settings) -> tuple[str, str]:
    """(base_url, api_key) for the configured provider, or a ProviderError saying what to set."""
    provider = settings.effective_provider
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
    if provider == "offline":
        raise ProviderError(
            "The LLM provider is 'offline', so there is no chat model and drafts use the built-in engine: set "
            "OPENAI_API_KEY, or llm_base_url for a local OpenAI-compatible server, to use one."
        )
    if provider == "openai":
        if not key:
            raise ProviderError(
                "llm_provider is 'openai' but OPENAI_API_KEY is not set: set it, point llm_base_url at an "
                "OpenAI-compatible server with llm_provider='compatible', or use llm_provider='offline'."
            )
        # Explicit, so a stray OPENAI_BASE_URL or LangSmith gateway variable can't redirect our traffic.
        return settings.llm_base_url or OPENAI_BASE_URL, key
    if not settings.llm_base_url:
        raise ProviderError(
            "llm_provider is 'compatible' but llm_base_url is empty: set it to the server's OpenAI endpoint, "
            "for example http://localhost:11434/v1 for Ollama."
        )
    return settings.llm_base_url, key or PLACEHOLDER_API_KEY


def build_chat_model(settings: Settings, *, streaming: bool = True) -> BaseChatModel:
    """A ``ChatOpenAI`` for the configured provider (OpenAI or an OpenAI-compatible server).

    Raises :class:`~assistant.errors.ProviderError` when the provider is 'offline' or not fully configured.
    With ``streaming=True`` even ``invoke`` streams under the hood, so token callbacks fire as text arrives;
    usage is reported either way (``stream_usage=True``). Async calls use a connection pool owned by this model,
    so use a model within one event loop (build another for another ``asyncio.run``).
    """
    base_url, api_key = _endpoint(settings)
    import openai
    from langchain_openai import ChatOpenAI  # heavy (about 2 s): only when a model is really needed

    # ChatOpenAI always sends the cap as `max_completion_tokens`; several local servers only read the older
    # `max_tokens`, so compatible servers get both.
    extra_body = {"max_tokens": settings.llm_max_tokens} if settings.effective_provider == "compatible" else None
    return ChatOpenAI(
        model=settings.llm_model,
        base_url=base_url,
        api_key=api_key,
        use_responses_api=False,
        stream_usage=True,
        streaming=streaming,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
        max_tokens=settings.llm_max_tokens,
        temperature=settings.llm_temperature,
        extra_body=extra_body,
        # Replies that can't be a chat completion (a web page, an empty body, cut JSON) are refused as soon as
        # they arrive, with what was wrong (assistant.llm.replies), instead of surfacing as a parser's error.
        http_client=openai.DefaultHttpxClient(event_hooks={"response": [check_reply]}),
        # A fresh async connection pool per model: langchain-openai otherwise shares one per base URL across
        # the whole process, and a pool opened under one event loop fails ("Event loop is closed") under the
        # next asyncio.run(). Build one model per event loop.
        http_async_client=openai.DefaultAsyncHttpxClient(event_hooks={"response": [acheck_reply]}),
    )


def base_url_host(settings: Settings) -> str | None:
    """``host[:port]`` of the provider's endpoint (no scheme, path or credentials), or None when offline."""
    provider = settings.effective_provider
    if provider == "offline":
        return None
    url = settings.llm_base_url or (OPENAI_BASE_URL if provider == "openai" else "")
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.hostname:
        return None
    return f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname


def describe_provider(settings: Settings) -> dict[str, Any]:
    """What `assistant doctor` shows about the LLM: provider, model, endpoint host, limits. Never the key."""
    provider = settings.effective_provider
    return {
        "provider": provider,
        "configured_provider": settings.llm_provider,
        "model": settings.llm_model if provider != "offline" else None,
        "base_url_host": base_url_host(settings),
        "api_key": "set" if settings.openai_api_key and settings.openai_api_key.get_secret_value() else "not set",
        "timeout_s": settings.llm_timeout,
        "max_retries": settings.llm_max_retries,
        "max_tokens": settings.llm_max_tokens,
    }


def preferred_structured_method(settings: Settings) -> str:
    """'json_schema' on api.openai.com (strict structured outputs); 'function_calling' elsewhere, since many
    local servers don't implement ``response_format: json_schema`` but do implement tools."""
    return "json_schema" if base_url_host(settings) == "api.openai.com" else "function_calling"


def ping(settings: Settings, *, timeout: float = PING_TIMEOUT) -> tuple[bool, str]:
    """Does the provider answer? ``(ok, message)``, with the message saying why not.

    Lists models (``GET /models``, no tokens spent) and checks the configured model is among them; servers that
    lack that endpoint or forbid it get a 1-token completion instead. No retries, short timeout. 'offline' is
    reported as ok: there is nothing to reach.
    """
    if settings.effective_provider == "offline":
        return True, "Offline: drafts use the built-in engine; there is no model server to reach."
    try:
        base_url, api_key = _endpoint(settings)
    except ProviderError as exc:
        return False, str(exc)

    import openai

    host = base_url_host(settings) or base_url
    model = settings.llm_model
    client = openai.OpenAI(base_url=base_url, api_key=api_key, timeout=min(timeout, settings.llm_timeout),
                           max_retries=0, http_client=openai.DefaultHttpxClient(event_hooks={"response": [check_reply]}))
    try:
        try:
            available = [m.id for m in client.models.list()]
        except (openai.NotFoundError, openai.PermissionDeniedError):
            client.chat.completions.create(model=model, messages=[{"role": "user", "content": "ping"}], max_tokens=1)
            return True, f"{host} answered a 1-token test with model '{model}'."
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message for doctor
        return False, str(friendly_error(exc, settings=settings))
    finally:
        client.close()

    if available and model not in available:
        shown = ", ".join(sorted(available)[:8]) + (", …" if len(available) > 8 else "")
        return False, f"{host} is up but doesn't list model '{model}'. It has: {shown}. Set llm_model to one of them."
    return True, f"{host} answered; model '{model}' is available."
