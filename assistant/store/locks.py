"""Cross-process locks in the data dir (embedded store only: a `chroma run` server serialises its own writes).

- ``store_lock(settings, "open")``: held briefly while the Chroma client or a collection is created, so two
  processes never migrate a brand-new store at once ("table collections already exists");
- ``store_lock(settings, "write")``: held while an ingest of a guide or a feed writes, so two processes never
  interleave their writes (Chroma's embedded store can lose one of them). Readers never wait for it.
Always taken in that order (write, then open), never the other way round. A process killed while holding a lock
releases it (the kernel drops the file lock), so a crash never wedges the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from assistant.config import Settings
from assistant.errors import StoreUnavailableError

LOCK_WAIT_SECONDS = 600.0  # a 20,000-post ingest takes ~20 s; ten minutes means something is stuck
_locks: dict[str, Any] = {}


def _lock_for(settings: Settings, purpose: str) -> Any:
    from filelock import FileLock

    path = settings.data_dir / f"store-{purpose}.lock"
    key = str(path)
    lock = _locks.get(key)
    if lock is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # One FileLock object per path in a process: it counts re-entries, and a second object on the same path
        # would block on its own process. thread_local=False: the chat's worker threads share one store.
        lock = _locks.setdefault(key, FileLock(key, thread_local=False))
    return lock


@contextmanager
def store_lock(settings: Settings, purpose: str = "write", *, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold one of the data dir's store locks ("open" or "write"; re-entrant in one process); a no-op for a Chroma
    server."""
    if settings.chroma_url:
        with nullcontext():
            yield
        return
    from filelock import Timeout

    lock = _lock_for(settings, purpose)
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise StoreUnavailableError(
            f"Another assistant process has held the store at {settings.chroma_dir} for {wait:g} s; "
            f"wait for it to finish (or remove {lock.lock_file} if no assistant is running)."
        ) from None
    try:
        yield
    finally:
        lock.release()
