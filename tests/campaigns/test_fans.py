"""Fans: the demo data's organic brand mentions are found; paid, gifted, affiliate, mocking and rival posts
are not."""

from __future__ import annotations

import json

from assistant.resources import demo_feeds_dir
from tests.brain.helpers import add_creator


def demo_posts_mentioning(handle: str, word: str) -> list[dict]:
    feed = json.loads((demo_feeds_dir() / f"{handle}.json").read_text(encoding="utf-8"))
    return [p for p in feed if word.lower() in p["caption"].lower()]


def test_finds_the_organic_mentions_in_the_demo_data(offline_services) -> None:
    fans = offline_services.fans("northwind")
    assert [f.influencer for f in fans.fans] == ["trailtom"]
    # Every trailtom post naming Northwind is unprompted in the demo data (see demo_data/feeds/README.md).
    expected = {p["url"] for p in demo_posts_mentioning("trailtom", "northwind")}
    assert len(expected) >= 4
    assert {p.url for p in fans.fans[0].posts} == expected
    assert fans.excluded == {"rival": 1}  # summit.sam: "Northwind? never heard of her 😂 Summitline or nothing!!!"

    bright = offline_services.fans("brightbyte")
    assert [f.influencer for f in bright.fans] == ["centsible.sara"]
    assert "split rent" in bright.fans[0].posts[0].quote
    assert bright.excluded == {"negative": 1}  # hustle_hank mocks it
    assert offline_services.fans("lumen").fans == []


def test_no_sponsored_gifted_or_affiliate_mentions(offline_services) -> None:
    add_creator(offline_services, "paid.pia", [
        "#ad Paid partnership with Northwind Outfitters. Their Ridge 40 came on my last three trips and I love it.",
        "Northwind sent me their new rain shell to test, thank you! Loving it so far.",
        "Use code PIA15 for 15% off everything at Northwind, link in bio. Great packs.",
        "Affiliate link in bio: the Northwind daypack I use every weekend.",
        "Coffee, a long walk and a notebook. That's my Sunday.",
    ], niche="outdoor lifestyle")
    fans = offline_services.fans("northwind")
    assert "paid.pia" not in {f.influencer for f in fans.fans}
    assert fans.excluded.get("sponsored", 0) == 4
    assert [f.influencer for f in fans.fans] == ["trailtom"]


def test_a_product_name_counts_as_a_mention(offline_services) -> None:
    add_creator(offline_services, "quiet.quinn", ["Two years on my Ridge 40 and the only thing I've fixed is a buckle. Brilliant pack."])
    fans = offline_services.fans("northwind", products=["Ridge 40"])
    assert "quiet.quinn" in {f.influencer for f in fans.fans}
    assert "quiet.quinn" not in {f.influencer for f in offline_services.fans("northwind").fans}
