"""Give the demo feeds' hand-written posts deterministic timestamps, metrics and URLs.

The hand-written parts of every ``feeds/<handle>.json`` (``id``, ``caption``, ``sponsored``) and the roster
(``platform``, ``followers``) are the source of truth. This script recomputes ``created_at``, ``likes``,
``comments``, ``shares``, ``views`` and ``url`` from a seeded random generator per post, so running it twice
gives byte-identical files, and editing one caption leaves the other posts' numbers alone.

    python -m assistant.demo_data.generate_metrics           # rewrite the feeds in place
    python -m assistant.demo_data.generate_metrics --check   # exit 1 if a committed feed is out of date

The numbers imitate what public profiles show: micro creators get (likes + comments) / followers of roughly
2-6%, X accounts less; Instagram hides share counts (``shares`` is null), only videos have ``views``, and a
creator who hides likes has ``likes: null``, never 0. ``glowgetter.gigi`` is built to look bought: posts at
exactly the same minute every six days, like spikes with no matching comments, and comments far below 1% of
likes.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

FEEDS_DIR = Path(__file__).resolve().parent / "feeds"
SEED = "assistant-demo-2026"
# The feeds end just before this date, so "the last six months" is meaningful in demos run around it.
FEED_END = datetime(2026, 10, 31, tzinfo=UTC)

FIELD_ORDER = ("id", "caption", "created_at", "likes", "comments", "shares", "views", "url", "sponsored")


@dataclass(frozen=True)
class Profile:
    """How one creator's audience behaves. Rates are medians; each post draws around them."""

    like_rate: float = 0.035  # likes / followers (Instagram, X)
    like_sigma: float = 0.3  # spread of the log-normal draw
    view_rate: float = 0.4  # views / followers (TikTok)
    view_sigma: float = 0.7
    likes_per_view: tuple[float, float] = (0.06, 0.11)  # TikTok
    comment_ratio: float = 0.04  # comments / likes
    comment_sigma: float = 0.35
    share_ratio: tuple[float, float] | None = None  # shares / likes; None: the platform hides shares
    video_share: float = 0.0  # share of non-obvious posts that are videos (Instagram)
    views_per_like: tuple[float, float] = (12.0, 25.0)  # Instagram reels
    span_days: int = 230  # first post to last post
    last_post_days_before_end: int = 2
    hours: tuple[int, ...] = (8, 12, 18, 19, 20)  # UTC hours this creator tends to post at
    growth: float = 0.1  # audience grew by this share over the span
    sponsored_factor: float = 0.8  # paid posts get a little less love
    hidden_likes: frozenset[str] = field(default_factory=frozenset)  # post ids with likes hidden
    # Bought engagement: a fixed schedule, random like spikes that comments don't follow.
    fixed_every_days: int | None = None
    fixed_hour: int = 15
    spike_rate: float = 0.0
    spike_multiplier: tuple[float, float] = (6.0, 12.0)


PROFILES: dict[str, Profile] = {
    "maya.makes": Profile(
        like_rate=0.038,
        comment_ratio=0.05,
        video_share=0.15,
        span_days=240,
        hours=(7, 8, 12, 19, 20),
        growth=0.12,
        hidden_likes=frozenset({"mm-007", "mm-013", "mm-018"}),
    ),
    "trailtom": Profile(
        like_rate=0.034,
        comment_ratio=0.035,
        video_share=0.05,
        span_days=250,
        hours=(6, 7, 18, 19, 20),
        growth=0.1,
    ),
    "summit.sam": Profile(
        view_rate=0.32,
        view_sigma=0.8,
        likes_per_view=(0.07, 0.12),
        comment_ratio=0.025,
        share_ratio=(0.02, 0.06),
        span_days=215,
        last_post_days_before_end=1,
        hours=(0, 1, 17, 21, 22, 23),
        growth=0.2,
    ),
    "dr.dewy": Profile(
        like_rate=0.034,
        comment_ratio=0.06,
        video_share=0.1,
        span_days=240,
        hours=(7, 8, 17, 18),
        growth=0.08,
    ),
    "glowgetter.gigi": Profile(
        like_rate=0.014,
        like_sigma=0.12,
        comment_ratio=0.004,
        comment_sigma=0.3,
        video_share=0.15,
        views_per_like=(1.5, 3.0),
        fixed_every_days=6,
        fixed_hour=15,
        growth=0.0,
        sponsored_factor=1.0,
        spike_rate=0.28,
    ),
    "centsible.sara": Profile(
        view_rate=0.55,
        view_sigma=0.7,
        likes_per_view=(0.06, 0.1),
        comment_ratio=0.045,
        share_ratio=(0.05, 0.12),
        span_days=230,
        hours=(17, 18, 19, 20, 21),
        growth=0.15,
    ),
    "hustle_hank": Profile(
        like_rate=0.006,
        like_sigma=0.6,
        comment_ratio=0.15,
        share_ratio=(0.1, 0.3),
        span_days=200,
        hours=(2, 9, 13, 14, 15, 16, 22),
        growth=0.05,
        sponsored_factor=1.0,
    ),
}

VIDEO_PLATFORMS = {"tiktok", "youtube"}
VIDEO_MARKERS = ("reel:", "pov:", "video")


def _rng(handle: str, post_id: str, purpose: str) -> random.Random:
    # String seeds are hashed with SHA-512 by `random`, so this is stable across runs and Python builds.
    return random.Random(f"{SEED}/{handle}/{post_id}/{purpose}")


def _lognormal(rng: random.Random, sigma: float) -> float:
    return math.exp(rng.gauss(0.0, sigma))


