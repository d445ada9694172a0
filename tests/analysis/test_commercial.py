"""Commercial signals: a post is promotional when it sells something (a code, an offer, a tracked link, a brand
partnership or gift, a pointer next to something on sale), never for gratitude or free things."""

import pytest

from assistant.analysis import assess_fit, voice_profile
from assistant.analysis.commercial import commercial_signals, is_promotional
from assistant.analysis.feed import prepare
from assistant.analysis.partnerships import flags, measure_partnerships
from assistant.ingest import read_guide, read_posts
from assistant.models import InfluencerProfile
from assistant.resources import demo_feeds_dir, voice_guides_dir
from tests.analysis.conftest import HIKER_POSTS, make_guide, make_posts

COASTLINE = (
    "Finished the Coastline Way. 412 km, 21 days, one pair of shoes nearly done. Thanks to everyone who sent "
    "route notes and to the trail crews who keep this path open. #thruhiking #coastalwalk"
)


@pytest.mark.parametrize(
    "text",
    [
        COASTLINE,
        "Thank you to every family who sends in recycling for our build box. Your cereal boxes are someone's rocket.",
        "Huge thanks to the volunteers who rebuilt the bridge. Check out the new steps if you're passing.",
        "Thanks to my mum for sending me off with a flask of soup and a very long list of warnings.",
        "Thank you to everyone who sent me messages after the fall. I'm fine, the knee is not.",
        "Thank you @jess.hikes for the company on the ridge today, and for the route notes.",
        "50k of you! Thanks to every one of you for reading my long captions. Link in bio for the full trip report.",
        "Grateful to the rangers who turned us back before the storm. They were right.",
        "Thanks to this community I finally fixed my tent pole. Best advice came from the comments.",
    ],
)
def test_gratitude_is_not_a_promotion(text):
    assert commercial_signals(text) == [], [(s.kind, text[s.start : s.end]) for s in commercial_signals(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Thanks @summitline for sending me their new jacket, use code SAM20",
        "use code SAM30 at Summitline for 30% off EVERYTHING #Summitline",
        "Beanbox Daily changed my mornings. Link in bio for a free first box",
        "Copperline x me, my favourite cold brew of the summer, MIA10 for 10% off",
        "Amazon toy deals under $10 link in bio!! #deals",
        "Excited to partner with @stoveworks this season: three trips, one stove.",
        "My boots for this trip: https://shop.example.com/boots?ref=trailtom",
        "Kiddo Labs advent calendar is here, 24 mini experiments!! Get it before it sells out",
        "this serum changed my skin, link in bio",
        "GIVEAWAY win my entire Glowkind collection!!! follow + like + tag 5 friends #giveaway",
        "Black Friday toy deals you CAN'T miss!!! link in bio",
        "Reacting to a barista telling me coffee dehydrates you. My ThermoBrew has electrolytes. Code DANIEL20",
        "Sign up with my link in bio and we both get $50.",
    ],
)
def test_real_promotions_are_found(text):
    assert is_promotional(text)


@pytest.mark.parametrize(
    "text",
    [
        "Pattern update: my free tote pattern now comes in three sizes. Link in bio, no email sign-up needed",
        "A study I liked this month: plant-based lifters gained strength as well as the omnivore group. Link in bio.",
        "Giveaway time! I made three little zip pouches from my scrap bin and I want to send them to you. #handmade",
        "Went coarser. 3:05. Sweet, clean, a bit of lemon. I get it now.",
        "Not sponsored, no discount code, no affiliate link: I just like these boots.",
        "My Passive Income Accelerator course is 70% off for the next 24 hours only.",
        "Head to the trailhead early: the car park fills by eight.",
        "Customer service sent me a paragraph about patience. Still waiting on my order.",
        "Northwind sent me a message asking what I'd change about the Ridge 40. Brands that ask are rare.",
        "Thanks @jess.hikes for the photos. Link in bio for the full trip report.",
        "Code RED on the forecast tonight! Tents down, we're in the bothy.",
        "Learning to CODE THIS WINTER, wish me luck.",
    ],
)
def test_free_informational_and_own_things_are_not_sponsorship(text):
    assert not is_promotional(text), [(s.kind, text[s.start : s.end]) for s in commercial_signals(text)]


def test_a_gift_named_in_plain_words_is_disclosed_but_a_code_beside_it_is_not():
    posts = make_posts(
        [
            "Stoveworks sent me their new stove to try. Boiled in three minutes.",
            "Thanks @summitline for sending me their new jacket, use code SAM20",
        ]
    )
    gift, coded = (flags(item) for item in prepare(posts))
    assert gift.promotional and gift.disclosed
    assert coded.promotional and not coded.disclosed


def test_pointing_fans_to_the_brand_unprompted_is_affinity_not_an_ad():
    rules = voice_profile(make_guide())
    posts = make_posts(HIKER_POSTS[:10] + ["Check out the Ridgeline repair service: my shell came back in a week, good as new."])
    m = measure_partnerships(prepare(posts), rules.brand_names, rules.competitors, rules.brand_short_names)
    assert m.dimension.metrics["undisclosed_posts"] == 0 and "brand_affinity" in m.dimension.signals


def test_talking_about_disclosure_is_not_a_label():
    posts = make_posts(
        [
            "Thank you for 64k of you. I'll keep telling you when something is a paid partnership. #sensitiveskin",
            "#ad Paid partnership with Hearthmist. Their humidifier has been on for a month.",
        ]
    )
    talk, label = (flags(item).disclosed for item in prepare(posts))
    assert not talk and label


def test_the_undisclosed_risk_quotes_the_commercial_signal():
    rules = voice_profile(make_guide())
    posts = make_posts(HIKER_POSTS[:9] + [COASTLINE, "Thanks @summitline for sending me their new jacket, use code SAM20"])
    m = measure_partnerships(prepare(posts), rules.brand_names, rules.competitors, rules.brand_short_names)
    risk = next(r for r in m.risks if "without #ad" in r.text)
    assert risk.post_ids == [posts[-1].id]
    assert any(e.post_id == posts[-1].id and "code SAM20" in e.quote for e in m.dimension.evidence)


def test_demo_trailtom_has_no_undisclosed_promotion_for_northwind():
    """The lead's report: the Coastline Way thank-you post was flagged as an undisclosed promotion."""
    guide = read_guide(voice_guides_dir() / "northwind.md", brand="northwind")
    posts = read_posts(demo_feeds_dir() / "trailtom.json", "trailtom", fmt="json")
    assert any("Thanks to everyone who sent route notes" in p.text for p in posts)
    profile = InfluencerProfile(handle="trailtom", platform="instagram", followers=52_300, niche="hiking")
    a = assess_fit(guide, profile, posts)
    partnerships = a.dimension("partnerships")
    assert partnerships.metrics["undisclosed_posts"] == 0 and "undisclosed_sponsorship" not in partnerships.signals
    assert not any("without #ad" in r.text for r in a.risks)
    assert partnerships.metrics["sponsored_posts"] == 2  # the two #ad posts, and only those
