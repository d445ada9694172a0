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

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from assistant.language.hashing import _FeatureHasher, hashing_embed  # noqa: F401 (re-exported)


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
