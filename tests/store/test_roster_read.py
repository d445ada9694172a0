"""Ranking reads the whole roster in one store call, grouped by creator, ordered as a creator's own read."""

from __future__ import annotations

from assistant.config import Settings
from assistant.models import InfluencerProfile
from assistant.services import Services
from assistant.store import Store
from tests.store.test_store import make_guide, make_posts


def test_posts_by_creator_is_one_read_and_matches_each_creators_own(settings: Settings) -> None:
    store = Store(settings)
    for handle, n in (("trailtom", 5), ("maya", 3), ("sam", 1)):
        store.add_posts(InfluencerProfile(handle=handle, followers=1000), list(reversed(make_posts(handle, n))))
    posts = store._collection("posts")
    calls = []
    original = posts.get

    def counting_get(*args, **kwargs):
        calls.append(kwargs)
        return original(*args, **kwargs)

    posts.get = counting_get
    grouped = store.posts_by_creator()
    assert len(calls) == 1
    posts.get = original
    assert sorted(grouped) == ["maya", "sam", "trailtom"]
    for handle, got in grouped.items():
        assert got == store.get_posts(handle)


def test_rank_reads_posts_once_not_per_creator(settings: Settings, monkeypatch) -> None:
    services = Services(settings)
    services.store.add_guide(make_guide("northwind"))
    for handle, n in (("trailtom", 12), ("maya", 4)):
        services.store.add_posts(InfluencerProfile(handle=handle, followers=5000), make_posts(handle, n))
    expected = {h: services.fit("northwind", h).score for h in ("trailtom", "maya")}

    def per_creator_read(handle):
        raise AssertionError("rank read a creator's posts on their own")

    monkeypatch.setattr(services.store, "get_posts", per_creator_read)
    rows = services.rank("northwind")
    assert {r.influencer: r.posts for r in rows} == {"trailtom": 12, "maya": 4}
    assert {r.influencer: r.score for r in rows} == expected


def test_a_ranking_is_kept_until_the_store_changes(settings: Settings, monkeypatch) -> None:
    services = Services(settings)
    services.store.add_guide(make_guide("northwind"))
    services.store.add_posts(InfluencerProfile(handle="trailtom", followers=5000), make_posts("trailtom", 12))
    first = services.rank("northwind")
    reads = []
    original = services.store.posts_by_creator
    monkeypatch.setattr(services.store, "posts_by_creator", lambda: reads.append(1) or original())
    assert services.rank("northwind") == first and reads == []  # nothing written since: no post read
    assert services.rank("northwind", top=0) == []

    # Any write moves the store's stamp: a new creator (or a new post) is ranked, never a stale list.
    services.store.add_posts(InfluencerProfile(handle="maya", followers=900), make_posts("maya", 3))
    again = services.rank("northwind")
    assert reads == [1] and {r.influencer for r in again} == {"trailtom", "maya"}
    services.store.add_posts(InfluencerProfile(handle="maya"), make_posts("maya", 4))
    assert {r.influencer: r.posts for r in services.rank("northwind")} == {"trailtom": 12, "maya": 4}
    assert reads == [1, 1]


def test_the_next_process_reads_the_kept_ranking_from_the_data_dir(settings: Settings, analysis_cache_on_disk) -> None:
    from assistant.analysis import feature_cache

    services = Services(settings)
    services.store.add_guide(make_guide("northwind"))
    services.store.add_posts(InfluencerProfile(handle="trailtom", followers=5000), make_posts("trailtom", 12))
    first = services.rank("northwind")
    assert (settings.data_dir / feature_cache.FILE_NAME).exists()
    feature_cache.reset()  # what a new process starts with: nothing in memory
    assert Services(settings).rank("northwind") == first
    used = feature_cache.current()
    assert used.path == settings.data_dir / feature_cache.FILE_NAME
    # No post measured and no assessment read: the whole ranking came from the file.
    assert used.misses == 0 and used.hits == 0 and used.assessment_hits == 0
