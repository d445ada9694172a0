"""Kept work and parallel work change no score: the demo and eval rosters assessed serially with nothing kept,
with features and assessments kept (cold, then warm, then from the SQLite file in a fresh cache), and shared
across processes, give the same assessments. One creator's failure, in a worker or here, stops no other."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.analysis import feature_cache, voice_profile
from assistant.analysis.rank import rank_creators
from assistant.analysis.roster import PARALLEL_MIN_POSTS, assess_roster
from assistant.ingest import read_guide, read_posts
from assistant.models import InfluencerProfile, Post

REPO = Path(__file__).resolve().parents[2]
DATA = [
    (REPO / "voice_guides", REPO / "assistant" / "demo_data" / "feeds"),
    (REPO / "tests" / "eval" / "guides", REPO / "tests" / "eval" / "feeds"),
]


@pytest.fixture(scope="module")
def rosters():
    """Each data set's guides, and one roster with every creator of both sets (a guide meets off-topic ones too)."""
    guides, creators = [], []
    for guide_dir, feed_dir in DATA:
        if not (feed_dir / "roster.json").exists():
            pytest.skip(f"{feed_dir} is not in this checkout")
        guides += [read_guide(g) for g in sorted(guide_dir.glob("*.md"))]
        for entry in json.loads((feed_dir / "roster.json").read_text(encoding="utf-8")):
            profile = InfluencerProfile(handle=entry["handle"], followers=entry.get("followers"),
                                        platform=entry.get("platform"), niche=entry.get("niche"))
            creators.append((profile, read_posts(feed_dir / entry["file"], entry["handle"], fmt="json")))
    return guides, creators


def _dumps(assessments) -> list[str]:
    return [a.model_dump_json() for a in assessments]


def test_kept_work_gives_the_same_scores(rosters, tmp_path):
    guides, creators = rosters
    assert len(guides) >= 6 and len(creators) >= 20
    for guide in guides:
        rules = voice_profile(guide)
        # Cold: nothing is read from the cache (every post measured from its text), so this is the reference.
        cache = feature_cache.reset(tmp_path / f"{guide.brand}.sqlite3")
        reference, failed = assess_roster(rules, creators, None, processes=1)
        assert not failed and len(reference) == len(creators)
        assert cache.hits == 0 and cache.assessment_hits == 0
        reference = _dumps(reference)

        warm = _dumps(assess_roster(rules, creators, None, processes=1)[0])
        assert cache.assessment_hits == len(creators)  # the warm pass read kept work...
        assert warm == reference  # ...and it changed nothing

        cache = feature_cache.reset(tmp_path / f"{guide.brand}.sqlite3")  # a new process: only the file remains
        assert _dumps(assess_roster(rules, creators, None, processes=1)[0]) == reference
        assert cache.assessment_hits == len(creators)


def test_kept_features_measured_again_give_the_same_scores(rosters, tmp_path):
    """The reference time moves (a newer post somewhere in the roster): every assessment is measured again, from
    the kept features of posts that didn't change."""
    guides, creators = rosters
    rules = voice_profile(guides[-1])
    later = datetime(2030, 1, 1, tzinfo=timezone.utc)
    feature_cache.disable()
    expected = _dumps(assess_roster(rules, creators, later, processes=1)[0])
    feature_cache.reset(tmp_path / "kept.sqlite3")
    assess_roster(rules, creators, None, processes=1)
    cache = feature_cache.reset(tmp_path / "kept.sqlite3")
    assert _dumps(assess_roster(rules, creators, later, processes=1)[0]) == expected
    assert cache.assessment_hits == 0
    assert cache.hits == sum(len(posts) for _, posts in creators) and cache.misses == 0


def test_parallel_work_gives_the_same_ranking(rosters):
    guides, creators = rosters
    # One guide of each data set (a worker process costs a start-up each time).
    for guide in (guides[0], guides[-1]):
        feature_cache.disable()
        serial = rank_creators(guide, creators, processes=1)
        parallel = rank_creators(guide, creators, processes=2)
        assert [r.model_dump() for r in serial] == [r.model_dump() for r in parallel], guide.brand
        assert [r.rank for r in serial] == list(range(1, len(creators) + 1))


def test_a_changed_post_is_the_only_one_measured_again(rosters):
    guides, creators = rosters
    cache = feature_cache.reset()
    profile, posts = creators[0]
    rules = voice_profile(guides[0])
    assess_roster(rules, [(profile, posts)], None)
    assert cache.misses == len(posts)
    edited = [posts[0].model_copy(update={"text": posts[0].text + " Edited."}), *posts[1:]]
    before = cache.misses
    (again,), failed = assess_roster(rules, [(profile, edited)], None)
    assert not failed and again.posts_analysed == len(posts)
    assert cache.misses - before == 1  # one post's text changed: one post's features computed


def test_an_edited_guide_is_a_new_assessment(rosters):
    guides, creators = rosters
    feature_cache.reset()
    guide = guides[0]
    rules = voice_profile(guide)
    (first,), _ = assess_roster(rules, creators[:1], None)
    stricter = rules.model_copy(update={"competitors": [*rules.competitors, "trailtom", "Tom"]})
    assert feature_cache.assessment_key(rules, *creators[0], None) != feature_cache.assessment_key(stricter, *creators[0], None)
    feature_cache.disable()
    (expected,), _ = assess_roster(stricter, creators[:1], None)
    feature_cache.reset()
    assess_roster(rules, creators[:1], None)
    (kept_then_edited,), _ = assess_roster(stricter, creators[:1], None)
    assert kept_then_edited.model_dump_json() == expected.model_dump_json()


def test_a_new_analyser_version_reads_nothing_kept(rosters, tmp_path, monkeypatch):
    guides, creators = rosters
    rules = voice_profile(guides[0])
    cache = feature_cache.reset(tmp_path / "kept.sqlite3")
    assess_roster(rules, creators[:2], None)
    feature_cache.analyser_version.cache_clear()
    monkeypatch.setattr(feature_cache, "analyser_version", lambda: "another analyser")
    cache = feature_cache.reset(tmp_path / "kept.sqlite3")
    assess_roster(rules, creators[:2], None)
    assert cache.hits == 0 and cache.misses == sum(len(p) for _, p in creators[:2])


def test_one_creators_failure_stops_no_other_serial_or_parallel(rosters):
    guides, creators = rosters
    rules = voice_profile(guides[0])
    profile, posts = creators[1]
    # Unvalidated data that makes the assessment raise (a date that isn't one), as a damaged record would.
    broken = [Post.model_construct(**{**p.__dict__, "created_at": "not a date"}) for p in posts]
    pool = [creators[0], (profile, broken), creators[2]]
    for processes in (1, 2):
        feature_cache.disable()
        assessments, failed = assess_roster(rules, pool, None, processes=processes)
        assert [a.influencer for a in assessments] == [creators[0][0].handle, creators[2][0].handle]
        assert [h for h, _ in failed] == [profile.handle]
        assert "couldn't be assessed" in failed[0][1]


def test_parallel_only_above_the_threshold(monkeypatch, rosters):
    from assistant.analysis import roster

    _, creators = rosters
    small = sum(len(p) for _, p in creators)
    assert small < PARALLEL_MIN_POSTS
    assert roster._process_count(None, creators) == 1
    monkeypatch.setattr(roster.os, "cpu_count", lambda: 2)
    big = [(p, posts * (PARALLEL_MIN_POSTS // small + 1)) for p, posts in creators]
    assert roster._process_count(None, big) == 2
    assert roster._process_count(1, big) == 1
    assert roster._process_count(None, big[:1]) == 1
