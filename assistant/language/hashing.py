"""The hashing embedding's terms and vectors (pure numpy, no Chroma): see `assistant.store.embeddings`.

Its tokens, stop words and suffix stripper are a frozen recipe, deliberately not the analysis tokenizer and
Snowball stemmer of this package: vectors already stored under the name ``assistant-hashing-v1`` were made with
them, and a query must be embedded the same way. Changing anything here means a new embedding name (and an
``assistant reindex``); tests/language pins a vector so that can't happen by accident.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'_-]*|[#@][a-z0-9_]+", re.IGNORECASE)
_STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have i if in into is it its me my of on or our so
    that the their them then there these they this to was we were what when which who will with you your
    just do did does not no yes can could would should about all also am any because being both each few
    more most other some such than too very s t don won im ive id youre its""".split()
)
_SUFFIXES = ("ingly", "edly", "ing", "ed", "es", "ly", "s")


def _stem(word: str) -> str:
    # A light suffix stripper: enough to make "hiking"/"hikes"/"hiked" share a feature.
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_CACHE_LIMIT = 200_000  # words remembered per hasher; past it the caches start over (bounded memory)


class _FeatureHasher:
    """Maps words and bigrams to (index, sign) features, with caches: real text repeats its words a lot.

    Every word seen gets a row in one flat table of its features, so a batch is embedded with one numpy gather
    and one ``bincount`` instead of per-document array work.
    """

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.reset()

    def reset(self) -> None:
        """Forget every cache (done between batches once the word table is full)."""
        self._stems: dict[str, str] = {}
        self._bigrams: dict[tuple[str, str], tuple[int, float]] = {}
        self._word_ids: dict[str, int] = {}
        self._flat_idx: list[int] = []
        self._flat_w: list[float] = []
        self._start: list[int] = []
        self._length: list[int] = []
        self._tables: tuple[np.ndarray, ...] | None = None

    @property
    def full(self) -> bool:
        return len(self._word_ids) >= _CACHE_LIMIT

    def _hash(self, feature: str) -> tuple[int, float]:
        h = zlib.crc32(feature.encode("utf-8"))
        return h % self.dim, 1.0 if (h >> 31) & 1 else -1.0

    def stem(self, token: str) -> str:
        stemmed = self._stems.get(token)
        if stemmed is None:
            stemmed = _stem(token.lower())
            self._stems[token] = stemmed
        return stemmed

    def word_id(self, word: str) -> int:
        """The word's row in the flat feature table: its whole-word feature, then its character 4-grams."""
        wid = self._word_ids.get(word)
        if wid is not None:
            return wid
        idx, sign = self._hash("w:" + word)
        indices, weights = [idx], [sign]
        padded = f"<{word}>"
        grams = [padded[i : i + 4] for i in range(max(1, len(padded) - 3))]
        gram_weight = 0.5 / max(1, len(grams)) ** 0.5
        for gram in grams:
            idx, sign = self._hash("c:" + gram)
            indices.append(idx)
            weights.append(sign * gram_weight)
        wid = len(self._start)
        self._start.append(len(self._flat_idx))
        self._length.append(len(indices))
        self._flat_idx.extend(indices)
        self._flat_w.extend(weights)
        self._word_ids[word] = wid
        self._tables = None
        return wid

    def tables(self) -> tuple[np.ndarray, ...]:
        """(feature index, weight, start row, length) arrays of the flat table; weights are float32 as before."""
        if self._tables is None:
            self._tables = (
                np.asarray(self._flat_idx, dtype=np.int64),
                np.asarray(self._flat_w, dtype=np.float32),
                np.asarray(self._start, dtype=np.int64),
                np.asarray(self._length, dtype=np.int64),
            )
        return self._tables

    def bigram(self, left: str, right: str) -> tuple[int, float]:
        key = (left, right)
        cached = self._bigrams.get(key)
        if cached is None:
            idx, sign = self._hash(f"b:{left} {right}")
            cached = (idx, sign * 0.7)
            self._bigrams[key] = cached
        return cached


def hashing_embed(texts: list[str], hasher: _FeatureHasher) -> np.ndarray:
    """L2-normalised hashed features of each text: its content words' features, then its bigrams'."""
    if hasher.full:
        hasher.reset()
    dim, n = hasher.dim, len(texts)
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
    # Where in the flat table each feature of each word occurrence lives, in occurrence order. Each vector gets
    # its contributions in the same order as one bincount per document did, so the sums are bit-identical.
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


def word_features(text: str) -> set[str]:
    """The whole-word features the hashing embedding gives a text: its content words, stemmed (this recipe)."""
    words = [_stem(t.lower()) for t in _TOKEN.findall(text or "")]
    return {w for w in words if w not in _STOPWORDS}


def shares_a_word(query: str, text: str) -> bool:
    """Whether ``text`` has one of the query's word features. With the hashing embedding, a hit that shares none
    scored only through character n-grams and hash collisions: it doesn't match the query."""
    wanted = word_features(query)
    return bool(wanted & word_features(text)) if wanted else True
