"""Work kept between runs: each post's text features, each creator's assessment and each ranking, so ranking a
roster again re-analyses only what changed.

Three kinds of entry, each keyed by what it was computed from, so a stale entry is never read:

- **post features** (guide-independent: what `feed.prepare` computes from a post's text), keyed by the post id,
  a digest of its text and the analyser version;
- **assessments** of one creator for one brand, keyed by the analyser version, a digest of the brand's voice
  rules (the guide version, in effect), the profile, every post (id, text and metrics) and the reference time;
- **rankings** (`Services.rank`), keyed by the guide, the profiles and the store's content stamp, which moves on
  every write to the store (`assistant/store/catalog_file.py`).

The **analyser version** is a digest of the analysis, language, guide-reading and model code and their data
files, computed once per process: any change to how posts are measured invalidates everything, with no version
number to forget.

Entries live pickled in a process-wide in-memory LRU (a post's features take ~1.3 kB so, ~15 kB as live
objects; each caller unpickles its own copy); when `configure` gives a path (the services do: the data dir),
also in a small SQLite file there, so the next CLI run and the rank's worker processes find them. Values are
pickled by this module only, from our own objects (never from post text); a file that can't be read is ignored
and the cache stays in memory. Rows written by another analyser version are deleted when the file is opened,
and the oldest go past `MAX_DISK_ENTRIES`.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

PACKAGE = Path(__file__).resolve().parents[1]
# What an assessment depends on: the analysis code and data, the shared language layer, the guide reader (it
# makes the rules) and the models (what is kept is pickled models: a changed model must not be read back).
ANALYSER_SOURCES = ("analysis", "language", "guide", "models")
DEFAULT_MAX_POSTS = 50_000  # post features in memory, pickled (~1.3 kB each: ~65 MB at most)
DEFAULT_MAX_ASSESSMENTS = 2_000
FILE_NAME = "analysis-cache.sqlite3"
MAX_DISK_ENTRIES = 250_000  # ~300 MB at most; the oldest writes go first when the file is opened


@lru_cache(maxsize=1)
def analyser_version() -> str:
    """A digest of every file under ANALYSER_SOURCES (code and data) and of the analysis wording: changes
    whenever what a measurement computes, or the shape of what is kept, could change."""
    digest = hashlib.blake2b(digest_size=12)
    roots = [PACKAGE / name for name in ANALYSER_SOURCES]
    files = sorted(p for root in roots if root.is_dir() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    from assistant.resources import prompts_dir  # wording shown in assessments (say(...)) lives in prompts/analysis

    wording = prompts_dir() / "analysis"
    if wording.is_dir():
        files += sorted(p for p in wording.rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def text_digest(text: str | None) -> str:
    return hashlib.blake2b((text or "").encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def post_feature_key(post_id: str, text: str | None) -> str:
    return f"{post_id}\x1f{text_digest(text)}"


def digest_of(*parts: Any) -> str:
    """A stable digest of plain values (str, numbers, None, datetimes, tuples/lists of them) via repr."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def assessment_key(rules: Any, profile: Any, posts: list[Any], now: Any) -> str:
    """What an assessment is computed from: the analyser, the brand's rules (their content, so an edited guide
    is a new key), the creator's profile, every field of every post, and the reference time."""
    return digest_of(
        analyser_version(),
        rules_digest(rules),
        profile.model_dump_json(),
        now.isoformat() if now is not None else None,
        [tuple(p.__dict__.values()) for p in posts],
    )


def ranking_key(guide: Any, profiles: list[Any], store_stamp: Any) -> str:
    """A whole ranking: the guide, every creator's profile, and the store's content stamp (which moves on any
    write to the store, so equal stamps mean the same posts; see assistant/store/catalog_file.py)."""
    return digest_of(analyser_version(), guide.model_dump_json(), [p.model_dump_json() for p in profiles], store_stamp)


def rules_digest(rules: Any) -> str:
    return digest_of(rules.model_dump_json())


