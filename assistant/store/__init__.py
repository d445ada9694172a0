"""The store: Chroma client, embeddings and the repository API. Nothing outside this package touches chromadb."""

from assistant.store.repository import Store, WriteResult

__all__ = ["Store", "WriteResult"]
