"""Campaigns: imported results, the report computed from them, a roster plan for a budget, and a brand's fans.

Every figure is ``None`` when it is unknown: a missing cell in a results file is never read as 0, and a ratio
whose inputs are unknown is unknown too.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from assistant.models.drafts import Goal

Decision = Literal["keep", "adjust", "stop"]

# The figures a results row may carry, in the order the report shows them (counts, then money).
COUNT_METRICS: tuple[str, ...] = (
    "impressions", "reach", "views", "likes", "comments", "shares", "saves", "clicks", "new_followers", "conversions",
)
MONEY_METRICS: tuple[str, ...] = ("cost", "revenue")
# Funnel stage -> the figures that measure it (the "ROI by the stage the campaign serves").
STAGE_METRICS: dict[str, tuple[str, ...]] = {
    "awareness": ("impressions", "reach", "views"),
    "engagement": ("likes", "comments", "shares", "saves", "clicks"),
    "growth": ("new_followers",),
    "conversions": ("conversions", "revenue"),
}
ENGAGEMENT_PARTS: tuple[str, ...] = ("likes", "comments", "shares", "saves")


class ResultRow(BaseModel):
    """One creator's results for one post or deliverable of a campaign."""

    campaign: str
    influencer: str
    date: dt.date
    platform: str = Field(default="", description="Lower-case platform name; '' when the file doesn't say.")
    post: str = Field(default="", description="The post id, URL or deliverable name that tells rows apart; '' if none.")
    cost: float | None = None
    impressions: int | None = None
    reach: int | None = None
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None
    clicks: int | None = None
    new_followers: int | None = None
    conversions: int | None = None
    revenue: float | None = None
    line: int | None = Field(default=None, description="Where the row is in the file it came from.")

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What makes a row the same row on re-import: campaign, creator, date, platform, post/deliverable."""
        return (self.campaign, self.influencer, self.date.isoformat(), self.platform, self.post)


class ResultsImport(BaseModel):
    """What `assistant results ingest` did."""

    campaign: str
    path: str
    rows: int
    added: int
    updated: int
    unchanged: int
    creators: list[str]


class Metrics(BaseModel):
    """Totals and ratios over some rows. ``incomplete`` names figures that only some of the rows reported."""

    rows: int = 0
    spend: float | None = None
    impressions: int | None = None
    reach: int | None = None
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None
    clicks: int | None = None
    new_followers: int | None = None
    conversions: int | None = None
    revenue: float | None = None
    engagements: int | None = Field(default=None, description="likes + comments + shares + saves, per row that has all four.")
    cpm: float | None = Field(default=None, description="spend / impressions x 1000, over rows with both.")
    cpe: float | None = Field(default=None, description="spend / engagements, over rows with both.")
    cpc: float | None = Field(default=None, description="spend / clicks, over rows with both.")
    cpa: float | None = Field(default=None, description="spend / conversions, over rows with both.")
    cost_per_follower: float | None = Field(default=None, description="spend / new_followers, over rows with both.")
    roas: float | None = Field(default=None, description="revenue / spend, over rows with both.")
    engagement_rate: float | None = Field(default=None, description="engagements / impressions, over rows with both.")
    incomplete: list[str] = Field(default_factory=list, description="Figures reported by some rows but not all.")


class KpiResult(BaseModel):
    """A brief's KPI against what the campaign did."""

    metric: str
    stage: str
    target: str | None = Field(default=None, description="The brief's target as written.")
    target_value: float | None = Field(default=None, description="The number in the target, when it has one.")
    fields: list[str] = Field(default_factory=list, description="The results columns that measure it ([] = none do).")
    actual: float | None = None
    met: bool | None = Field(default=None, description="None when there is no numeric target or no actual figure.")
    influencer: str | None = Field(default=None, description="The creator whose brief set it; None for the campaign.")


class CreatorResult(Metrics):
    influencer: str
    decision: Decision
    reason: str = Field(description="Why keep / adjust / stop, computed from the figures and the thresholds.")
    weekly: list[float | None] = Field(default_factory=list, description="The goal's key figure per campaign week.")


class WeekResult(Metrics):
    week: dt.date = Field(description="Monday of the ISO week.")


class CampaignReport(BaseModel):
    campaign: str
    goal: Goal
    goal_source: str = Field(description="Where the goal came from: 'briefs', 'option' or 'figures'.")
    key_metric: str = Field(description="The figure the decisions rest on, e.g. 'cpe' for an engagement goal.")
    first_date: dt.date
    last_date: dt.date
    creators: list[CreatorResult]
    total: Metrics
    weeks: list[WeekResult]
    kpis: list[KpiResult] = Field(default_factory=list)
    briefs: list[str] = Field(default_factory=list, description="Ids of the saved briefs of this campaign.")


class RosterEntry(BaseModel):
    influencer: str
    platform: str | None = None
    niche: str | None = None
    followers: int | None = None
    tier: str
    fit_score: int
    posts: int = Field(ge=1)
    cost_per_post: float
    cost: float
    est_reach: int | None = None
    est_engagements: int | None = None
    why: list[str]


class LeftOut(BaseModel):
    influencer: str
    reason: str


class RosterPlan(BaseModel):
    brand: str
    goal: Goal
    budget: float
    spent: float
    remaining: float
    entries: list[RosterEntry]
    left_out: list[LeftOut] = Field(default_factory=list)
    est_reach: int | None = None
    est_engagements: int | None = None
    assumptions: list[str] = Field(default_factory=list)


class FanPost(BaseModel):
    post_id: str
    quote: str
    date: dt.date | None = None
    url: str | None = None
    tone: Literal["positive", "neutral"]


class Fan(BaseModel):
    influencer: str
    followers: int | None = None
    platform: str | None = None
    posts: list[FanPost]


class FansReport(BaseModel):
    brand: str
    names: list[str] = Field(description="The names searched for (the brand's and its products').")
    fans: list[Fan]
    excluded: dict[str, int] = Field(
        default_factory=dict, description="Mentions left out, by why: 'sponsored' (paid, gifted, affiliate) or 'negative'."
    )
