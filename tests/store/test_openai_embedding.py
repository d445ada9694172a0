"""The 'openai' embedding option, through Chroma's OpenAI embedding function, against the fake server over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import EmbeddingMismatchError
from assistant.models import InfluencerProfile
from assistant.store import Store
from tests.fakes.fixtures import settings_for
from tests.store.test_store import make_posts


def test_openai_embedding_stores_and_searches(fake_openai, tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, embedding="openai")
    store = Store(settings)
    store.add_posts(InfluencerProfile(handle="trailtom"), make_posts("trailtom", 5))
    embedding_calls = [r for r in fake_openai.requests if r.path.endswith("/embeddings")]
    assert embedding_calls, "posts were not embedded through the provider"
    hits = store.search_posts("tent by the lake", influencer="trailtom", k=3)
    assert len(hits) == 3 and all(h.influencer == "trailtom" for h in hits)
    assert "test-key" not in str(store.client.get_collection("posts").configuration_json)


def test_switching_from_hashing_to_openai_needs_reindex(fake_openai, tmp_path: Path) -> None:
    Store(settings_for(fake_openai, tmp_path)).add_posts(InfluencerProfile(handle="trailtom"), make_posts("trailtom", 4))
    switched = settings_for(fake_openai, tmp_path, embedding="openai")
    with pytest.raises(EmbeddingMismatchError, match="assistant reindex"):
        Store(switched).get_posts("trailtom")
    assert Store(switched).reindex()["posts"] == 4
    assert len(Store(switched).search_posts("rain shell", k=2)) == 2
