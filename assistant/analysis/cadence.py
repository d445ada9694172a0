"""Cadence: posts per week, the longest gap, how regular the rhythm is, and how recently the creator posted."""

from __future__ import annotations

from datetime import datetime
from statistics import mean, pstdev

from assistant.analysis.feed import Cap, FeedItem, Measured
from assistant.analysis.wording import say
from assistant.models.fit import Dimension, Risk

MIN_DATED = 8
SILENCE_DAYS = 60
BURSTY_CAP = 72


def _rate_score(per_week: float) -> float:
    # A steady weekly post is healthy for a micro creator; several a week is better; more than two a day is
    # volume over care.
    points = [(0.0, 10.0), (0.25, 35.0), (0.5, 55.0), (1.0, 75.0), (2.0, 85.0), (3.0, 90.0), (7.0, 92.0), (14.0, 80.0)]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if per_week <= x1:
            return y0 + (y1 - y0) * (per_week - x0) / (x1 - x0)
    return 70.0  # more than twice a day: volume over care


def measure_cadence(items: list[FeedItem], now: datetime | None) -> Measured:
    times = sorted(i.when for i in items if i.when is not None)
    if len(times) < MIN_DATED:
        dim = Dimension(name="cadence", score=None, reason=say("reason.cadence.unknown"), metrics={"dated_posts": len(times)})
        return Measured(dim)
    span_days = max((times[-1] - times[0]).total_seconds() / 86400, 1.0)
    per_week = (len(times) - 1) / span_days * 7
    gaps = [(b - a).total_seconds() / 86400 for a, b in zip(times, times[1:])]
    max_gap = max(gaps)
    cv = pstdev(gaps) / mean(gaps) if mean(gaps) > 0 else 0.0
    score = _rate_score(per_week)
    signals: list[str] = []
    risks: list[Risk] = []
    if cv > 1.5:
        score -= 8
        signals.append("irregular_posting")
    if max_gap > 45 and max_gap > 6 * mean(gaps):
        score -= 8
        signals.append("long_gap")
    since_last = None
    if now is not None:
        ref = now if now.tzinfo else now.replace(tzinfo=times[-1].tzinfo)
        since_last = (ref - times[-1]).total_seconds() / 86400
        if since_last > 60:
            score -= 20
            signals.append("inactive")
            risks.append(Risk(severity="low", text=say("risk.inactive", days=round(since_last))))
    caps = []
    if max_gap >= SILENCE_DAYS and cv > 1.5:
        # Bursts and long silences: deliverables and reach are hard to plan, so not an always-on strong fit.
        caps.append(Cap(BURSTY_CAP, say("cap.bursty", days=round(max_gap))))
        risks.append(Risk(severity="low", text=say("risk.bursty", days=round(max_gap))))
    score = int(round(max(0.0, min(100.0, score))))
    strengths = [say("strength.cadence", per_week=f"{per_week:.1f}")] if score >= 80 else []
    dim = Dimension(
        name="cadence",
        score=score,
        reason=say("reason.cadence.scored", per_week=f"{per_week:.1f}", max_gap=round(max_gap),
                   rhythm=say("rhythm.irregular") if cv > 1.0 else say("rhythm.steady")),  # fmt: skip
        signals=signals,
        metrics={
            "posts_per_week": round(per_week, 2),
            "longest_gap_days": round(max_gap, 1),
            "gap_variation": round(cv, 3),
            "days_since_last_post": None if since_last is None else round(since_last, 1),
            "dated_posts": len(times),
        },
    )
    return Measured(dim, risks=risks, strengths=strengths, caps=caps)
