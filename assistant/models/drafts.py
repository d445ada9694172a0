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
    severity: Literal["high", "medium", "low"] = Field(
        default="medium", description="A high-severity finding fails the check whatever the score."
    )
    field: str = Field(default="", description="The brief field the finding is in, e.g. 'deliverables[0].notes'.")


class MicromanagementReport(BaseModel):
    """How much room the brief leaves the creator. 100 = clear expectations, full creative freedom."""

    score: int = Field(ge=0, le=100)
    passed: bool
    findings: list[MicromanagementFinding] = Field(default_factory=list)


class OutreachIssue(BaseModel):
    """One problem the outreach self-check found."""

    kind: Literal["fake_personal", "pressure", "no_citation", "too_long"]
    detail: str
    text: str = ""


class EngineUsage(BaseModel):
    """What drafting cost: model calls and tokens (zero calls for the offline engine)."""

    model_calls: int = Field(default=0, ge=0)
    prompt_tokens: int | None = Field(default=None, description="As reported by the provider, when it reports usage.")
    completion_tokens: int | None = None


class OutreachSelfCheck(BaseModel):
    """Manners of an outreach message: no flattery with nothing behind it, no pressure, real posts cited."""

    passed: bool
    findings: list[OutreachIssue] = Field(default_factory=list)


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
    usage: EngineUsage = Field(default_factory=EngineUsage)


class Outreach(BaseModel):
    brand: str
    influencer: str
    channel: OutreachChannel
    subject: str | None = Field(default=None, description="Email only.")
    body: str
    cited_post_ids: list[str] = Field(default_factory=list)
    check: CheckReport | None = None
    self_check: OutreachSelfCheck | None = None
    engine: Engine = "offline"
    usage: EngineUsage = Field(default_factory=EngineUsage)


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
