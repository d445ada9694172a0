"""Fit assessment and voice check: the contracts the analysis layer returns.

Every number here is computed in code (``assistant.analysis``); an LLM may only add prose.
The JSON form of these models is what ``--json`` prints, so field names are a public contract.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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
    raw_score: int | None = Field(
        default=None, ge=0, le=100, description="Weighted mean of the known dimensions, before caps and bonuses."
    )
    caps: list[str] = Field(
        default_factory=list, description="Vetoes that capped the score (e.g. 'hard-limit pattern: capped at 35')."
    )

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
    rank: int = Field(default=0, ge=0, description="1-based position in the shortlist (0 when not ranked).")
    tier: FollowerTier | None = None
    dimension_scores: dict[str, int | None] = Field(
        default_factory=dict, description="Score per dimension (None = unknown), for the shortlist table."
    )
    error: str | None = Field(
        default=None,
        description="Why this creator couldn't be assessed (then rank is 0, score 0): the rest of the list still is.",
    )


class CheckFinding(BaseModel):
    """One problem found in a text checked against a brand voice."""

    text: str = Field(description="The offending text, verbatim from the input.")
    rule: str = Field(description="The guide rule or voice attribute it breaks.")
    section: str | None = Field(default=None, description="Guide section id the rule comes from, when known.")
    suggestion: str = Field(description="A suggested fix.")
    severity: Literal["high", "medium", "low"] = "medium"
    check: str | None = Field(
        default=None, description="The rule kind that caught it (a CheckKind, or 'claims'), when it has one."
    )


class CheckReport(BaseModel):
    """The result of checking a caption or draft against a brand's voice guide."""

    brand: str
    score: int = Field(ge=0, le=100)
    passed: bool
    findings: list[CheckFinding] = Field(
        default_factory=list, description="One per offending passage: the most severe rule it breaks."
    )
    text: str = ""
    threshold: int = Field(default=70, ge=0, le=100, description="`passed` means score >= threshold.")

    @model_validator(mode="after")
    def _one_finding_per_passage(self) -> "CheckReport":
        # Several rules often catch the same words ("passive income" is a banned claim, an avoided word and a
        # don't): list the passage once, under its most severe rule, wherever the report is built.
        rank = {"high": 0, "medium": 1, "low": 2}
        kept: dict[str, int] = {}
        findings: list[CheckFinding] = []
        for finding in self.findings:
            key = " ".join(finding.text.casefold().split())
            if key in kept:
                if rank[finding.severity] < rank[findings[kept[key]].severity]:
                    findings[kept[key]] = finding
                continue
            kept[key] = len(findings)
            findings.append(finding)
        self.findings = findings
        return self


# --- Measurable voice: what the analysis layer derives from a guide and measures in text ---------------------

StyleAxis = Literal[
    "formality",
    "energy",
    "humour",
    "first_person",
    "second_person",
    "sentence_length",
    "caps",
    "exclamation",
    "emoji",
    "hashtags",
    "profanity",
    "slang",
    "contractions",
    "jargon",
    "hype",
]


class StyleMetrics(BaseModel):
    """The register of a text or a feed, measured in code. Rates are averaged over texts, so one long post
    doesn't drown the rest. Scales: 0-1 indices for formality/energy/humour; per-100-words or per-text rates
    for the rest (named in each field)."""

    texts: int = 0
    words: int = 0
    formality: float = Field(default=0.5, description="0 = chatty and casual, 1 = formal and impersonal.")
    energy: float = Field(default=0.0, description="0 = calm, 1 = shouting: exclamations, caps, hype, emoji.")
    humour: float = Field(default=0.0, description="Share of texts with humour cues (lol, jokes, wry asides).")
    first_person: float = Field(default=0.0, description="I/me/my/we/our per 100 words.")
    second_person: float = Field(default=0.0, description="you/your per 100 words.")
    third_person: float = Field(default=0.0, description="he/she/they/it per 100 words.")
    sentence_length: float = Field(default=0.0, description="Mean words per sentence.")
    caps: float = Field(default=0.0, description="Share of words (3+ letters) written in ALL CAPS.")
    exclamation: float = Field(default=0.0, description="Exclamation marks per sentence.")
    emoji: float = Field(default=0.0, description="Emoji per text.")
    hashtags: float = Field(default=0.0, description="Hashtags per text.")
    profanity: float = Field(default=0.0, description="Share of texts with profanity.")
    slang: float = Field(default=0.0, description="Slang words per 100 words.")
    contractions: float = Field(default=0.0, description="Contractions per 100 words.")
    jargon: float = Field(default=0.0, description="Corporate jargon words per 100 words.")
    hype: float = Field(default=0.0, description="Hype words (amazing, insane, game-changer) per 100 words.")
    questions: float = Field(default=0.0, description="Questions per text.")
    title_case: float = Field(default=0.0, description="Share of texts written in Title Case.")

    def value(self, axis: str) -> float:
        return float(getattr(self, axis))


