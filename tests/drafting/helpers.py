"""Loaders and contract checks shared by the drafting tests: demo guides and feeds, real guides, hand-built fits."""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from assistant.ingest import read_guide, read_posts
from assistant.models import (
    CampaignInputs,
    Dimension,
    FitAssessment,
    InfluencerProfile,
    Post,
    Risk,
    VoiceGuide,
)
from assistant.resources import demo_feeds_dir, voice_guides_dir

REPO = Path(__file__).resolve().parents[2]
from tests.paths import REAL_GUIDES  # noqa: E402
DEMO_BRANDS = ("northwind", "lumen", "brightbyte")
REAL_GUIDE_FILES = ("18f.md", "govau_dta.md", "twilio.md")
START = date(2027, 3, 1)


@lru_cache(maxsize=None)
def demo_guide(brand: str) -> VoiceGuide:
    return read_guide(voice_guides_dir() / f"{brand}.md")


@lru_cache(maxsize=None)
def real_guide(name: str) -> VoiceGuide:
    return read_guide(REAL_GUIDES / name)


@lru_cache(maxsize=None)
def _roster() -> dict[str, dict]:
    return {row["handle"]: row for row in json.loads((demo_feeds_dir() / "roster.json").read_text(encoding="utf-8"))}


def creators() -> list[str]:
    return sorted(_roster())


@lru_cache(maxsize=None)
def creator(handle: str) -> tuple[InfluencerProfile, tuple[Post, ...]]:
    row = _roster()[handle]
    profile = InfluencerProfile(
        handle=handle,
        platform=row["platform"],
        followers=row["followers"],
        niche=row["niche"],
        display_name=row["display_name"],
    )
    posts = read_posts(demo_feeds_dir() / row["file"], handle, platform=row["platform"])
    return profile, tuple(posts)


def hand_fit(
    guide: VoiceGuide,
    handle: str,
    *,
    risky: list[str] = (),
    keep_unchanged: list[str] = (),
    strengths: list[str] = (),
) -> FitAssessment:
    """A FitAssessment built by hand (the numbers don't matter to drafting; risks and keep_unchanged do)."""
    return FitAssessment(
        brand=guide.brand,
        influencer=handle,
        score=70,
        verdict="possible",
        dimensions=[Dimension(name="voice", score=70, reason="hand-built for a test")],
        risks=[Risk(severity="high", text="flagged in a test", post_ids=list(risky))] if risky else [],
        keep_unchanged=list(keep_unchanged),
        strengths=list(strengths),
    )


@lru_cache(maxsize=None)
def real_fit(guide_key: str, handle: str) -> FitAssessment:
    """The analysis layer's own assessment (guide_key: a demo brand or a real guide file name)."""
    from assistant.analysis import assess_fit

    guide = real_guide(guide_key) if guide_key.endswith(".md") else demo_guide(guide_key)
    profile, posts = creator(handle)
    return assess_fit(guide, profile, list(posts))


def inputs(goal: str = "awareness", **extra) -> CampaignInputs:
    return CampaignInputs(campaign=extra.pop("campaign", "spring partnership"), goal=goal, start=START, **extra)


BRIEF_KEYS = {
    "brand", "influencer", "campaign", "goal", "objective", "about_brand", "audience", "key_messages",
    "deliverables", "creative_freedom", "guardrails", "disclosure", "timeline", "kpis", "approval",
    "usage_rights", "compensation", "sources", "micromanagement",
}


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))