class _LRU:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable) -> Any:
        value = self.items.get(key)
        if value is not None:
            self.items.move_to_end(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.limit:
            self.items.popitem(last=False)


class _DiskStore:
    """One SQLite file: (kind, key) -> pickled value, rows tagged with the analyser version that wrote them."""

    def __init__(self, path: Path, version: str) -> None:
        self.path = path
        self.version = version
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(path), timeout=5, check_same_thread=False, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS entries (kind TEXT NOT NULL, key TEXT NOT NULL, version TEXT NOT NULL, "
            "value BLOB NOT NULL, at REAL NOT NULL DEFAULT 0, PRIMARY KEY (kind, key))"
        )
        self.conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        kept = self.conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if kept is None or kept[0] != version:  # another analyser wrote these: none of it can be read back
            self.conn.execute("DELETE FROM entries WHERE version != ?", (version,))
            self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('version', ?)", (version,))
        (count,) = self.conn.execute("SELECT count(*) FROM entries").fetchone()
        if count > MAX_DISK_ENTRIES:
            self.conn.execute(
                "DELETE FROM entries WHERE rowid IN (SELECT rowid FROM entries ORDER BY at DESC LIMIT -1 OFFSET ?)",
                (MAX_DISK_ENTRIES,),
            )

    def get_many(self, kind: str, keys: list[str], *, raw: bool = False) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT key, value FROM entries WHERE kind = ? AND version = ? AND key IN ({marks})",
                (kind, self.version, *chunk),
            ).fetchall()
            for key, blob in rows:
                if raw:
                    found[key] = blob
                    continue
                try:
                    found[key] = pickle.loads(blob)
                except Exception:  # noqa: BLE001 - a damaged row is just a miss; it is rewritten
                    continue
        return found

    def put_many(self, kind: str, items: Iterable[tuple[str, bytes]]) -> None:
        now = time.time()
        rows = [(kind, key, self.version, blob, now) for key, blob in items]
        if not rows:
            return
        self.conn.execute("BEGIN")
        try:
            self.conn.executemany(
                "INSERT OR REPLACE INTO entries (kind, key, version, value, at) VALUES (?, ?, ?, ?, ?)", rows
            )
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


