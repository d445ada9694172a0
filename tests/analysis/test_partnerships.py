"""Partnership history: sponsored share, disclosure, competitors, and brand mentions that are (or aren't) affinity."""

from assistant.analysis import voice_profile
from assistant.analysis.feed import prepare
from assistant.analysis.partnerships import measure_partnerships
from tests.analysis.conftest import HIKER_POSTS, make_guide, make_posts

RULES = voice_profile(make_guide())
NAMES, SHORT, COMPETITORS = RULES.brand_names, RULES.brand_short_names, RULES.competitors


def test_names_from_the_guide():
    assert NAMES == ["Ridgeline Gear"] and SHORT == ["Ridgeline"] and COMPETITORS == ["Summitline", "Cairn & Co"]


def _measure(texts, sponsored=None):
    posts = make_posts(texts, sponsored=sponsored)
    return measure_partnerships(prepare(posts), NAMES, COMPETITORS, SHORT), posts


def test_quiet_feed_is_neutral():
    m, _ = _measure(HIKER_POSTS)
    assert m.dimension.score == 70 and m.dimension.signals == [] and not m.caps


def test_disclosed_paid_posts_are_fine_and_undisclosed_ones_are_flagged():
    ok, _ = _measure(HIKER_POSTS[:10] + ["#ad Paid partnership with Stoveworks: their stove boiled in 3 minutes."])
    assert "disclosed_partnerships" in ok.dimension.signals and "undisclosed_sponsorship" not in ok.dimension.signals
    bad, posts = _measure(HIKER_POSTS[:10] + ["Use code TRAIL20 for 20% off at Stoveworks, link in bio!"] * 2)
    assert "undisclosed_sponsorship" in bad.dimension.signals
    assert bad.dimension.score < ok.dimension.score
    assert any(r.post_ids and r.post_ids[0] in {p.id for p in posts} for r in bad.risks)


def test_platform_sponsored_flag_counts_as_sponsored():
    m, _ = _measure(HIKER_POSTS, sponsored=True)
    assert m.dimension.metrics["sponsored_share"] == 1.0 and "ad_heavy_feed" in m.dimension.signals


def test_competitor_promotion_versus_mention():
    promo, _ = _measure(HIKER_POSTS[:8] + ["#ad Loving my new Summitline jacket, code SAM10 for 10% off.", "#ad Cairn & Co tent haul!"])
    assert "competitor_promoted" in promo.dimension.signals
    assert promo.caps and promo.caps[0].ceiling < 75
    mention, _ = _measure(HIKER_POSTS[:8] + ["Saw a Summitline store on the way home."])
    assert "competitor_mentioned" in mention.dimension.signals and "competitor_promoted" not in mention.dimension.signals


def test_unprompted_positive_mention_is_affinity():
    m, _ = _measure(HIKER_POSTS[:10] + ["Three years on my Ridgeline pack and it's still my favourite."])
    assert "brand_affinity" in m.dimension.signals and m.bonus > 0 and m.dimension.score > 70


def test_mocking_or_complaining_mentions_are_not_affinity():
    texts = HIKER_POSTS[:8] + [
        "Ridgeline Gear sent me their new shell. Leaked on the first walk. 2/10.",
        "Ridgeline tier list: S tier is anything that keeps rain out. F tier: Ridgeline.",
        "My Ridgeline zip broke again, still waiting on customer service.",
    ]
    m, _ = _measure(texts)
    assert "brand_criticised" in m.dimension.signals and "brand_affinity" not in m.dimension.signals
    assert m.caps and m.caps[0].ceiling < 40


def test_negated_complaint_words_and_lowercase_common_words_are_not_criticism():
    m, _ = _measure(HIKER_POSTS[:10] + ["The only shell I've tried that isn't flimsy: Ridgeline, every time."])
    assert "brand_criticised" not in m.dimension.signals
    # the short name only counts capitalised ("ridgeline" is also a word for a hill's crest)
    m2, _ = _measure(HIKER_POSTS[:10] + ["Walked the whole ridgeline in the wind, awful weather."])
    assert m2.dimension.metrics["brand_mentions_negative"] == 0


def test_a_balanced_honest_review_is_still_affinity():
    m, _ = _measure(
        HIKER_POSTS[:10]
        + ["A little disappointed the Ridgeline zip broke, but their repair team fixed it in a week. Brilliant service."]
    )
    assert "brand_criticised" not in m.dimension.signals and "brand_affinity" in m.dimension.signals


def test_a_disclosure_marker_is_a_whole_word():
    """'ad:' discloses; the end of 'had:' or 'read:' does not."""
    from assistant.analysis.partnerships import flags

    posts = make_posts(["Ad: my stove of the year, from Stoveworks.", "The best decaf I've had: cocoa and fig.", "Worth a read: the trail report."])
    found = [flags(item).disclosed for item in prepare(posts)]
    assert found == [True, False, False]
