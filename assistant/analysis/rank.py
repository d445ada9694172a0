"""Shortlists: every creator assessed against one brand, best first."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from assistant.analysis.feed import utc
from assistant.analysis.fit import assess_with_rules
from assistant.analysis.voice_rules import voice_profile
from assistant.models.fit import FitAssessment, RankedCreator
from assistant.models.records import InfluencerProfile, Post, VoiceGuide


def _order_key(a: FitAssessment) -> tuple:
    topic = a.dimension("topic")
    return (-a.score, -(a.raw_score or 0), -((topic.score if topic else None) or 0), a.influencer)


def assess_many(
    guide: VoiceGuide,
    creators: Iterable[tuple[InfluencerProfile, list[Post]]],
    *,
    now: datetime | None = None,
) -> list[FitAssessment]:
    """Assess every creator for one brand, best first. The guide is turned into rules once.

    Without `now`, recency is judged against the newest post in the whole shortlist, so a creator who stopped
    posting months before the others shows up as inactive while the result stays reproducible.
    """
    rules = voice_profile(guide)
    pool = [(profile, list(posts)) for profile, posts in creators]
    if now is None:
        stamps = [utc(p.created_at) for _, posts in pool for p in posts if p.created_at is not None]
        now = max(stamps) if stamps else None  # type: ignore[type-var]
    assessments, _ = _assess_each(rules, pool, now)
    return assessments


def _assess_each(
    rules: object, pool: list[tuple[InfluencerProfile, list[Post]]], now: datetime | None
) -> tuple[list[FitAssessment], list[tuple[str, str]]]:
    """Assessments best first, and (handle, error) for each creator whose data stopped the assessment.

    One creator's bad data must never stop a shortlist, so any error is caught per creator and reported.
    """
    assessments, failed = [], []
    for profile, posts in pool:
        try:
            assessments.append(assess_with_rules(rules, profile, posts, now=now))  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - reported on the creator's row, the others go on
            failed.append((profile.handle, f"couldn't be assessed ({type(exc).__name__}: {str(exc)[:200]})"))
    return sorted(assessments, key=_order_key), failed


def to_ranked(assessments: list[FitAssessment]) -> list[RankedCreator]:
    rows = []
    for n, a in enumerate(assessments, start=1):
        if a.verdict == "poor" and (a.caps or a.risks):
            top = a.caps[0] if a.caps else a.risks[0].text
        elif a.strengths:
            top = a.strengths[0]
        elif a.risks:
            top = a.risks[0].text
        else:
            top = a.summary
        rows.append(
            RankedCreator(
                influencer=a.influencer,
                score=a.score,
                verdict=a.verdict,
                followers=a.followers,
                posts=a.posts_analysed,
                top_reason=top,
                rank=n,
                tier=a.tier,
                dimension_scores={d.name: d.score for d in a.dimensions},
            )
        )
    return rows


def rank_creators(
    guide: VoiceGuide,
    creators: Iterable[tuple[InfluencerProfile, list[Post]]],
    *,
    top: int | None = None,
    now: datetime | None = None,
    failed: Iterable[tuple[str, str]] = (),
) -> list[RankedCreator]:
    """Every creator assessed for the brand, best first (the first `top` when given).

    Creators that couldn't be assessed (``failed``: (handle, why), plus any whose assessment raised) follow the
    ranked rows with ``error`` set and rank 0, so one creator's bad data is reported and never stops the list.
    """
    rules = voice_profile(guide)
    pool = [(profile, list(posts)) for profile, posts in creators]
    if now is None:
        stamps = [utc(p.created_at) for _, posts in pool for p in posts if p.created_at is not None]
        now = max(stamps) if stamps else None  # type: ignore[type-var]
    assessments, errors = _assess_each(rules, pool, now)
    ranked = to_ranked(assessments)
    ranked = ranked[:top] if top is not None else ranked
    unassessed = [
        RankedCreator(influencer=handle, score=0, verdict="poor", top_reason=why, rank=0, error=why)
        for handle, why in sorted([*failed, *errors])
    ]
    return ranked + unassessed