class FeatureCache:
    """The in-memory LRU, optionally backed by the SQLite file. Thread-safe (the chat calls from workers)."""

    def __init__(self, path: Path | None = None, *, max_posts: int = DEFAULT_MAX_POSTS,
                 max_assessments: int = DEFAULT_MAX_ASSESSMENTS) -> None:
        self.path = path
        self._posts = _LRU(max_posts)
        self._assessments = _LRU(max_assessments)
        self._lock = threading.Lock()
        self._disk: _DiskStore | None = None
        self._disk_lock = threading.Lock()  # one SQLite connection, used by one thread at a time
        self._disk_failed = False
        self.hits = 0  # post features found / computed (for tests and benchmarks)
        self.misses = 0
        self.assessment_hits = 0

    # Disk ------------------------------------------------------------------------------------------
    def _store(self) -> _DiskStore | None:
        if self.path is None or self._disk_failed:
            return None
        if self._disk is None:
            try:
                self._disk = _DiskStore(self.path, analyser_version())
            except (sqlite3.Error, OSError):
                self._disk_failed = True  # a read-only or damaged data dir: the cache stays in memory
                return None
        return self._disk

    def _disk_get(self, kind: str, keys: list[str], *, raw: bool = False) -> dict[str, Any]:
        if not keys:
            return {}
        with self._disk_lock:
            store = self._store()
            if store is None:
                return {}
            try:
                return store.get_many(kind, keys, raw=raw)
            except sqlite3.Error:
                return {}

    def _disk_put(self, kind: str, items: list[tuple[str, Any]], *, raw: bool = False) -> None:
        if not items:
            return
        with self._disk_lock:
            store = self._store()
            if store is None:
                return
            try:
                blobs = items if raw else [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in items]
                store.put_many(kind, blobs)
            except (sqlite3.Error, pickle.PicklingError, TypeError, AttributeError):
                pass  # keeping work is an optimisation: a failed write only costs the next run the work

    # Post features ---------------------------------------------------------------------------------
    def post_features(self, posts: list[Any], compute: Callable[[str], T]) -> list[T]:
        """`compute(post.text)` for each post, from the cache where the same post id and text were seen.

        Kept pickled, in memory as on disk (~1.3 kB a post instead of ~15 kB of live objects; unpickling costs
        ~15 µs a post) and as computed, before any measurement fills the features' lazily computed parts.
        Each caller gets its own copy."""
        keys = [post_feature_key(p.id, p.text) for p in posts]
        out: list[Any] = [None] * len(posts)
        blobs: dict[int, bytes] = {}
        with self._lock:
            for i, key in enumerate(keys):
                blob = self._posts.get(key)
                if blob is not None:
                    blobs[i] = blob
        missing = [i for i in range(len(posts)) if i not in blobs]
        if missing and self.path is not None:
            found = self._disk_get("post", [keys[i] for i in missing], raw=True)
            if found:
                with self._lock:
                    for i in missing:
                        if keys[i] in found:
                            blobs[i] = found[keys[i]]
                            self._posts.put(keys[i], blobs[i])
        for i, blob in blobs.items():
            try:
                out[i] = pickle.loads(blob)
            except Exception:  # noqa: BLE001 - unreadable: computed again
                pass
        missing = [i for i in range(len(posts)) if out[i] is None]
        self.hits += len(posts) - len(missing)
        self.misses += len(missing)
        if missing:
            fresh: list[tuple[str, bytes]] = []
            for i in missing:
                out[i] = compute(posts[i].text or "")
                if self._posts.limit > 0 or self.path is not None:
                    fresh.append((keys[i], pickle.dumps(out[i], protocol=pickle.HIGHEST_PROTOCOL)))
            self._disk_put("post", fresh, raw=True)
            with self._lock:
                for key, blob in fresh:
                    self._posts.put(key, blob)
        return out

    # Assessments -----------------------------------------------------------------------------------
    def get_assessments(self, keys: list[str]) -> dict[str, Any]:
        return self.get_kept("assessment", keys)

    def put_assessments(self, items: dict[str, Any]) -> None:
        self.put_kept("assessment", items)

    def get_kept(self, kind: str, keys: list[str]) -> dict[str, Any]:
        """Kept results (assessments, rankings) by key. Each is kept pickled (a private copy: callers may edit
        what they get, and unpickling is several times cheaper than a deep copy)."""
        blobs: dict[str, bytes] = {}
        with self._lock:
            for key in keys:
                blob = self._assessments.get((kind, key))
                if blob is not None:
                    blobs[key] = blob
        rest = [k for k in keys if k not in blobs]
        if rest and self.path is not None:
            from_disk = self._disk_get(kind, rest, raw=True)
            with self._lock:
                for key, blob in from_disk.items():
                    self._assessments.put((kind, key), blob)
            blobs.update(from_disk)
        found: dict[str, Any] = {}
        for key, blob in blobs.items():
            try:
                found[key] = pickle.loads(blob)
            except Exception:  # noqa: BLE001 - unreadable: measured again
                continue
        if kind == "assessment":
            self.assessment_hits += len(found)
        return found

    def put_kept(self, kind: str, items: dict[str, Any]) -> None:
        if not items or self._assessments.limit <= 0:
            return
        blobs = [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in items.items()]
        with self._lock:
            for key, blob in blobs:
                self._assessments.put((kind, key), blob)
        self._disk_put(kind, blobs, raw=True)

    def clear(self) -> None:
        with self._lock:
            self._posts.items.clear()
            self._assessments.items.clear()

    def close(self) -> None:
        with self._disk_lock:
            if self._disk is not None:
                self._disk.close()
                self._disk = None


_current = FeatureCache()
_current_lock = threading.Lock()


def current() -> FeatureCache:
    """The process-wide cache that `prepare` and the roster assessment read."""
    return _current


def configure(path: Path | None) -> FeatureCache:
    """Back the process-wide cache with the SQLite file at `path` (None: memory only). Keeps what is in memory
    when the path doesn't change."""
    global _current
    with _current_lock:
        if _current.path != path:
            old = _current
            _current = FeatureCache(path, max_posts=old._posts.limit, max_assessments=old._assessments.limit)
            old.close()
        return _current


def disable() -> FeatureCache:
    """A cache that keeps nothing (for comparing results with and without it)."""
    global _current
    with _current_lock:
        _current.close()
        _current = FeatureCache(None, max_posts=0, max_assessments=0)
        return _current


def reset(path: Path | None = None) -> FeatureCache:
    """A fresh, empty process-wide cache (tests, benchmarks)."""
    global _current
    with _current_lock:
        _current.close()
        _current = FeatureCache(path)
        return _current
