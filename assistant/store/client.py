"""Builds the Chroma client: embedded (PersistentClient in the data dir) or a shared `chroma run` server."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from assistant.config import Settings
from assistant.errors import StoreUnavailableError


def build_client(settings: Settings) -> Any:
    """A Chroma client with telemetry off. Raises StoreUnavailableError with a clear message on failure."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url if "://" in settings.chroma_url else f"http://{settings.chroma_url}")
        try:
            return chromadb.HttpClient(
                host=url.hostname or "localhost",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError here
            raise StoreUnavailableError(
                f"Can't reach the Chroma server at {settings.chroma_url}: {exc}. "
                "Start it with `chroma run --path DIR --host 127.0.0.1 --port 8000`, or unset ASSISTANT_CHROMA_URL "
                "to use the embedded store."
            ) from exc
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except Exception as exc:
        raise StoreUnavailableError(f"Can't open the Chroma store at {settings.chroma_dir}: {exc}") from exc
