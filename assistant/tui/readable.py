"""Turn any exception from a worker into one line a marketer can read: never a traceback in the chat."""

from __future__ import annotations

from assistant.errors import AssistantError


def readable_error(exc: BaseException) -> str:
    """The user-facing message of our own errors; a short 'Kind: message' for anything unexpected."""
    if isinstance(exc, AssistantError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return f"{exc.filename or exc}: no such file"
    if isinstance(exc, PermissionError):
        return f"{exc.filename or exc}: permission denied"
    if isinstance(exc, IsADirectoryError):
        return f"{exc.filename or exc}: is a folder, not a file"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {text}" if text else name
