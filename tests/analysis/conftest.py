"""Small hand-made records for the analysis tests: a guide for a trail-gear brand and feed builders."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from assistant.ids import post_id
from assistant.models import GuideRule, GuideSection, InfluencerProfile, Post, VoiceGuide

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

GUIDE_TEXT = {
    "about": (
        "Ridgeline Gear makes hiking and camping gear: backpacks, tents, rain shells and trail running shoes. "
        "We write about hiking, backpacking, camping, trail running, gear repair and trail safety."
    ),
    "voice": "- **Calm**: we say what the gear does.\n- **Practical**: every sentence helps someone pack or decide.\n- **Quietly witty**: a dry line now and then.",
    "style": (
        "- We use contractions.\n- No exclamation marks in captions.\n- Emoji sparingly: one emoji at most.\n"
        "- Sentence case, never ALL CAPS.\n- Keep sentences short.\n- Hashtags: two at most."
    ),
    "words_use": "- trail-tested\n- water-resistant\n- repairable",
    "words_avoid": '- **waterproof** — say "water-resistant" instead\n- **epic**\n- **conquer**',
    "claims": (
        '- Never call a product "indestructible".\n'
        "- Never glamorise reckless behaviour: off-trail travel in storms, ignoring trail closures, riding without a helmet.\n"
        "- Never make medical claims.\n"
        '- Include "#ad" on every paid post.'
    ),
}


def make_guide(**overrides) -> VoiceGuide:
    """A guide shaped like the parser's output for a small outdoor brand."""
    brand = "ridgeline"
    heads = [
        ("about", ["About Ridgeline Gear"]),
        ("voice", ["Our voice"]),
        ("style", ["Style at a glance"]),
        ("words_use", ["Words we use"]),
        ("words_avoid", ["Words we avoid"]),
        ("claims", ["Claims and legal"]),
    ]
    sections = [
        GuideSection(id=f"{brand}#{key.replace('_', '-')}", heading_path=path, text=GUIDE_TEXT[key], line=1 + 5 * i)
        for i, (key, path) in enumerate(heads)
    ]
    claims_id = f"{brand}#claims"
    rules = [
        GuideRule(kind="hard_limit", text='Never call a product "indestructible".', section_id=claims_id),
        GuideRule(
            kind="hard_limit",
            text="Never glamorise reckless behaviour: off-trail travel in storms, ignoring trail closures, riding without a helmet.",
            section_id=claims_id,
        ),
        GuideRule(kind="hard_limit", text="Never make medical claims.", section_id=claims_id),
        GuideRule(kind="hard_limit", text='Include "#ad" on every paid post.', section_id=claims_id),
        GuideRule(kind="dont", text="No exclamation marks in captions.", section_id=f"{brand}#style"),
    ]
    data = dict(
        brand=brand,
        name="Ridgeline Gear",
        sections=sections,
        voice_attributes=["Calm", "Practical", "Quietly witty"],
        preferred_words=["trail-tested", "water-resistant", "repairable"],
        avoided_words=["waterproof", "epic", "conquer"],
        rules=rules,
        example_copy=[
            "The Ridge 40 weighs 1.1 kg and carries a week of food. It's water-resistant, so pack a liner for real rain.",
            "The forecast turned, so we turned too. We'll come back for the ridge on a clear day.",
        ],
        topics=["hiking", "backpacking", "camping", "trail running", "gear repair", "tents", "rain shells"],
        competitors=["Summitline", "Cairn & Co"],
        about=GUIDE_TEXT["about"],
    )
    data.update(overrides)
    return VoiceGuide(**data)


def make_posts(
    texts: list[str],
    *,
    handle: str = "creator",
    start: datetime = START,
    every: timedelta = timedelta(days=3, hours=5, minutes=17),
    likes: int | None = 1000,
    comments: int | None = 40,
    sponsored: bool | None = None,
) -> list[Post]:
    """Posts in date order, one every `every`, with the same metrics unless changed afterwards."""
    posts = []
    for i, text in enumerate(texts):
        when = start + i * every
        posts.append(
            Post(
                id=post_id(handle, text, when, source_id=f"{handle}-{i}"),
                influencer=handle,
                text=text,
                created_at=when,
                likes=likes,
                comments=comments,
                sponsored=sponsored,
            )
        )
    return posts


HIKER_POSTS = [
    "Twelve miles on the ridge trail today. Rain shell on, then off, then on again. The tent dried overnight.",
    "Resoled my hiking boots instead of buying new ones. The cobbler said they've got another thousand miles in them.",
    "Packing list for a two-night backpacking trip: tent, stove, quilt, rain shell, and too many snacks (as always).",
    "Trail running in the fog this morning. Slow pace, wet shoes, happy legs.",
    "Patched a hole in my rain shell with a repair kit. Ten minutes and a cup of tea.",
    "Camping at the lake. The stove took three tries and the coffee was worth all of them.",
    "The forecast turned, so we turned around before the summit. The ridge will still be there next week.",
    "Gear check before the hike: map, compass, headlamp, spare layers. Boring, and it's why we got home.",
    "Backpacking loop done: 38 miles, two tents, one very muddy trail and zero blisters.",
    "New trail running shoes after 600 miles on the old pair. The grip on wet rock is noticeably better.",
    "Wild camping rules where I hike: pitch late, leave early, leave no trace. The hillside shouldn't know we were there.",
    "Rainy hike today, and my shell kept the worst of it out. I'd still pack a dry bag for the camera.",
]

CRAFT_POSTS = [
    "New tote pattern is up: three sizes, lined, with an inside pocket for your keys.",
    "Sewing machine tip: change the needle more often than you think. Your seams will thank you.",
    "Scrap bin challenge day four: a patchwork pencil case from old denim.",
    "Fabric haul from the market: linen, canvas and a floral cotton I couldn't resist.",
    "Boxed corners in three steps. Cut, pinch, stitch. Bags stand up on their own after that.",
    "A quilted pouch for my knitting needles, made from a charity-shop curtain.",
    "Pattern weights are just heavy washers wrapped in fabric. Cheap and cheerful.",
    "Thread colours for autumn: rust, mustard and a deep green.",
    "My studio corner, finally organised: pegboard, labelled drawers and one very happy cat.",
    "Hemming jeans without losing the original hem: a tutorial for the impatient.",
    "Zip insertion made easy: tape, a zipper foot and patience.",
    "Made a cushion cover from a wool jumper that shrank in the wash.",
]


@pytest.fixture
def guide() -> VoiceGuide:
    return make_guide()


@pytest.fixture
def hiker() -> InfluencerProfile:
    return InfluencerProfile(handle="trail.ana", platform="instagram", followers=40_000, niche="hiking and camping")


@pytest.fixture
def crafter() -> InfluencerProfile:
    return InfluencerProfile(handle="stitch.sam", platform="instagram", followers=40_000, niche="sewing")
