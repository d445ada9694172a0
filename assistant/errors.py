"""User-facing errors. Each carries a message a marketer can act on; faces print it, never a traceback."""

from __future__ import annotations

from pathlib import Path


class AssistantError(Exception):
    """Base class: an error whose message is meant for the user."""


class InputError(AssistantError):
    """Bad input file. Names the file and, when known, the line (text formats) or row/record (tabular, JSON)."""

    def __init__(self, path: str | Path, message: str, *, line: int | None = None, where: str | None = None):
        self.path = str(path)
        self.line = line
        self.where = where
        self.detail = message
        location = self.path
        if line is not None:
            location += f":{line}"
        if where:
            location += f" ({where})"
        super().__init__(f"{location}: {message}")


class NotFoundError(AssistantError):
    """A brand, creator, draft or conversation that isn't in the store."""


class StoredDataError(AssistantError):
    """A record in the store can't be read (written by an older version, or edited by hand). Names the record."""

    def __init__(self, message: str, *, handle: str | None = None):
        self.handle = handle
        super().__init__(message)


class EmbeddingMismatchError(AssistantError):
    """The store was built with a different embedding than the one configured."""


class StoreUnavailableError(AssistantError):
    """The Chroma store (embedded or server) can't be reached or opened."""


class ProviderError(AssistantError):
    """The LLM provider failed (down, rate-limited, timed out, answered garbage)."""
