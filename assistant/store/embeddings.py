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


class _FeatureHasher:
    """Maps feature strings to (index, sign) with a cache: real text repeats its words a lot."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def _hash(self, feature: str) -> tuple[int, float]:
        h = zlib.crc32(feature.encode("utf-8"))
        return h % self.dim, 1.0 if (h >> 31) & 1 else -1.0

    def word_features(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        indices: list[int] = []
        weights: list[float] = []
        idx, sign = self._hash("w:" + word)
        indices.append(idx)
        weights.append(sign)
        padded = f"<{word}>"
        grams = [padded[i : i + 4] for i in range(max(1, len(padded) - 3))]
        gram_weight = 0.5 / max(1, len(grams)) ** 0.5
        for gram in grams:
            idx, sign = self._hash("c:" + gram)
            indices.append(idx)
            weights.append(sign * gram_weight)
        result = (np.asarray(indices, dtype=np.int64), np.asarray(weights, dtype=np.float32))
        if len(self._cache) < 200_000:
            self._cache[word] = result
        return result

    def bigram(self, left: str, right: str) -> tuple[int, float]:
        idx, sign = self._hash(f"b:{left} {right}")
        return idx, sign * 0.7


def hashing_embed(texts: list[str], hasher: _FeatureHasher) -> np.ndarray:
    out = np.zeros((len(texts), hasher.dim), dtype=np.float32)
    for row, text in enumerate(texts):
        words = [_stem(w.lower()) for w in _TOKEN.findall(text or "")]
        content = [w for w in words if w not in _STOPWORDS]
        if not content:
            content = words
        if not content:
            continue
        parts_idx = []
        parts_w = []
        for word in content:
            idx, w = hasher.word_features(word)
            parts_idx.append(idx)
            parts_w.append(w)
        for left, right in zip(content, content[1:]):
            idx, w = hasher.bigram(left, right)
            parts_idx.append(np.asarray([idx], dtype=np.int64))
            parts_w.append(np.asarray([w], dtype=np.float32))
        vec = np.bincount(np.concatenate(parts_idx), weights=np.concatenate(parts_w), minlength=hasher.dim)
        out[row] = vec
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out /= norms
    return out


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
