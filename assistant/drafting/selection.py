"""Which of a creator's posts a draft should lean on: recent, on-topic for the brand, well engaged, safe.

Never a post the fit assessment flagged as a risk, never one that reads like instructions to a model, and
never one naming a competitor (sponsored by one or not).
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone

from assistant.drafting import text as tx
from assistant.drafting import wording
from assistant.drafting.creator import relative_engagement
from assistant.models import FitAssessment, Post, VoiceGuide


def risky_post_ids(assessment: FitAssessment | None) -> set[str]:
    """Post ids any risk of the assessment points at (all severities: a draft should never quote them)."""
    if assessment is None:
        return set()
    return {pid for risk in assessment.risks for pid in risk.post_ids}


def looks_like_instructions(post: Post) -> bool:
    """True for text aimed at a model rather than at followers (a second line of defence after analysis)."""
    patterns = wording.get("selection", "instruction_patterns")
    return any(re.search(p, post.text, re.IGNORECASE) for p in patterns)


def mentions_competitor(post: Post, guide: VoiceGuide) -> bool:
    """A post naming one of the brand's competitors. Sponsored or not, it is the wrong post to open a pitch with."""
    return bool(guide.competitors) and tx.mentions_any(post.text, guide.competitors)


def topic_relevance(post: Post, guide: VoiceGuide, extra: str = "") -> float:
    """Share of the brand's topic stems the post touches, in [0, 1] (saturates at three topics)."""
    topic_stems = [tx.content_stems(t) for t in guide.topics]
    topic_stems = [s for s in topic_stems if s]
    if extra:
        topic_stems.append(tx.content_stems(extra))
    if not topic_stems:
        return 0.0
    stems = tx.content_stems(post.text)
    hits = sum(1 for s in topic_stems if s & stems)
    return min(1.0, hits / 3)


def eligible(posts: list[Post], guide: VoiceGuide, assessment: FitAssessment | None) -> list[Post]:
    """Posts a draft may cite or quote."""
    risky = risky_post_ids(assessment)
    return [
        p
        for p in posts
        if p.id not in risky and p.text.strip() and not looks_like_instructions(p) and not mentions_competitor(p, guide)
    ]


def select_posts(
    posts: list[Post],
    guide: VoiceGuide,
    assessment: FitAssessment | None,
    k: int,
    *,
    topic_hint: str = "",
    now: datetime | None = None,
) -> list[Post]:
    """The ``k`` best posts to cite: weighted recency, on-topic-ness and engagement; safe posts only.

    Recency halves every 90 days from the newest post (so an old export isn't all "stale"); engagement is
    relative to the creator's own median; topic is overlap with the guide's topics (and ``topic_hint``).
    On-topic posts always rank above off-topic ones when there are any.
    """
    if k <= 0:
        return []
    pool = eligible(posts, guide, assessment)
    if not pool:
        return []
    engagement = relative_engagement(pool)
    dated = [p.created_at for p in pool if p.created_at is not None]
    newest = now or (max(dated) if dated else datetime.now(timezone.utc))

    def age_days(post: Post) -> float:
        if post.created_at is None:
            return 365.0
        created = post.created_at if post.created_at.tzinfo else post.created_at.replace(tzinfo=timezone.utc)
        reference = newest if newest.tzinfo else newest.replace(tzinfo=timezone.utc)
        return max(0.0, (reference - created).total_seconds() / 86400)

    def score(post: Post) -> tuple[bool, float]:
        relevance = topic_relevance(post, guide, topic_hint)
        recency = math.pow(0.5, age_days(post) / 90)
        engaged = min(engagement.get(post.id, 0.5), 3.0) / 3.0
        return relevance > 0, 0.45 * relevance + 0.25 * recency + 0.30 * engaged

    ranked = sorted(pool, key=lambda p: (score(p), p.id), reverse=True)
    return ranked[:k]
