"""Fit assessment and voice check: the contracts the analysis layer returns.

Every number here is computed in code (``assistant.analysis``); an LLM may only add prose.
The JSON form of these models is what ``--json`` prints, so field names are a public contract.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Verdict = Literal["strong", "possible", "poor"]
DimensionName = Literal[
    "voice",
    "hard_limits",
    "topic",
    "engagement",
    "authenticity",
    "partnerships",
    "cadence",
]
FollowerTier = Literal["nano", "micro", "mid", "macro", "mega"]


class Evidence(BaseModel):
    """A post that shows something, quoted briefly. ``post_id`` always exists in the store."""

    post_id: str
    quote: str = Field(description="A short excerpt of the post (at most ~160 characters).")


class Dimension(BaseModel):
    """One scored dimension of fit. ``score`` is ``None`` when the data to judge it is missing (unknown != fail)."""

    name: DimensionName
    score: int | None = Field(default=None, ge=0, le=100)
    weight: float = Field(default=1.0, ge=0, description="Weight in the overall score.")
    reason: str = Field(description="One line a marketer can read aloud.")
    evidence: list[Evidence] = Field(default_factory=list)
    signals: list[str] = Field(default_factory=list, description="Named signals that fired (e.g. 'engagement_spike').")
    metrics: dict[str, float | int | str | None] = Field(
        default_factory=dict, description="The measured values behind the score, by name."
    )


class Risk(BaseModel):
    severity: Literal["high", "medium", "low"]
    text: str
    post_ids: list[str] = Field(default_factory=list)


class EngagementPoint(BaseModel):
    """One point of the engagement-over-time series (for the sparkline)."""

    post_id: str
    created_at: datetime | None = None
    engagement_rate: float | None = None


class FitAssessment(BaseModel):
    """Does this creator fit this brand? The pre-partnership review a marketer can defend."""

    brand: str
    influencer: str
    score: int = Field(ge=0, le=100)
    verdict: Verdict
    dimensions: list[Dimension]
    risks: list[Risk] = Field(default_factory=list)
    keep_unchanged: list[str] = Field(
        default_factory=list, description="What the brief should NOT try to change about the creator's voice."
    )
    strengths: list[str] = Field(default_factory=list)
    posts_analysed: int = 0
    followers: int | None = None
    tier: FollowerTier | None = None
    engagement_series: list[EngagementPoint] = Field(default_factory=list)
    summary: str = Field(default="", description="Prose summary (offline template or LLM).")

    def dimension(self, name: DimensionName) -> Dimension | None:
        return next((d for d in self.dimensions if d.name == name), None)


class RankedCreator(BaseModel):
    """One row of `assistant rank`."""

    influencer: str
    score: int
    verdict: Verdict
    followers: int | None = None
    posts: int = 0
    top_reason: str = ""


class CheckFinding(BaseModel):
    """One problem found in a text checked against a brand voice."""

    text: str = Field(description="The offending text, verbatim from the input.")
    rule: str = Field(description="The guide rule or voice attribute it breaks.")
    section: str | None = Field(default=None, description="Guide section id the rule comes from, when known.")
    suggestion: str = Field(description="A suggested fix.")
    severity: Literal["high", "medium", "low"] = "medium"


class CheckReport(BaseModel):
    """The result of checking a caption or draft against a brand's voice guide."""

    brand: str
    score: int = Field(ge=0, le=100)
    passed: bool
    findings: list[CheckFinding] = Field(default_factory=list)
    text: str = ""