class VoiceTarget(BaseModel):
    """An acceptable range on one style axis, and where in the guide it comes from."""

    axis: StyleAxis
    low: float | None = Field(default=None, description="Lowest acceptable value (None = no floor).")
    high: float | None = Field(default=None, description="Highest acceptable value (None = no ceiling).")
    tolerance: float = Field(gt=0, description="How far outside the range counts as a full miss.")
    weight: float = Field(default=1.0, ge=0)
    rule: str = Field(description="The guide rule or voice attribute behind the target, as a user reads it.")
    section: str | None = Field(default=None, description="Guide section id, when known.")
    source: Literal["rule", "attribute", "example"] = "attribute"


class GuideTerm(BaseModel):
    """A preferred or avoided word, with the section that lists it."""

    term: str
    section: str | None = None
    replacement: str | None = Field(default=None, description="What the guide suggests instead, when it says.")


class ClaimRule(BaseModel):
    """A guide don't / hard limit, with the risk categories it covers and its key phrases."""

    text: str
    kind: Literal["dont", "hard_limit"]
    section: str | None = None
    categories: list[str] = Field(default_factory=list, description="Built-in risk categories the rule covers.")
    phrases: list[str] = Field(default_factory=list, description="Quoted or key phrases to match literally.")
    requirement: bool = Field(
        default=False, description="The rule asks for something ('Include \"#ad\"'); it is never matched as a violation."
    )
    conditional: bool = Field(
        default=False,
        description="The rule bans a phrase only in some cases ('\"waterproof\" unless rated'): a match needs review.",
    )


class CheckRule(BaseModel):
    """A guide rule typed to a measurable check: what `check` enforces and the voice dimension measures."""

    model_config = ConfigDict(frozen=True)

    check: str = Field(description="The rule kind (a CheckKind): which detector enforces it.")
    polarity: Literal["prefer", "avoid", "limit"]
    text: str = Field(description="The rule as the guide words it.")
    section: str | None = Field(default=None, description="Guide section id.")
    section_title: str | None = None
    limit: float | None = None
    words: tuple[str, ...] = ()
    replacements: tuple[tuple[str, str], ...] = Field(default=(), description="(avoided word, the guide's word).")


class VoiceRules(BaseModel):
    """A voice guide turned into measurable targets: what `check` and the voice dimension of `fit` measure."""

    brand: str
    name: str = ""
    targets: list[VoiceTarget] = Field(default_factory=list)
    preferred: list[GuideTerm] = Field(default_factory=list)
    avoided: list[GuideTerm] = Field(default_factory=list)
    claim_rules: list[ClaimRule] = Field(default_factory=list)
    strict_categories: list[str] = Field(
        default_factory=list, description="Risk categories the guide makes hard limits (raised to high severity)."
    )
    topic_terms: dict[str, float] = Field(default_factory=dict, description="Stemmed topic vocabulary and weights.")
    topic_domains: list[str] = Field(default_factory=list, description="Built-in domains the brand belongs to.")
    competitors: list[str] = Field(default_factory=list)
    brand_names: list[str] = Field(default_factory=list, description="Ways a post may name the brand.")
    brand_short_names: list[str] = Field(
        default_factory=list,
        description="A distinctive first word of the name ('Northwind'), matched only when capitalised as written.",
    )
    example_style: StyleMetrics | None = None
    checks: list[CheckRule] = Field(default_factory=list, description="The guide's rules typed to detectors.")
    section_titles: dict[str, str] = Field(default_factory=dict, description="Guide section id -> its heading path.")
    example_copy: list[str] = Field(default_factory=list, description="The guide's own sample copy.")
    counter_examples: list[str] = Field(default_factory=list, description="Samples the guide shows as not its voice.")

    def target(self, axis: str) -> VoiceTarget | None:
        return next((t for t in self.targets if t.axis == axis), None)
