"""Authenticity signals: engagement that doesn't fit the follower count, spikes on a flat baseline, very few
comments per like, machine-regular posting times, and posts that try to instruct an AI reviewer.

Each signal is a reason to look closer, not proof: the reason says which fired and never claims certainty.
"""

from __future__ import annotations

from collections import Counter
from statistics import mean, median, pstdev

from assistant.analysis.engagement import TYPICAL_ER, benchmark, platform_of
from assistant.analysis.feed import Cap, FeedItem, Measured, evidence
from assistant.analysis.wording import say
from assistant.models.fit import Dimension, Evidence, Risk

PENALTY = {
    "engagement_far_above_tier": 20,
    "engagement_far_below_tier": 25,
    "engagement_spikes": 15,
    "low_comment_ratio": 20,
    "machine_regular_posting": 12,
    "prompt_injection": 25,
}
BASE = 95
FAR_ABOVE = 2.5  # median ER / tier benchmark: more than this doesn't fit the follower count
FAR_BELOW = 0.2
LOW_COMMENTS = 0.01  # under one comment per 100 likes (healthy feeds run 2-5)
# Vetoes (STAR-style): two or more fraud signals put the creator in the poor band until audience quality is
# verified; one signal keeps them out of the strong band. A caption that tries to instruct an AI reviewer is
# an attempt to game the vetting itself.
FRAUD_CAP = 35
ONE_SIGNAL_CAP = 69
INJECTION_CAP = 39


def _spikes(items: list[FeedItem], rates: list[float | None]) -> tuple[list[int], float | None]:
    """Posts whose ER is >= 4x the median, kept when the rest of the feed is flat (coefficient of variation
    < 0.35) or when the spike's comments didn't rise with its likes (bought likes look like that)."""
    known = [(r, i) for i, r in enumerate(rates) if r is not None]
    if len(known) < 6:
        return [], None
    med = median(r for r, _ in known)
    if med <= 0:
        return [], None
    peaks = [i for r, i in known if r >= 4 * med]
    if not peaks or len(peaks) > 0.4 * len(known):
        return [], None
    peak_set = set(peaks)  # membership per post: a list here made the scan quadratic in the feed
    base = [r for r, i in known if i not in peak_set]
    cv = pstdev(base) / mean(base) if mean(base) > 0 else 0.0
    base_ratio = _comment_ratio([items[i] for _, i in known if i not in peak_set])
    suspicious = []
    for i in peaks:
        ratio = _comment_ratio([items[i]])
        starved = base_ratio is not None and ratio is not None and ratio < 0.4 * base_ratio
        if cv < 0.35 or starved:
            suspicious.append(i)
    return suspicious, cv


def _comment_ratio(items: list[FeedItem]) -> float | None:
    pairs = [(i.post.comments, i.post.likes) for i in items if i.post.comments is not None and i.post.likes]
    if not pairs:
        return None
    return median(c / lk for c, lk in pairs)  # type: ignore[operator]


def _machine_regular(items: list[FeedItem]) -> tuple[bool, float | None]:
    """Posting at the same minute of the day again and again. Date-only timestamps (all midnight) are ignored."""
    times = [i.when for i in items if i.when is not None]
    if len(times) < 8:
        return False, None
    minutes = [t.hour * 60 + t.minute for t in times]
    if all(m == 0 and t.second == 0 for m, t in zip(minutes, times)):
        return False, None
    share = Counter(minutes).most_common(1)[0][1] / len(minutes)
    return share >= 0.6, share


def measure_authenticity(
    items: list[FeedItem],
    rates: list[float | None],
    followers: int | None,
    tier: str | None,
    injections: list[tuple[FeedItem, int, int]],
    platform: str | None = None,
) -> Measured:
    signals: list[str] = []
    ev: list[Evidence] = []
    risks: list[Risk] = []
    metrics: dict[str, float | int | str | None] = {}
    checks = 0
    known = [r for r in rates if r is not None]
    if followers and tier and len(known) >= 3:
        checks += 1
        er = median(known)
        ratio = er / (benchmark(tier, platform_of(items, platform)) or TYPICAL_ER[tier])
        metrics["engagement_vs_tier"] = round(ratio, 3)
        if ratio >= FAR_ABOVE and followers >= 1000:
            signals.append("engagement_far_above_tier")
        elif ratio <= FAR_BELOW and followers >= 5000:
            signals.append("engagement_far_below_tier")
    if len(known) >= 6:
        checks += 1
        peaks, cv = _spikes(items, rates)
        metrics["baseline_variation"] = None if cv is None else round(cv, 3)
        metrics["spikes"] = len(peaks)
        if peaks:
            signals.append("engagement_spikes")
            ev.extend(evidence(items[i]) for i in peaks[:2])
    ratio_c = _comment_ratio(items)
    likes = [i.post.likes for i in items if i.post.likes is not None]
    if ratio_c is not None and likes:
        checks += 1
        metrics["comments_per_100_likes"] = round(ratio_c * 100, 2)
        if ratio_c < LOW_COMMENTS and median(likes) >= 50:
            signals.append("low_comment_ratio")
    regular, share = _machine_regular(items)
    if share is not None:
        checks += 1
        metrics["same_minute_share"] = round(share, 3)
        if regular:
            signals.append("machine_regular_posting")
    if injections:
        signals.append("prompt_injection")
        metrics["prompt_injection_posts"] = len(injections)
        for item, s, e in injections[:2]:
            ev.append(evidence(item, s, e))
        risks.append(
            Risk(severity="medium", text=say("risk.prompt_injection", n=len(injections)), post_ids=[i.post.id for i, _, _ in injections])
        )
    if checks < 2 and not signals:
        dim = Dimension(name="authenticity", score=None, reason=say("reason.authenticity.unknown"), metrics=metrics)
        return Measured(dim, risks=risks)
    penalty = sum(PENALTY[s] for s in signals)
    score = max(5, BASE - penalty)
    fired = [say(f"signal.{s}") for s in signals if s != "prompt_injection"]
    if fired:
        risks.append(Risk(severity="medium" if len(fired) >= 2 else "low", text=say("risk.authenticity", signals=", ".join(fired))))
    if signals:
        reason = say("reason.authenticity.signals", signals=", ".join(say(f"signal.{s}") for s in signals))
    else:
        reason = say("reason.authenticity.clean", checks=checks)
    caps = []
    fraud = [s for s in signals if s != "prompt_injection"]
    if len(fraud) >= 2:
        caps.append(Cap(FRAUD_CAP, say("cap.authenticity", n=len(fraud)), 0.55 * 0.85 ** (len(fraud) - 2)))
    elif fraud:
        caps.append(Cap(ONE_SIGNAL_CAP, say("cap.authenticity_one")))
    if injections:
        caps.append(Cap(INJECTION_CAP, say("cap.prompt_injection"), 0.6))
    strengths = [say("strength.authenticity")] if not signals and checks >= 3 else []
    dim = Dimension(name="authenticity", score=score, reason=reason, evidence=ev, signals=signals, metrics=metrics)
    return Measured(dim, risks=risks, strengths=strengths, caps=caps)
