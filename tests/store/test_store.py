from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from assistant.config import Settings
from assistant.errors import EmbeddingMismatchError, NotFoundError, StoreUnavailableError
from assistant.ids import post_id
from assistant.models import GuideSection, InfluencerProfile, Post, VoiceGuide
from assistant.store import Store


def make_posts(handle: str, n: int, *, likes: int | None = 100) -> list[Post]:
    base = datetime(2026, 5, 1, tzinfo=timezone.utc)
    posts = []
    for i in range(n):
        text = f"Day {i} on the trail: rain shell held up, tent pitched by the lake #hiking"
        created = base + timedelta(days=i)
        posts.append(
            Post(id=post_id(handle, text, created), influencer=handle, text=text, created_at=created,
                 likes=likes, comments=None if likes is None else 7, platform="instagram")
        )
    return posts


def make_guide(brand: str = "northwind") -> VoiceGuide:
    return VoiceGuide(
        brand=brand,
        name="Northwind Outfitters",
        sections=[
            GuideSection(id=f"{brand}#about", heading_path=["About"], text="Outdoor gear for hikers and campers.", line=3),
            GuideSection(id=f"{brand}#claims", heading_path=["Claims and legal"], text="Never call a shell waterproof unless rated.", line=20),
        ],
        voice_attributes=["Grounded", "Practical"],
    )


def test_posts_round_trip_and_missing_metrics_stay_none(settings: Settings) -> None:
    store = Store(settings)
    posts = make_posts("trailtom", 5, likes=None)
    result = store.add_posts(InfluencerProfile(handle="@TrailTom", followers=52000), posts)
    assert (result.added, result.updated, result.unchanged) == (5, 0, 0)
    got = store.get_posts("trailtom")
    assert [p.id for p in got] == [p.id for p in posts]
    assert all(p.likes is None and p.comments is None for p in got)
    assert got[0].created_at == posts[0].created_at
    assert store.list_influencers()[0].posts == 5


def test_ingesting_twice_changes_nothing_and_metric_updates_apply(settings: Settings) -> None:
    store = Store(settings)
    profile = InfluencerProfile(handle="trailtom", followers=52000)
    posts = make_posts("trailtom", 8)
    store.add_posts(profile, posts)
    before = store.counts()
    again = store.add_posts(profile, posts)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 8)
    assert store.counts() == before
    bumped = [p.model_copy(update={"likes": 999}) if i == 0 else p for i, p in enumerate(posts)]
    result = store.add_posts(profile, bumped)
    assert (result.added, result.updated) == (0, 1)
    assert store.get_posts("trailtom")[0].likes == 999


def test_later_import_without_followers_keeps_known_followers(settings: Settings) -> None:
    store = Store(settings)
    store.add_posts(InfluencerProfile(handle="trailtom", followers=52000), make_posts("trailtom", 2))
    store.add_posts(InfluencerProfile(handle="trailtom"), make_posts("trailtom", 3))
    assert store.get_profile("trailtom").followers == 52000


def test_batches_respect_max_batch_size(settings: Settings) -> None:
    store = Store(settings, batch_size=7)
    assert Store(settings).max_batch == store.client.get_max_batch_size()
    sizes: list[int] = []
    collection = store._collection("posts")
    original_add = collection.add

    def recording_add(**kwargs):
        sizes.append(len(kwargs["ids"]))
        return original_add(**kwargs)

    collection.add = recording_add  # observe the real call; Chroma still does the work
    store.add_posts(InfluencerProfile(handle="trailtom"), make_posts("trailtom", 20))
    assert sizes == [7, 7, 6]
    assert len(store.get_posts("trailtom")) == 20


def test_failed_write_is_rolled_back(settings: Settings) -> None:
    store = Store(settings, batch_size=10)
    profile = InfluencerProfile(handle="trailtom", followers=10)
    store.add_posts(profile, make_posts("trailtom", 3))
    before = store.counts()
    collection = store._collection("posts")
    original_add = collection.add
    calls = {"n": 0}

    def failing_add(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original_add(**kwargs)

    collection.add = failing_add
    more = make_posts("other", 30)
    with pytest.raises(StoreUnavailableError, match="rolled back"):
        store.add_posts(InfluencerProfile(handle="other", followers=5), more)
    assert store.counts() == before
    with pytest.raises(NotFoundError):
        store.get_profile("other")


def test_guides_replace_previous_version(settings: Settings) -> None:
    store = Store(settings)
    store.add_guide(make_guide())
    assert store.get_guide("northwind").voice_attributes == ["Grounded", "Practical"]
    smaller = make_guide().model_copy(update={"sections": make_guide().sections[:1]})
    result = store.add_guide(smaller)
    assert result.unchanged == 1
    assert store.counts()["guide_sections"] == 1
    hits = store.search_guide("waterproof shell rating", brand="northwind")
    assert all(h.brand == "northwind" for h in hits)


def test_search_ranks_relevant_post_first(settings: Settings) -> None:
    store = Store(settings)
    posts = make_posts("trailtom", 3)
    odd = Post(id=post_id("trailtom", "my budgeting spreadsheet for student loans", None), influencer="trailtom",
               text="my budgeting spreadsheet for student loans")
    store.add_posts(InfluencerProfile(handle="trailtom"), posts + [odd])
    hits = store.search_posts("budget spreadsheet", influencer="trailtom", k=2)
    assert hits[0].id == odd.id
    assert 0 <= hits[1].score <= hits[0].score <= 1


def test_unknown_brand_and_creator_give_clear_errors(settings: Settings) -> None:
    store = Store(settings)
    with pytest.raises(NotFoundError, match="No brand 'acme'"):
        store.get_guide("acme")
    with pytest.raises(NotFoundError, match="No creator '@nobody'"):
        store.get_profile("@nobody")


def test_store_reopens_in_a_new_process(settings: Settings) -> None:
    Store(settings).add_posts(InfluencerProfile(handle="trailtom", followers=3), make_posts("trailtom", 4))
    code = (
        "from assistant.config import Settings; from assistant.store import Store; "
        "s = Store(Settings()); print(len(s.get_posts('trailtom')), s.search_posts('tent by the lake')[0].influencer)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["4", "trailtom"]


def test_switching_embedding_gives_clear_message_and_reindex_fixes_it(settings: Settings, monkeypatch) -> None:
    from chromadb.utils.embedding_functions import register_embedding_function

    from assistant.store import embeddings

    Store(settings).add_posts(InfluencerProfile(handle="trailtom"), make_posts("trailtom", 4))

    @register_embedding_function
    class SmallHashing(embeddings.HashingEmbeddingFunction):
        @staticmethod
        def name() -> str:
            return "assistant-test-small-hashing"

        @staticmethod
        def build_from_config(config):
            return SmallHashing(dim=int(config.get("dim", 64)))

    monkeypatch.setattr(embeddings, "build_embedding_function", lambda s: SmallHashing(dim=64))
    with pytest.raises(EmbeddingMismatchError, match="assistant reindex"):
        Store(settings).get_posts("trailtom")
    counts = Store(settings).reindex()
    assert counts["posts"] == 4
    store = Store(settings)
    assert len(store.get_posts("trailtom")) == 4
    assert store.search_posts("tent lake", k=1)[0].influencer == "trailtom"


def test_first_use_from_many_threads_opens_once(settings: Settings) -> None:
    from concurrent.futures import ThreadPoolExecutor

    Store(settings).add_posts(InfluencerProfile(handle="trailtom"), make_posts("trailtom", 3))
    store = Store(settings)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: len(store.get_posts("trailtom")), range(16)))
    assert results == [3] * 16
