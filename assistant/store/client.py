"""Builds the Chroma client: embedded (PersistentClient in the data dir) or a shared `chroma run` server.

A server client gets a timeout: Chroma 1.5's HttpClient builds its httpx session with ``timeout=None`` and has no
setting for it (nor accepts another client class), so a server that accepts connections but never answers would
hang every command. So: a heartbeat with a timeout first (``HttpClient`` itself calls the server while it is
built), then the client's httpx session gets ``Settings.store_timeout`` and a transport that turns network
failures into one readable ``StoreUnavailableError``. The session is a private attribute of chromadb's FastAPI
client (chromadb is pinned); ``tests/reliability/test_chroma_server_faults.py`` fails if that changes.
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urlparse

from assistant.config import Settings
from assistant.errors import AssistantError, StoreUnavailableError

_START_HINT = (
    "Start it with `chroma run --path DIR --host 127.0.0.1 --port 8000`, or unset ASSISTANT_CHROMA_URL to use the "
    "embedded store."
)


def build_client(settings: Settings) -> Any:
    """A Chroma client with telemetry off. Raises StoreUnavailableError with a clear message on failure."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        return _server_client(settings, chroma_settings)
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    from assistant.store.locks import store_lock

    # Two processes creating a brand-new store at once race on Chroma's SQLite migrations
    # ("table collections already exists"): create and migrate it under the data dir's lock.
    try:
        with store_lock(settings, "open"):
            return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except AssistantError:
        raise
    except Exception as exc:
        raise StoreUnavailableError(f"Can't open the Chroma store at {settings.chroma_dir}: {exc}") from exc


def _server_client(settings: Settings, chroma_settings: Any) -> Any:
    import chromadb

    raw = settings.chroma_url if "://" in settings.chroma_url else f"http://{settings.chroma_url}"
    url = urlparse(raw)
    host, ssl = url.hostname or "localhost", url.scheme == "https"
    port = url.port or (443 if ssl else 8000)
    base = f"{'https' if ssl else 'http'}://{host}:{port}"
    _heartbeat(base, settings)
    # HttpClient asks the server for the tenant and database while it is built, before we can set a timeout:
    # build it in a worker thread and stop waiting after a few timeouts' worth (the thread is a daemon).
    built: dict[str, Any] = {}

    def build() -> None:
        try:
            built["client"] = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=chroma_settings)
        except Exception as exc:  # noqa: BLE001 - re-raised below as a readable error
            built["error"] = exc

    worker = threading.Thread(target=build, name="chroma-connect", daemon=True)
    worker.start()
    worker.join(3 * settings.store_timeout)
    if worker.is_alive():
        raise StoreUnavailableError(_no_answer(base, 3 * settings.store_timeout))
    if "error" in built:
        exc = built["error"]
        if isinstance(exc, AssistantError):
            raise exc
        # chromadb raises plain ValueError/ConnectionError here
        raise StoreUnavailableError(f"Can't reach the Chroma server at {base} ({_reason(exc)}). {_START_HINT}") from exc
    client = built["client"]
    _add_timeout(client, base, settings.store_timeout)
    return client


def _heartbeat(base: str, settings: Settings) -> None:
    import httpx

    try:
        with httpx.Client(timeout=settings.store_timeout) as probe:
            probe.get(f"{base}/api/v2/heartbeat")
    except httpx.TimeoutException:
        raise StoreUnavailableError(_no_answer(base, settings.store_timeout)) from None
    except httpx.TransportError as exc:
        raise StoreUnavailableError(f"Can't reach the Chroma server at {base} ({_reason(exc)}). {_START_HINT}") from None


def _no_answer(base: str, timeout: float) -> str:
    return (
        f"The Chroma server at {base} didn't answer within {timeout:g} s (it accepts connections but doesn't "
        "reply). Check the server, or give it longer with ASSISTANT_STORE_TIMEOUT."
    )


def _add_timeout(client: Any, base: str, timeout: float) -> None:
    import httpx

    # chromadb.api.fastapi.FastAPI's httpx.Client (see the module docstring). Should a chromadb upgrade move it,
    # the client still works, only without the timeout (and the freeze test in tests/reliability fails).
    session = getattr(getattr(client, "_server", None), "_session", None)
    inner = getattr(session, "_transport", None)
    if not isinstance(session, httpx.Client) or inner is None:
        return
    session.timeout = httpx.Timeout(timeout)

    class ReadableErrors(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            try:
                return inner.handle_request(request)
            except httpx.TimeoutException:
                raise StoreUnavailableError(_no_answer(base, timeout)) from None
            except httpx.TransportError as exc:
                raise StoreUnavailableError(
                    f"Can't reach the Chroma server at {base} ({_reason(exc)}). {_START_HINT}"
                ) from None

        def close(self) -> None:
            inner.close()

    session._transport = ReadableErrors()


def _reason(exc: BaseException) -> str:
    """An exception's message as a clause: no trailing punctuation, so it sits inside a sentence."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text.rstrip(" .?!")
