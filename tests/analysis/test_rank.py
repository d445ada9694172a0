"""Shortlists: every creator for one brand, best first."""

from assistant.analysis import assess_many, rank_creators
from assistant.models import InfluencerProfile
from tests.analysis.conftest import CRAFT_POSTS, HIKER_POSTS, make_posts


def _creators():
    hiker = InfluencerProfile(handle="trail.ana", followers=40_000)
    half = InfluencerProfile(handle="half.half", followers=40_000)
    crafter = InfluencerProfile(handle="stitch.sam", followers=40_000)
    return [
        (crafter, make_posts(CRAFT_POSTS, handle=crafter.handle)),
        (hiker, make_posts(HIKER_POSTS, handle=hiker.handle)),
        (half, make_posts(HIKER_POSTS[:5] + CRAFT_POSTS[:7], handle=half.handle)),
    ]


def test_rank_orders_best_first_with_reasons(guide):
    rows = rank_creators(guide, _creators())
    assert [r.influencer for r in rows] == ["trail.ana", "half.half", "stitch.sam"]
    assert [r.rank for r in rows] == [1, 2, 3]
    assert rows[0].score >= rows[1].score >= rows[2].score
    assert all(r.top_reason for r in rows)
    assert set(rows[0].dimension_scores) == {"voice", "hard_limits", "topic", "engagement", "authenticity", "partnerships", "cadence"}


def test_top_limits_the_shortlist_and_assess_many_returns_assessments(guide):
    assert [r.influencer for r in rank_creators(guide, _creators(), top=1)] == ["trail.ana"]
    assessments = assess_many(guide, _creators())
    assert [a.influencer for a in assessments] == ["trail.ana", "half.half", "stitch.sam"]
    assert all(a.brand == "ridgeline" for a in assessments)


def test_rank_over_many_creators_is_fast(guide):
    import time

    creators = []
    for i in range(100):
        profile = InfluencerProfile(handle=f"c{i}", followers=10_000 + 1000 * i)
        texts = [f"{t} ({i})" for t in (HIKER_POSTS if i % 2 else CRAFT_POSTS)] * 17
        creators.append((profile, make_posts(texts[:200], handle=profile.handle)))
    start = time.perf_counter()
    rows = rank_creators(guide, creators)
    elapsed = time.perf_counter() - start
    assert len(rows) == 100
    assert elapsed < 30, f"100 creators x 200 posts took {elapsed:.1f} s"
