"""The hard-limits dimension: posts that would break the guide's don'ts and claims rules, and brand-safety flags.

One serious violation caps the overall score in the 'possible' band; a pattern (two or more posts) caps it in
the 'poor' band, whatever else is good (STAR-style vetoes).
"""

from __future__ import annotations

from assistant.analysis.feed import Cap, FeedItem, Measured, evidence
from assistant.analysis.safety import RiskHit, guide_matcher, scan
from assistant.analysis.wording import say
from assistant.models.fit import Dimension, Risk, VoiceRules

PATTERN_CAP = 35
SINGLE_CAP = 64
MEDIUM_PATTERN_CAP = 59
HABIT_SHARE = 0.25
MEDIUM_SHARE_POOR = 0.4  # brand-safety problems in 40% of the feed: poor, like a hard-limit pattern


def _describe(hit: RiskHit) -> str:
    if hit.rule is not None:
        return say("hard_limit.with_rule", label=hit.label, rule=hit.rule.text.strip().rstrip("."))
    return hit.label


def measure_hard_limits(items: list[FeedItem], rules: VoiceRules) -> Measured:
    if not items:
        return Measured(Dimension(name="hard_limits", score=None, reason=say("reason.hard_limits.unknown")))
    serious: list[tuple[FeedItem, RiskHit]] = []
    medium: list[tuple[FeedItem, RiskHit]] = []
    low: list[tuple[FeedItem, RiskHit]] = []
    categories: dict[str, int] = {}
    negated_total = 0
    matcher = guide_matcher(rules)
    scanned = [(it, *scan(it.doc, rules, matcher)) for it in items]
    profane = sum(1 for _, hits, _ in scanned if any(h.category == "profanity" for h in hits))
    habitual = profane >= max(3, HABIT_SHARE * len(items))
    for it, hits, negated in scanned:
        negated_total += negated
        if habitual:
            # Swearing in a post now and then is a voice question; swearing in a quarter of the feed is a
            # brand-safety one.
            hits = [RiskHit(h.category, h.label, "medium", h.start, h.end, h.rule, h.source)
                    if h.category == "profanity" and h.severity == "low" else h for h in hits]  # fmt: skip
        if not hits:
            continue
        for h in hits:
            categories[h.category] = categories.get(h.category, 0) + 1
        top = max(hits, key=lambda h: (h.serious, {"high": 3, "medium": 2, "low": 1}[h.severity]))
        if top.serious:
            serious.append((it, top))
        elif top.severity in ("high", "medium"):
            medium.append((it, top))
        else:
            low.append((it, top))
    penalty = 0
    if serious:
        penalty += 40 + 25 * (len(serious) - 1)
    penalty += min(45, 12 * len(medium))
    penalty += min(15, 4 * len(low))
    score = max(0, 100 - penalty)
    n = len(items)
    signals = sorted(categories)
    risks: list[Risk] = []
    caps: list[Cap] = []
    for group, severity in ((serious, "high"), (medium, "medium")):
        by_label: dict[str, list[str]] = {}
        for it, h in group:
            by_label.setdefault(_describe(h), []).append(it.post.id)
        for label, ids in by_label.items():
            risks.append(Risk(severity=severity, text=say("risk.hard_limit", what=label, n=len(ids)), post_ids=ids))  # type: ignore[arg-type]
    if len(serious) >= 2:
        factor = 0.55 * 0.85 ** min(6, len(serious) - 2)
        caps.append(Cap(PATTERN_CAP, say("cap.hard_limit_pattern", n=len(serious)), factor))
    elif len(serious) == 1:
        caps.append(Cap(SINGLE_CAP, say("cap.hard_limit_single")))
    if len(medium) >= max(3, MEDIUM_SHARE_POOR * n):
        caps.append(Cap(PATTERN_CAP, say("cap.medium_pattern", n=len(medium)), 0.6))
    elif len(medium) >= max(3, 0.15 * n):
        caps.append(Cap(MEDIUM_PATTERN_CAP, say("cap.medium_pattern", n=len(medium))))
    ev = [evidence(it, h.start, h.end) for it, h in (serious + medium + low)[:4]]
    if not (serious or medium or low):
        reason = say("reason.hard_limits.clean", n=n)
        if negated_total:
            reason += " " + say("reason.hard_limits.negated", negated=negated_total)
        strengths = [say("strength.hard_limits", n=n)]
    else:
        worst = (serious or medium or low)[0][1]
        reason = say(
            "reason.hard_limits.scored",
            serious=len(serious),
            medium=len(medium),
            low=len(low),
            n=n,
            example=_describe(worst),
        )
        strengths = []
    dim = Dimension(
        name="hard_limits",
        score=score,
        reason=reason,
        evidence=ev,
        signals=signals,
        metrics={
            "serious_posts": len(serious),
            "medium_posts": len(medium),
            "low_posts": len(low),
            "negated_matches": negated_total,
            "posts_scanned": n,
        },
    )
    return Measured(dim, risks=risks, strengths=strengths, caps=caps)
