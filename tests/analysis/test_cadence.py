"""Cadence: posts per week, gaps and recency, unknown with too few dated posts."""

from datetime import timedelta

from assistant.analysis.cadence import measure_cadence
from assistant.analysis.feed import prepare
from tests.analysis.conftest import START, make_posts

TEXTS = [f"Post number {i} about the trail." for i in range(16)]


def test_steady_weekly_posting():
    m = measure_cadence(prepare(make_posts(TEXTS, every=timedelta(days=3))), None)
    assert 2.0 <= m.dimension.metrics["posts_per_week"] <= 2.5
    assert m.dimension.score >= 75 and m.dimension.signals == []


def test_bursts_and_long_gaps_are_flagged():
    posts = make_posts(TEXTS, every=timedelta(days=1))
    for p in posts[8:]:
        p.created_at = p.created_at + timedelta(days=80)
    m = measure_cadence(prepare(posts), None)
    assert "long_gap" in m.dimension.signals and m.dimension.metrics["longest_gap_days"] > 70


def test_inactivity_needs_a_reference_time():
    posts = make_posts(TEXTS, every=timedelta(days=3))
    assert "inactive" not in measure_cadence(prepare(posts), None).dimension.signals
    later = START + timedelta(days=300)
    m = measure_cadence(prepare(posts), later)
    assert "inactive" in m.dimension.signals and m.risks


def test_unknown_with_too_few_dated_posts():
    posts = make_posts(TEXTS[:5])
    assert measure_cadence(prepare(posts), None).dimension.score is None
    undated = make_posts(TEXTS)
    for p in undated:
        p.created_at = None
    assert measure_cadence(prepare(undated), None).dimension.score is None


def test_bursts_with_long_silences_cap_the_score():
    posts = make_posts(TEXTS, every=timedelta(days=1))
    for p in posts[5:10]:
        p.created_at = p.created_at + timedelta(days=70)
    for p in posts[10:]:
        p.created_at = p.created_at + timedelta(days=150)
    m = measure_cadence(prepare(posts), None)
    assert m.caps and m.caps[0].ceiling < 75
    steady = measure_cadence(prepare(make_posts(TEXTS, every=timedelta(days=3))), None)
    assert not steady.caps
