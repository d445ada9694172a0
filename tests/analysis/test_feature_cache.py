"""The cache file in the data dir: bounded, and never in the way (a damaged or unwritable file only costs work)."""

from __future__ import annotations

from assistant.analysis import feature_cache
from assistant.analysis.feed import text_features
from assistant.models import Post


def _posts(n: int, start: int = 0) -> list[Post]:
    return [Post(id=f"p{i}", influencer="maya", text=f"Post number {i}: sewing a tote from old jeans.") for i in range(start, start + n)]


def test_the_file_keeps_the_newest_entries_up_to_its_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(feature_cache, "MAX_DISK_ENTRIES", 10)
    path = tmp_path / "kept.sqlite3"
    feature_cache.FeatureCache(path).post_features(_posts(8), text_features)
    feature_cache.FeatureCache(path).post_features(_posts(8, start=8), text_features)
    reopened = feature_cache.FeatureCache(path, max_posts=0)
    reopened.post_features(_posts(16), text_features)
    assert reopened.hits == 10 and reopened.misses == 6  # the oldest six went; the newest ten were kept


def test_a_damaged_cache_file_is_worked_around(tmp_path):
    path = tmp_path / "kept.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = feature_cache.FeatureCache(path)
    posts = _posts(3)
    first = cache.post_features(posts, text_features)
    assert [doc.text for doc, _ in first] == [p.text for p in posts]
    assert cache.post_features(posts, text_features) == first and cache.hits == 3  # memory still works


def test_same_text_under_another_id_or_changed_text_is_a_new_entry():
    keys = {feature_cache.post_feature_key("a", "hello"), feature_cache.post_feature_key("b", "hello"),
            feature_cache.post_feature_key("a", "hello!")}
    assert len(keys) == 3