def _is_video(platform: str, caption: str, profile: Profile, rng: random.Random) -> bool:
    if platform in VIDEO_PLATFORMS:
        return True
    if platform != "instagram":
        return False
    text = caption.lower()
    return any(marker in text for marker in VIDEO_MARKERS) or rng.random() < profile.video_share


def _timestamps(handle: str, ids: list[str], profile: Profile) -> list[datetime]:
    """Posting times, oldest first, ending a day or two before FEED_END."""
    if profile.fixed_every_days:
        # Machine-regular: the same minute of the day, every N days, to the second.
        last = (FEED_END - timedelta(days=1)).replace(hour=profile.fixed_hour, minute=0, second=0)
        return [last - timedelta(days=profile.fixed_every_days * (len(ids) - 1 - i)) for i in range(len(ids))]
    gaps = [0.4 + _rng(handle, post_id, "gap").expovariate(1.0) for post_id in ids[1:]]
    scale = profile.span_days / sum(gaps) if gaps else 0.0
    last_day = FEED_END - timedelta(days=profile.last_post_days_before_end)
    days_before_last = [0.0] * len(ids)
    for i in range(len(ids) - 2, -1, -1):
        days_before_last[i] = days_before_last[i + 1] + gaps[i] * scale
    stamps = []
    for post_id, days in zip(ids, days_before_last, strict=True):
        rng = _rng(handle, post_id, "time")
        day = (last_day - timedelta(days=round(days))).replace(hour=0, minute=0, second=0, microsecond=0)
        stamps.append(
            day.replace(hour=rng.choice(profile.hours), minute=rng.randrange(60), second=rng.randrange(60))
        )
    # Rounding can put two posts on one day in the wrong order; keep the file chronological.
    for i in range(1, len(stamps)):
        if stamps[i] <= stamps[i - 1]:
            stamps[i] = stamps[i - 1] + timedelta(hours=3, minutes=_rng(handle, ids[i], "bump").randrange(60))
    return stamps


def _url(platform: str, handle: str, post_id: str, video: bool) -> str:
    slug = "DEMO-" + post_id.replace("-", "")
    if platform == "instagram":
        return f"https://www.instagram.com/{'reel' if video else 'p'}/{slug}/"
    if platform == "tiktok":
        return f"https://www.tiktok.com/@{handle}/video/{slug}"
    if platform == "x":
        return f"https://x.com/{handle}/status/{slug}"
    return f"https://example.com/{handle}/{slug}"


def _metrics(
    handle: str, platform: str, followers: int, post: dict, position: float, profile: Profile
) -> dict[str, int | bool | None]:
    """Likes, comments, shares and views for one post. `position` runs 0 (oldest) to 1 (newest)."""
    post_id, caption = post["id"], post["caption"]
    rng = _rng(handle, post_id, "metrics")
    video = _is_video(platform, caption, profile, _rng(handle, post_id, "video"))
    audience = followers * (1.0 - profile.growth * (1.0 - position))
    boost = profile.sponsored_factor if post.get("sponsored") else 1.0

    views: float | None = None
    if platform in VIDEO_PLATFORMS:
        views = audience * profile.view_rate * _lognormal(rng, profile.view_sigma) * boost
        likes = views * rng.uniform(*profile.likes_per_view)
    else:
        likes = audience * profile.like_rate * _lognormal(rng, profile.like_sigma) * boost
        if video:
            views = likes * rng.uniform(*profile.views_per_like)

    comments = likes * profile.comment_ratio * _lognormal(rng, profile.comment_sigma)
    text = caption.lower()
    if "giveaway" in text and "winner" not in text:
        comments *= 6  # "tag a friend" entries
    elif "?" in caption:
        comments *= 1.3
    if profile.spike_rate and rng.random() < profile.spike_rate:
        likes *= rng.uniform(*profile.spike_multiplier)  # bought likes: comments stay where they were
        if views is not None:
            views *= 1.2

    shares = likes * rng.uniform(*profile.share_ratio) if profile.share_ratio else None
    return {
        "likes": None if post_id in profile.hidden_likes else max(1, round(likes)),
        "comments": max(0, round(comments)),
        "shares": None if shares is None else max(0, round(shares)),
        "views": None if views is None else max(1, round(views)),
        "url": _url(platform, handle, post_id, video),
    }


def build_feed(entry: dict, posts: list[dict]) -> list[dict]:
    """The feed of one roster entry, with generated fields filled in and keys in the documented order."""
    handle, platform, followers = entry["handle"], entry["platform"], entry["followers"]
    profile = PROFILES[handle]
    ids = [post["id"] for post in posts]
    stamps = _timestamps(handle, ids, profile)
    feed = []
    for index, (post, stamp) in enumerate(zip(posts, stamps, strict=True)):
        position = index / (len(posts) - 1) if len(posts) > 1 else 1.0
        row = dict(post)
        row["created_at"] = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        row.update(_metrics(handle, platform, followers, post, position, profile))
        row.setdefault("sponsored", None)
        feed.append({key: row.get(key) for key in FIELD_ORDER})
    return feed


def render(feed: list[dict]) -> str:
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="don't write; exit 1 if a feed is out of date")
    args = parser.parse_args(argv)
    roster = json.loads((FEEDS_DIR / "roster.json").read_text(encoding="utf-8"))
    stale = []
    for entry in roster:
        path = FEEDS_DIR / entry["file"]
        current = path.read_text(encoding="utf-8")
        expected = render(build_feed(entry, json.loads(current)))
        if current != expected:
            stale.append(path.name)
            if not args.check:
                path.write_text(expected, encoding="utf-8")
    if args.check and stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
