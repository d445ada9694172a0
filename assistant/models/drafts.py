"""Briefs and outreach: the contracts the drafting layer returns (rendered to Markdown and ``--json``)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Literal

from pydantic import BaseModel, Field

from assistant.models.fit import CheckReport

Goal = Literal["awareness", "engagement", "growth", "conversions"]
FunnelStage = Goal
OutreachChannel = Literal["dm", "email"]
Engine = Literal["offline", "llm"]


class CampaignInputs(BaseModel):
    """What the marketer tells us about the campaign. Only ``campaign`` is required; the rest has sensible defaults."""

    campaign: str = Field(description="What the campaign is, e.g. 'spring tote launch'.")
    goal: Goal = "awareness"
    start: date | None = Field(default=None, description="Campaign start; defaults to two weeks from today.")
    weeks: int = Field(default=12, ge=1, le=104, description="Length of the partnership.")
    product: str | None = None
    compensation: str | None = Field(default=None, description="e.g. '$1,200 flat + product'.")
    notes: str | None = None


class Deliverable(BaseModel):
    channel: str = Field(description="e.g. 'Instagram', 'TikTok', 'YouTube', 'In person'.")
    format: str = Field(description="e.g. 'Reel', 'Story set', 'Giveaway', 'Event appearance'.")
    quantity: int = Field(ge=1)
    due: date | str = Field(description="A date, or a relative due such as 'week 2'.")
    notes: str = ""


class Guardrails(BaseModel):
    """Only the guide's hard limits and claims rules: not its whole style sheet."""

    do: list[str] = Field(default_factory=list)
    dont: list[str] = Field(default_factory=list)


class Kpi(BaseModel):
    metric: str
    stage: FunnelStage
    target: str | None = None
    how_measured: str = ""


class Milestone(BaseModel):
    when: date | str
    what: str


class Sources(BaseModel):
    guide_sections: list[str] = Field(default_factory=list, description="Guide section ids the draft drew on.")
    post_ids: list[str] = Field(default_factory=list, description="Post ids the draft drew on.")


class MicromanagementFinding(BaseModel):
    kind: Literal[
        "too_many_must_says",
        "scripted_wording",
        "shot_list",
        "too_many_revisions",
        "style_rules_copied",
        "missing_essential",
    ]
    detail: str
    text: str = Field(default="", description="The offending text, when there is one.")


class MicromanagementReport(BaseModel):
    """How much room the brief leaves the creator. 100 = clear expectations, full creative freedom."""

    score: int = Field(ge=0, le=100)
    passed: bool
    findings: list[MicromanagementFinding] = Field(default_factory=list)


class Brief(BaseModel):
    brand: str
    influencer: str
    campaign: str
    goal: Goal
    objective: str
    about_brand: str
    audience: str
    key_messages: list[str] = Field(min_length=1, max_length=3)
    deliverables: list[Deliverable] = Field(min_length=1)
    creative_freedom: str
    example_hooks: list[str] = Field(default_factory=list, description="Suggestions in the creator's register.")
    guardrails: Guardrails
    disclosure: str = Field(description="The exact disclosure wording.")
    timeline: list[Milestone] = Field(min_length=1)
    kpis: list[Kpi] = Field(min_length=1)
    approval: str
    usage_rights: str
    compensation: str
    revision_rounds: int = Field(default=1, ge=0)
    sources: Sources = Field(default_factory=Sources)
    micromanagement: MicromanagementReport | None = None
    engine: Engine = "offline"


class Outreach(BaseModel):
    brand: str
    influencer: str
    channel: OutreachChannel
    subject: str | None = Field(default=None, description="Email only.")
    body: str
    cited_post_ids: list[str] = Field(default_factory=list)
    check: CheckReport | None = None
    engine: Engine = "offline"


class SavedDraft(BaseModel):
    """A draft as saved, with the inputs that made it, so it can be listed, reopened and exported."""

    id: str
    kind: Literal["brief", "outreach"]
    brand: str
    influencer: str
    title: str
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    inputs: dict[str, str | None] = Field(default_factory=dict)
    markdown: str
    data: Brief | Outreach
