"""Proposed: a faster ``hashing_embed`` giving bit-identical vectors (for ``assistant/store/embeddings.py``).

Where the time goes today (cProfile, 10k captions): ``_stem`` runs once per token (260k calls), every word's
features are appended as two small numpy arrays, each bigram becomes two one-element arrays, and every
document pays its own ``np.concatenate`` + ``np.bincount``. So it embeds ~8k captions/s, not the "tens of
thousands" the module docstring promises.

This version keeps per-hasher caches (token -> stem, word -> id into one flat table of its features, bigram ->
feature) and does the rest for the whole batch with numpy: gather every word's features from the flat table,
add row offsets, one ``bincount``. Each vector still receives its contributions in the same order (its words'
features, then its bigrams), so the float sums, and the vectors, are identical: no reindex needed.

Check it: ``python -m bench.proposed.fast_hashing`` (best of 3 each, and an exact comparison).
"""

from __future__ import annotations

import time
import zlib

import numpy as np

from assistant.store.embeddings import _STOPWORDS, _TOKEN, _FeatureHasher, _stem, hashing_embed

_CACHE_LIMIT = 200_000  # as _FeatureHasher's: beyond it, work is recomputed rather than remembered


class FastFeatureHasher(_FeatureHasher):
    """``_FeatureHasher`` plus the caches the patch would add to the class itself."""

    def __init__(self, dim: int) -> None:
        super().__init__(dim)
        self.reset()

    def reset(self) -> None:
        """Forget every cache (called between batches once the word table is full, to bound memory)."""
        self._cache.clear()
        self._stems: dict[str, str] = {}
        self._bigrams: dict[tuple[str, str], tuple[int, float]] = {}
        self._word_ids: dict[str, int] = {}
        self._flat_idx: list[int] = []
        self._flat_w: list[float] = []
        self._start: list[int] = []
        self._length: list[int] = []
        self._tables: tuple[np.ndarray, ...] | None = None

    def stem(self, token: str) -> str:
        stemmed = self._stems.get(token)
        if stemmed is None:
            stemmed = _stem(token.lower())
            if len(self._stems) < _CACHE_LIMIT:
                self._stems[token] = stemmed
        return stemmed

    def word_id(self, word: str) -> int:
        """The word's row in the flat feature table (added on first sight)."""
        wid = self._word_ids.get(word)
        if wid is None:
            idx, weights = self.word_features(word)
            wid = len(self._start)
            self._start.append(len(self._flat_idx))
            self._length.append(len(idx))
            self._flat_idx.extend(idx.tolist())
            self._flat_w.extend(weights.tolist())
            self._word_ids[word] = wid
            self._tables = None
        return wid

    def tables(self) -> tuple[np.ndarray, ...]:
        if self._tables is None:
            self._tables = (np.asarray(self._flat_idx, dtype=np.int64), np.asarray(self._flat_w, dtype=np.float32),
                            np.asarray(self._start, dtype=np.int64), np.asarray(self._length, dtype=np.int64))
        return self._tables

    def bigram(self, left: str, right: str) -> tuple[int, float]:
        key = (left, right)
        cached = self._bigrams.get(key)
        if cached is None:
            h = zlib.crc32(f"b:{left} {right}".encode("utf-8"))
            cached = (h % self.dim, (1.0 if (h >> 31) & 1 else -1.0) * 0.7)
            if len(self._bigrams) < _CACHE_LIMIT:
                self._bigrams[key] = cached
        return cached


def fast_hashing_embed(texts: list[str], hasher: FastFeatureHasher) -> np.ndarray:
    """Same vectors as ``hashing_embed``, with one gather and one ``bincount`` for the whole batch."""
    dim, n = hasher.dim, len(texts)
    if len(hasher._word_ids) >= _CACHE_LIMIT:
        hasher.reset()
    word_ids: list[int] = []
    word_rows: list[int] = []
    bigram_idx: list[int] = []
    bigram_w: list[float] = []
    for row, text in enumerate(texts):
        words = [hasher.stem(t) for t in _TOKEN.findall(text or "")]
        content = [w for w in words if w not in _STOPWORDS] or words
        if not content:
            continue
        word_ids.extend(hasher.word_id(w) for w in content)
        word_rows.extend([row] * len(content))
        offset = row * dim
        for left, right in zip(content, content[1:]):
            idx, weight = hasher.bigram(left, right)
            bigram_idx.append(idx + offset)
            bigram_w.append(weight)
    flat_idx, flat_w, start, length = hasher.tables()
    ids = np.asarray(word_ids, dtype=np.int64)
    lens = length[ids]
    ends = np.cumsum(lens)
    # Position in the flat table of every feature of every word occurrence, in occurrence order.
    pos = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) - np.repeat(ends - lens, lens)
    pos += np.repeat(start[ids], lens)
    offsets = np.repeat(np.asarray(word_rows, dtype=np.int64) * dim, lens)
    indices = np.concatenate([flat_idx[pos] + offsets, np.asarray(bigram_idx, dtype=np.int64)])
    weights = np.concatenate([flat_w[pos], np.asarray(bigram_w, dtype=np.float32)])
    out = np.bincount(indices, weights=weights, minlength=n * dim).reshape(n, dim).astype(np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out /= norms
    return out


def _compare(n: int = 20_000, repeats: int = 3) -> None:
    import json

    from assistant.resources import demo_feeds_dir
    from bench.datagen import generate_posts

    texts = [p.caption for p in generate_posts(n)]
    for feed in sorted(demo_feeds_dir().glob("*.json")):
        if feed.name != "roster.json":
            texts += [row.get("caption", "") for row in json.loads(feed.read_text(encoding="utf-8"))]
    texts += ["", "the and of", "!!!", "#hashtag @mention", "Ünïcödé café naïve — ok"]
    best_current = best_proposed = float("inf")
    for _ in range(repeats):  # fresh hashers each time: cold caches, what one ingest sees
        start = time.perf_counter()
        current = hashing_embed(texts, _FeatureHasher(512))
        best_current = min(best_current, time.perf_counter() - start)
        start = time.perf_counter()
        proposed = fast_hashing_embed(texts, FastFeatureHasher(512))
        best_proposed = min(best_proposed, time.perf_counter() - start)
    identical = np.array_equal(current, proposed)
    print(f"{len(texts):,} docs, best of {repeats}: current {len(texts) / best_current:,.0f} docs/s, proposed "
          f"{len(texts) / best_proposed:,.0f} docs/s ({best_current / best_proposed:.2f}x); identical: {identical}")
    if not identical:
        raise SystemExit(f"vectors differ: max difference {np.abs(current - proposed).max()}")


if __name__ == "__main__":
    _compare()
