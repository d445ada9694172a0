"""Embedding functions registered with Chroma.

The default, ``hashing``, needs no network and no model file: it hashes word unigrams, word bigrams and
character 4-grams into a fixed-size signed vector (the "hashing trick"), then L2-normalises it. It is
deterministic across processes (crc32, not Python's salted ``hash``) and vectorised with numpy, so it embeds
tens of thousands of posts a second on 2 cores. It captures lexical overlap, not meaning; the OpenAI and local
ONNX options trade the offline guarantee for semantic recall.

Every class here is registered with ``@register_embedding_function`` so that a reopened collection, whose
embedding is recorded by name, can be rebuilt by Chroma.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

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
    """The whole-word features the hashing embedding gives a text: its content words, stemmed."""
    words = [_stem(t.lower()) for t in _TOKEN.findall(text or "")]
    return {w for w in words if w not in _STOPWORDS}


def shares_a_word(query: str, text: str) -> bool:
    """Whether ``text`` has one of the query's word features. With the hashing embedding a hit that shares none
    scored only through character n-grams and hash collisions: it doesn't match the query."""
    wanted = word_features(query)
    return bool(wanted & word_features(text)) if wanted else True


@register_embedding_function
class HashingEmbeddingFunction(EmbeddingFunction[Documents]):
    """Offline, deterministic, download-free embedding (the default)."""

    def __init__(self, dim: int = 512) -> None:
        self.dim = int(dim)
        self._hasher = _FeatureHasher(self.dim)

    def __call__(self, input: Documents) -> Embeddings:
        return list(hashing_embed(list(input), self._hasher))

    @staticmethod
    def name() -> str:
        return "assistant-hashing-v1"

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine", "ip", "l2"]

    def get_config(self) -> dict[str, Any]:
        return {"dim": self.dim}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "HashingEmbeddingFunction":
        return HashingEmbeddingFunction(dim=int(config.get("dim", 512)))

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        if int(config.get("dim", 512)) <= 0:
            raise ValueError("dim must be positive")


def embedding_label(settings: Any) -> str:
    """A short, secret-free description of the configured embedding for status lines."""
    if settings.embedding == "openai":
        return f"openai:{settings.openai_embedding_model}"
    if settings.embedding == "onnx":
        return f"onnx:{settings.onnx_model_dir}"
    return HashingEmbeddingFunction.name()


def build_embedding_function(settings: Any) -> EmbeddingFunction[Documents]:
    """The embedding function the settings ask for. Imports optional back-ends lazily."""
    from assistant.errors import AssistantError

    if settings.embedding == "hashing":
        return HashingEmbeddingFunction()
    if settings.embedding == "openai":
        import os

        from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction

        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
        if not key and not settings.llm_base_url:
            raise AssistantError("embedding = 'openai' needs OPENAI_API_KEY (or llm_base_url for a compatible server).")
        # Chroma's OpenAI function reads the key from an env var by name, so it is never persisted in the collection.
        os.environ.setdefault("OPENAI_API_KEY", key or "not-needed")
        return OpenAIEmbeddingFunction(
            api_key_env_var="OPENAI_API_KEY",
            model_name=settings.openai_embedding_model,
            api_base=settings.llm_base_url or None,
        )
    if settings.embedding == "onnx":
        from pathlib import Path

        from chromadb.utils.embedding_functions import ONNXMiniLM_L6_V2

        model_dir = settings.onnx_model_dir
        needed = ("model.onnx", "tokenizer.json")
        if model_dir is None or not all((Path(model_dir) / "onnx" / f).exists() for f in needed):
            raise AssistantError(
                "embedding = 'onnx' needs onnx_model_dir pointing at a folder with onnx/model.onnx and "
                "onnx/tokenizer.json (an all-MiniLM-L6-v2 export). Nothing is downloaded."
            )

        class _LocalMiniLM(ONNXMiniLM_L6_V2):
            DOWNLOAD_PATH = Path(model_dir)

        return _LocalMiniLM()
    raise AssistantError(f"unknown embedding '{settings.embedding}'")
