"""Topic relevance: share of the feed on the brand's topics, with passing mentions counted as partial."""

from assistant.analysis import assess_fit, voice_profile
from assistant.analysis.feed import prepare
from assistant.analysis.topic import OFF_TOPIC_CAP, measure_topic_dimension, topic_cap
from tests.analysis.conftest import CRAFT_POSTS, HIKER_POSTS, make_guide, make_posts


def _topic(guide, texts, niche=None):
    return measure_topic_dimension(prepare(make_posts(texts)), voice_profile(guide), niche).dimension


def test_on_topic_feed_scores_high_with_evidence(guide):
    dim = _topic(guide, HIKER_POSTS)
    assert dim.score >= 80
    assert dim.metrics["on_topic_share"] >= 0.6
    assert "on_topic_feed" in dim.signals
    assert dim.evidence


def test_off_topic_feed_scores_low_and_is_capped(guide, crafter):
    dim = _topic(guide, CRAFT_POSTS)
    assert dim.score <= 20 and "off_topic_feed" in dim.signals
    a = assess_fit(guide, crafter, make_posts(CRAFT_POSTS, handle=crafter.handle))
    assert a.verdict == "poor" and a.score <= OFF_TOPIC_CAP
    assert any("off-topic" in c for c in a.caps)


def test_passing_keyword_mentions_do_not_make_a_feed_on_topic(guide):
    # A sewing feed that keeps naming a tent or a trail in passing: partial at most, never the brand's niche.
    texts = [t + " Made from an old tent." if i % 2 else t for i, t in enumerate(CRAFT_POSTS)]
    dim = _topic(guide, texts)
    assert dim.metrics["on_topic_share"] < 0.3


def test_a_small_real_angle_is_possible_not_strong(guide):
    texts = CRAFT_POSTS[:9] + HIKER_POSTS[:3]
    cap = topic_cap(_topic(guide, texts).metrics["on_topic_share"])
    assert cap is not None and OFF_TOPIC_CAP < cap < 75


def test_topic_is_unknown_when_the_guide_says_nothing_about_the_brand():
    bare = make_guide(topics=[], about="", sections=[], example_copy=[], preferred_words=[])
    dim = _topic(bare, HIKER_POSTS)
    assert dim.score is None


def test_niche_consistency_is_measured(guide):
    focused = _topic(guide, HIKER_POSTS)
    mixed = _topic(guide, HIKER_POSTS[:4] + CRAFT_POSTS[:4] + ["Dinner: lentil soup and bread.", "New phone, who dis."])
    assert focused.metrics["niche_consistency"] > mixed.metrics["niche_consistency"]
