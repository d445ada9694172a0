"""Engagement: a named formula, a tier benchmark, a trend, and unknown instead of invented numbers."""

from datetime import timedelta

from assistant.analysis.engagement import TYPICAL_ER, measure_engagement, tier_of
from assistant.analysis.feed import prepare
from tests.analysis.conftest import HIKER_POSTS, make_posts


def test_rate_uses_the_named_formula_against_the_tier_benchmark():
    posts = make_posts(HIKER_POSTS, likes=1200, comments=60)
    measured, rates = measure_engagement(prepare(posts), 40_000)
    dim = measured.dimension
    assert dim.metrics["formula"].startswith("median (likes + comments) / followers")
    assert abs(dim.metrics["engagement_rate"] - 1260 / 40_000) < 1e-6
    assert dim.metrics["benchmark"] == TYPICAL_ER["micro"] and dim.metrics["benchmark_tier"] == "micro"
    assert 60 <= dim.score <= 85
    assert all(abs(r - 1260 / 40_000) < 1e-9 for r in rates)


def test_low_engagement_scores_lower_than_high():
    low, _ = measure_engagement(prepare(make_posts(HIKER_POSTS, likes=150, comments=5)), 40_000)
    high, _ = measure_engagement(prepare(make_posts(HIKER_POSTS, likes=2000, comments=90)), 40_000)
    assert low.dimension.score < 40 < high.dimension.score
    assert "engagement_below_benchmark" in low.dimension.signals
    assert "engagement_above_benchmark" in high.dimension.signals


def test_unknown_without_followers_or_likes_never_an_invented_number():
    no_followers, _ = measure_engagement(prepare(make_posts(HIKER_POSTS)), None)
    assert no_followers.dimension.score is None and no_followers.dimension.metrics["formula"] is None
    hidden, rates = measure_engagement(prepare(make_posts(HIKER_POSTS, likes=None, comments=None)), 40_000)
    assert hidden.dimension.score is None
    assert all(r is None for r in rates)


def test_views_are_the_fallback_denominator():
    posts = make_posts(HIKER_POSTS, likes=300, comments=20)
    for p in posts:
        p.views = 8000
    measured, _ = measure_engagement(prepare(posts), None)
    assert measured.dimension.score is not None
    assert measured.dimension.metrics["formula"].startswith("median (likes + comments) / views")


def test_declining_trend_fires_and_steady_does_not():
    posts = make_posts(HIKER_POSTS, every=timedelta(days=4))
    for i, p in enumerate(posts):
        p.likes = 2000 - 150 * i
    falling, _ = measure_engagement(prepare(posts), 40_000)
    assert "engagement_declining" in falling.dimension.signals
    steady, _ = measure_engagement(prepare(make_posts(HIKER_POSTS)), 40_000)
    assert "engagement_declining" not in steady.dimension.signals


def test_tiers():
    assert [tier_of(n) for n in (900, 40_000, 250_000, 700_000, 3_000_000)] == ["nano", "micro", "mid", "macro", "mega"]
    assert tier_of(None) is None
