"""Deliverables span more than one kind of piece, fitted to the creator: recurring posts, a lighter format
(on a second platform when they have one) and a giveaway, live session or community event suited to them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from assistant.drafting import draft_brief
from assistant.models import InfluencerProfile, Post
from tests.drafting.helpers import DEMO_BRANDS, creator, creators, demo_guide, inputs

GOALS = ("awareness", "engagement", "growth", "conversions")
# A piece that is not a feed post: an event, a giveaway, a live session.
DIFFERENT_KIND = ("giveaway", "live", "q&a", "hike", "workshop", "meetup", "session", "event", "cook-along")


def _brief(brand: str, handle: str, goal: str, **extra):
    profile, posts = creator(handle)
    return draft_brief(demo_guide(brand), profile, list(posts), None, inputs(goal, **extra))


@pytest.mark.parametrize("goal", GOALS)
@pytest.mark.parametrize(("brand", "handle"), [("northwind", "trailtom"), ("lumen", "dr.dewy"), ("brightbyte", "centsible.sara")])
def test_three_kinds_of_piece_with_a_reasonable_workload(brand: str, handle: str, goal: str) -> None:
    brief = _brief(brand, handle, goal)
    assert len(brief.deliverables) == 3 and len({d.format for d in brief.deliverables}) == 3
    assert any(word in brief.deliverables[-1].format.lower() for word in DIFFERENT_KIND), brief.deliverables[-1]
    pieces = sum(d.quantity for d in brief.deliverables)
    assert 4 <= pieces <= 8  # about one piece every week or two over 12 weeks, not a content farm
    assert brief.micromanagement is not None and brief.micromanagement.passed, brief.micromanagement


@pytest.mark.parametrize(
    ("handle", "event"),
    [("trailtom", "Group hike"), ("maya.makes", "Workshop"), ("dr.dewy", "Live Q&A"), ("centsible.sara", "Workshop")],
)
def test_the_community_event_fits_the_niche(handle: str, event: str) -> None:
    profile, posts = creator(handle)
    # No giveaway or live in this feed, so awareness goes to the event (maya's giveaways are dropped here).
    feed = [p for p in posts if "giveaway" not in p.text.lower()]
    brief = draft_brief(demo_guide("northwind"), profile, feed, None, inputs("awareness"))
    assert brief.deliverables[-1].format == event


def test_a_creator_who_runs_giveaways_gets_one_for_growth() -> None:
    brief = _brief("northwind", "maya.makes", "growth")
    assert brief.deliverables[-1].format == "Giveaway"
    assert "Northwind Outfitters' account" in brief.deliverables[-1].notes  # possessive of a name ending in s
    assert _brief("northwind", "trailtom", "growth").deliverables[-1].format == "Instagram Live"


def test_app_conversions_ask_before_they_sign_up() -> None:
    notes = _brief("brightbyte", "centsible.sara", "conversions").deliverables[-1].notes
    assert "before they sign up" in notes and "referral code" in notes


T0 = datetime(2026, 6, 1, tzinfo=timezone.utc)


def _post(n: int, platform: str, text: str, **metrics) -> Post:
    return Post(id=f"two-{n}", influencer="two", text=text, platform=platform, created_at=T0 + timedelta(days=n), **metrics)


def test_a_second_platform_gets_its_own_deliverable() -> None:
    posts = [_post(i, "instagram", f"Trail day {i} on the ridge, with the rain shell", likes=300, views=5000) for i in range(12)]
    posts += [_post(100 + i, "tiktok", f"Quick hiking tip {i}", likes=200, views=8000) for i in range(5)]
    profile = InfluencerProfile(handle="two", platform="instagram", followers=20000, niche="hiking")
    brief = draft_brief(demo_guide("northwind"), profile, posts, None, inputs("engagement"))
    channels = [d.channel for d in brief.deliverables]
    assert channels[0] == "Instagram" and "TikTok" in channels
    assert brief.micromanagement.passed


def test_a_few_stray_posts_elsewhere_are_not_a_second_platform() -> None:
    posts = [_post(i, "instagram", f"Trail day {i}", likes=300, views=5000) for i in range(20)]
    posts += [_post(100, "tiktok", "one test video", likes=10, views=100)]
    profile = InfluencerProfile(handle="two", platform="instagram", followers=20000, niche="hiking")
    brief = draft_brief(demo_guide("northwind"), profile, posts, None, inputs("engagement"))
    assert "TikTok" not in [d.channel for d in brief.deliverables]


def test_a_short_campaign_keeps_two_formats_and_no_extra() -> None:
    brief = _brief("northwind", "trailtom", "awareness", weeks=2)
    assert len(brief.deliverables) == 2 and len({d.format for d in brief.deliverables}) == 2


@pytest.mark.parametrize(("brand", "handle"), [(b, h) for b in DEMO_BRANDS for h in creators()])
def test_timeline_names_each_piece_without_repeating_its_platform(brand: str, handle: str) -> None:
    brief = _brief(brand, handle, "growth")
    for milestone in brief.timeline:
        assert "(In person" not in milestone.what
        assert "LIVE (TikTok)" not in milestone.what and "Live (Instagram)" not in milestone.what
