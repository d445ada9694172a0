"""What drafting reads from a creator's feed: formats that work, and how they write."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from assistant.drafting.creator import format_stats, main_platform, post_format, register
from assistant.models import InfluencerProfile, Post

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def post(n: int, text: str, **metrics) -> Post:
    return Post(id=f"c-{n}", influencer="c", text=text, created_at=T0 + timedelta(days=n), platform="instagram", **metrics)


def test_format_from_cues_views_and_platform() -> None:
    assert post_format(post(1, "GIVEAWAY time: win my kit")) == "Giveaway"
    assert post_format(post(2, "New video up", views=5000)) == "Reel"
    assert post_format(post(3, "A quiet photo")) == "Post"
    tiktok = Post(id="c-4", influencer="c", text="hi", platform="tiktok", views=10)
    assert post_format(tiktok) == "Video"


def test_best_format_by_engagement_relative_to_the_feed() -> None:
    posts = [post(i, "photo of the day", likes=100, comments=5) for i in range(6)]
    posts += [post(10 + i, "trail clip", likes=400, comments=30, views=9000) for i in range(3)]
    stats = format_stats(posts)
    assert stats[0].format == "Reel" and stats[0].posts == 3
    assert stats[0].score > stats[1].score


def test_main_platform_is_where_they_post_most() -> None:
    posts = [post(i, "x") for i in range(3)] + [Post(id="c-t", influencer="c", text="y", platform="tiktok")]
    assert main_platform(posts) == "instagram"
    bare = [Post(id=f"c-{i}", influencer="c", text="z") for i in range(2)]
    assert main_platform(bare, InfluencerProfile(handle="c", platform="YouTube")) == "youtube"


def test_register_openers_emoji_person_and_case() -> None:
    texts = [
        "ok so the new tote is done 🧵 I love it",
        "ok so I tried waxed canvas 🧵",
        "ok so my sewing machine broke again 🧵",
        "finished a bag for my sister",
    ]
    reg = register([post(i, t, likes=10 + i) for i, t in enumerate(texts)])
    assert reg.opener.lower() == "ok so"
    assert reg.emoji == "🧵"
    assert reg.person == "first_person"
    assert reg.lowercase


def test_format_labels_are_not_openers() -> None:
    texts = ["Reel: pitching a tent", "Reel: boiling water", "Reel: packing light", "A walk"]
    reg = register([post(i, t) for i, t in enumerate(texts)])
    assert "reel" not in reg.opener.lower()
