"""Cross-process locks in the data dir (embedded store only: a `chroma run` server serialises its own writes).

- ``store_lock``: held while the store is created or opened and while a write (ingest of a guide or a feed) runs,
  so two processes never migrate a brand-new store at once, and never interleave their writes.
A process killed while holding a lock releases it (the kernel drops the file lock), so a crash never wedges it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from assistant.config import Settings
from assistant.errors import StoreUnavailableError

LOCK_WAIT_SECONDS = 600.0  # a 20,000-post ingest takes ~20 s; ten minutes means something is stuck
_locks: dict[str, Any] = {}


def _lock_for(settings: Settings) -> Any:
    from filelock import FileLock

    path = settings.data_dir / "store.lock"
    key = str(path)
    lock = _locks.get(key)
    if lock is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # One FileLock object per path in a process: it counts re-entries, and a second object on the same path
        # would block on its own process. thread_local=False: the chat's worker threads share one store.
        lock = _locks.setdefault(key, FileLock(key, thread_local=False))
    return lock


@contextmanager
def store_lock(settings: Settings, *, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the data dir's store lock (re-entrant in one process); a no-op for a Chroma server."""
    if settings.chroma_url:
        with nullcontext():
            yield
        return
    from filelock import Timeout

    lock = _lock_for(settings)
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
