"""Engagement: the median engagement rate with its formula named, against a benchmark for the follower tier,
and its trend over time. Missing metrics give an unknown score, never an invented number."""

from __future__ import annotations

from statistics import median

from assistant.analysis.feed import FeedItem, Measured, evidence
from assistant.analysis.wording import say
from assistant.models.fit import Dimension, EngagementPoint, FollowerTier, Risk

# Follower tiers (Later x Fohr) and the typical median (likes + comments) / followers on Instagram-like feeds,
# a middle reading of the published benchmarks (see shared notes: sources disagree 2-3x by formula).
TIERS: list[tuple[FollowerTier, int]] = [("nano", 10_000), ("micro", 100_000), ("mid", 500_000), ("macro", 1_000_000), ("mega", 10**12)]
TYPICAL_ER: dict[str, float] = {"nano": 0.04, "micro": 0.025, "mid": 0.018, "macro": 0.013, "mega": 0.01}
TYPICAL_VIEW_ER = 0.05  # (likes + comments) / views for short video
# Platforms differ: TikTok audiences like more per follower, YouTube subscribers and X followers far less.
PLATFORM_FACTOR: dict[str, float] = {"tiktok": 1.4, "youtube": 0.7, "x": 0.5, "twitter": 0.5}


def platform_of(items: list[FeedItem], platform: str | None) -> str | None:
    """The profile's platform, else the one most of the posts name."""
    if platform:
        return platform.strip().lower()
    named = [i.post.platform.strip().lower() for i in items if i.post.platform]
    return max(set(named), key=named.count) if named else None


def benchmark(tier: str | None, platform: str | None) -> float | None:
    """Typical median (likes + comments) / followers for this tier on this platform."""
    if tier is None:
        return None
    return TYPICAL_ER[tier] * PLATFORM_FACTOR.get(platform or "", 1.0)
# ER / typical -> score, piecewise linear. Above 3x the score stops rising: authenticity looks at that.
_CURVE = [(0.0, 5.0), (0.25, 15.0), (0.5, 35.0), (0.75, 52.0), (1.0, 65.0), (1.5, 80.0), (2.0, 88.0), (3.0, 92.0)]
MIN_POSTS = 8  # fewer posts with metrics than this: engagement unknown (Traackr needs 10 in 12 months)


def tier_of(followers: int | None) -> FollowerTier | None:
    if followers is None:
        return None
    # Past the last bound is still the top tier (ingest caps counts, but a stored profile may predate that).
    return next((name for name, upper in TIERS if followers < upper), TIERS[-1][0])


def _curve(ratio: float) -> float:
    for (x0, y0), (x1, y1) in zip(_CURVE, _CURVE[1:]):
        if ratio <= x1:
            return y0 + (y1 - y0) * (ratio - x0) / (x1 - x0)
    return _CURVE[-1][1]


def interactions(item: FeedItem) -> int | None:
    """likes + comments of a post; None when likes are hidden (comments alone would understate it)."""
    p = item.post
    if p.likes is None:
        return None
    return p.likes + (p.comments or 0)


def post_rates(items: list[FeedItem], followers: int | None) -> tuple[list[float | None], str | None]:
    """Per-post engagement rate and the basis used ('followers' or 'views'), or None if neither is known."""
    if followers:
        return [None if (n := interactions(i)) is None else n / followers for i in items], "followers"
    rates: list[float | None] = []
    for i in items:
        n = interactions(i)
        rates.append(n / i.post.views if n is not None and i.post.views else None)
    if sum(r is not None for r in rates) >= MIN_POSTS:
        return rates, "views"
    return [None] * len(items), None


def chronological(items: list[FeedItem]) -> list[int]:
    """Indices of items, oldest first; undated posts keep their input order after the dated ones."""
    dated = sorted((i for i, it in enumerate(items) if it.when is not None), key=lambda i: items[i].when)  # type: ignore[arg-type,return-value]
    return dated + [i for i, it in enumerate(items) if it.when is None]


