"""Which of a creator's posts a draft should lean on: recent, on-topic for the brand, well engaged, safe.

Never a post the fit assessment flagged as a risk, never one that reads like instructions to a model, and
never one naming a competitor (sponsored by one or not).
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone
from functools import lru_cache

from assistant.drafting import text as tx
from assistant.drafting import wording
from assistant.drafting.creator import relative_engagement
from assistant.models import FitAssessment, Post, VoiceGuide


def risky_post_ids(assessment: FitAssessment | None) -> set[str]:
    """Post ids any risk of the assessment points at (all severities: a draft should never quote them)."""
    if assessment is None:
        return set()
    return {pid for risk in assessment.risks for pid in risk.post_ids}


@lru_cache(maxsize=1)
def _instruction_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in wording.get("selection", "instruction_patterns")), re.IGNORECASE)


def looks_like_instructions(post: Post) -> bool:
    """True for text aimed at a model rather than at followers (a second line of defence after analysis)."""
    return bool(_instruction_pattern().search(post.text))


def mentions_competitor(post: Post, guide: VoiceGuide) -> bool:
    """A post naming one of the brand's competitors. Sponsored or not, it is the wrong post to open a pitch with."""
    return bool(guide.competitors) and tx.mentions_any(post.text, guide.competitors)


def topic_stems(guide: VoiceGuide, extra: str = "") -> list[frozenset[str]]:
    """Stems of each brand topic (and of ``extra``, e.g. the campaign), for :func:`topic_relevance`."""
    stems = [s for s in (tx.content_stems(t) for t in guide.topics) if s]
    if extra and (campaign := tx.content_stems(extra)):
        stems.append(campaign)
    return stems


def topic_relevance(post: Post, topics: list[frozenset[str]]) -> float:
    """Share of the brand's topics the post touches, in [0, 1] (saturates at three topics)."""
    if not topics:
        return 0.0
    stems = tx.content_stems(post.text)
    hits = sum(1 for s in topics if s & stems)
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
    return rank_posts(eligible(posts, guide, assessment), guide, topic_hint=topic_hint, now=now)[:k]


def rank_posts(pool: list[Post], guide: VoiceGuide, *, topic_hint: str = "", now: datetime | None = None) -> list[Post]:
    """Posts already known to be safe, best first (see :func:`select_posts`)."""
    if not pool:
        return []
    topics = topic_stems(guide, topic_hint)
    sponsored_cues = wording.get("guide_cues", "paid_disclosure_words")
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
        relevance = topic_relevance(post, topics)
        recency = math.pow(0.5, age_days(post) / 90)
        engaged = min(engagement.get(post.id, 0.5), 3.0) / 3.0
        total = 0.45 * relevance + 0.25 * recency + 0.30 * engaged
        if post.sponsored or tx.mentions_any(post.text, sponsored_cues):
            total *= 0.6  # someone else's ad is a weak post to open a pitch with
        return relevance > 0, total

    scores = {p.id: score(p) for p in pool}
    return sorted(pool, key=lambda p: (scores[p.id], p.id), reverse=True)