def series(items: list[FeedItem], rates: list[float | None]) -> list[EngagementPoint]:
    return [
        EngagementPoint(
            post_id=items[i].post.id,
            created_at=items[i].post.created_at,
            engagement_rate=None if rates[i] is None else round(rates[i], 5),
        )
        for i in chronological(items)
    ]


def trend(items: list[FeedItem], rates: list[float | None]) -> float | None:
    """Median ER of the newest third over the oldest third, minus 1 (dated posts only)."""
    order = [i for i in chronological(items) if items[i].when is not None and rates[i] is not None]
    if len(order) < 6:
        return None
    k = len(order) // 3
    early = median(rates[i] for i in order[:k])  # type: ignore[misc]
    late = median(rates[i] for i in order[-k:])  # type: ignore[misc]
    if early <= 0:
        return None
    return late / early - 1


def measure_engagement(
    items: list[FeedItem], followers: int | None, platform: str | None = None
) -> tuple[Measured, list[float | None]]:
    tier = tier_of(followers)
    rates, basis = post_rates(items, followers)
    known = [r for r in rates if r is not None]
    if basis is None or len(known) < MIN_POSTS:
        why = "no_followers" if not followers else "no_likes"
        dim = Dimension(
            name="engagement",
            score=None,
            reason=say(f"reason.engagement.unknown_{why}"),
            signals=["engagement_unknown"],
            metrics={"posts_with_metrics": len(known), "followers": followers, "formula": None},
        )
        return Measured(dim), rates
    er = median(known)
    platform = platform_of(items, platform)
    typical = (benchmark(tier, platform) or TYPICAL_VIEW_ER) if basis == "followers" else TYPICAL_VIEW_ER
    comments_missing = sum(1 for i in items if i.post.likes is not None and i.post.comments is None)
    formula = say(f"formula.{basis}")
    if comments_missing:
        formula += " " + say("formula.comments_missing", n=comments_missing)
    ratio = er / typical
    score = _curve(ratio)
    signals: list[str] = []
    risks: list[Risk] = []
    strengths: list[str] = []
    t = trend(items, rates)
    if t is not None and t <= -0.3:
        signals.append("engagement_declining")
        score -= 6
        risks.append(Risk(severity="low", text=say("risk.engagement_declining", pct=round(-t * 100))))
    elif t is not None and t >= 0.3:
        signals.append("engagement_rising")
        score += 4
    score = int(round(max(0.0, min(100.0, score))))
    bench = (f"{tier} {platform}" if platform else tier) if basis == "followers" else "short-video"
    if ratio >= 1.2:
        signals.append("engagement_above_benchmark")
        strengths.append(say("strength.engagement", er=_pct(er), typical=_pct(typical), tier=bench))
    elif ratio < 0.6:
        signals.append("engagement_below_benchmark")
    ranked = sorted((r, i) for i, r in enumerate(rates) if r is not None)
    ev = [evidence(items[ranked[-1][1]])]
    if len(ranked) > 1:
        ev.append(evidence(items[ranked[0][1]]))
    dim = Dimension(
        name="engagement",
        score=score,
        reason=say("reason.engagement.scored", er=_pct(er), typical=_pct(typical), tier=bench, formula=formula,
                   trend=_trend_words(t)),  # fmt: skip
        evidence=ev,
        signals=signals,
        metrics={
            "engagement_rate": round(er, 5),
            "formula": formula,
            "basis": basis,
            "benchmark": typical,
            "benchmark_tier": bench,
            "ratio_to_benchmark": round(ratio, 3),
            "trend": None if t is None else round(t, 3),
            "posts_with_metrics": len(known),
            "followers": followers,
        },
    )
    return Measured(dim, risks=risks, strengths=strengths), rates


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%" if x < 0.1 else f"{x * 100:.0f}%"


def _trend_words(t: float | None) -> str:
    if t is None:
        return say("trend.unknown")
    if t <= -0.3:
        return say("trend.down", pct=round(-t * 100))
    if t >= 0.3:
        return say("trend.up", pct=round(t * 100))
    return say("trend.flat")
