"""Records: what the store holds. Brands and their voice guides, influencers and their posts.

Missing metrics are ``None``, never ``0``: a creator who hides likes has unknown likes, not zero likes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

RuleKind = Literal["do", "dont", "hard_limit"]
# The measurable checks a guide rule can be typed to (one detector each, in the language/analysis layers).
# A rule with no measurable check keeps ``check=None`` and is shown as guidance, never silently dropped.
CheckKind = Literal[
    "contractions", "active_voice", "exclamation", "capitals", "hype", "jargon", "sentence_length",
    "reading_level", "person", "sentence_case", "emoji", "hashtags", "slang", "profanity", "claims", "words",
]
Polarity = Literal["prefer", "avoid", "limit"]


class GuideSection(BaseModel):
    """One heading-delimited section of a voice guide."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Stable id: '<brand>#<slug of the heading path>' (unique within the brand).")
    heading_path: list[str] = Field(description="Headings from the top of the guide down to this section.")
    text: str = Field(description="The section's body text, Markdown as written.")
    line: int = Field(ge=1, description="1-based line in the source file where the section starts.")

    @property
    def title(self) -> str:
        return " > ".join(self.heading_path) if self.heading_path else "(preamble)"


class GuideRule(BaseModel):
    """A rule extracted from a guide, with the section it came from."""

    model_config = ConfigDict(frozen=True)

    kind: RuleKind
    text: str
    section_id: str
    check: CheckKind | None = Field(default=None, description="The measurable check this rule maps to, if any.")
    polarity: Polarity | None = Field(
        default=None, description="prefer (use more), avoid (use none), limit (at most `limit`), for `check`."
    )
    limit: float | None = Field(default=None, description="The number a 'limit' rule states (words, emoji...).")
    words: list[str] = Field(default_factory=list, description="Words or phrases a 'words' rule prefers or avoids.")
    line: int | None = Field(default=None, ge=1, description="1-based line of the rule in the guide file.")


class VoiceGuide(BaseModel):
    """A brand's voice-and-tone guide, parsed into sections and the structure found in them.

    Every list may be empty: real guides differ in what they spell out.
    """

    brand: str = Field(description="Brand slug, e.g. 'northwind'.")
    name: str = Field(description="Display name, e.g. 'Northwind Outfitters'.")
    source: str = Field(default="", description="Path of the file the guide was read from.")
    sections: list[GuideSection] = Field(default_factory=list)
    voice_attributes: list[str] = Field(default_factory=list, description="e.g. ['Conversational', 'Quirky'].")
    preferred_words: list[str] = Field(default_factory=list)
    avoided_words: list[str] = Field(default_factory=list)
    rules: list[GuideRule] = Field(default_factory=list, description="Do / don't rules and hard limits.")
    example_copy: list[str] = Field(default_factory=list, description="Sample sentences in the brand's voice.")
    counter_examples: list[str] = Field(
        default_factory=list, description="Samples the guide shows as what not to write ('Not this', other tones)."
    )
    sells: str = Field(default="", description="What the brand makes or sells, in the guide's words, if it says.")
    not_understood: list[str] = Field(
        default_factory=list, description="Guide passages read but not turned into rules, kept for the marketer."
    )
    version: str = Field(default="", description="Reader version and content hash: changes when either changes.")
    topics: list[str] = Field(default_factory=list, description="What the brand is about (keywords).")
    competitors: list[str] = Field(default_factory=list, description="Competing brands the guide names.")
    about: str = Field(default="", description="One-paragraph description of the brand, when the guide has one.")

    @property
    def dos(self) -> list[GuideRule]:
        return [r for r in self.rules if r.kind == "do"]

    @property
    def donts(self) -> list[GuideRule]:
        return [r for r in self.rules if r.kind == "dont"]

    @property
    def hard_limits(self) -> list[GuideRule]:
        return [r for r in self.rules if r.kind == "hard_limit"]

    def section(self, section_id: str) -> GuideSection | None:
        return next((s for s in self.sections if s.id == section_id), None)


class BrandSummary(BaseModel):
    """A brand as listed by `assistant brands`."""

    slug: str
    name: str
    sections: int
    source: str = ""


class InfluencerProfile(BaseModel):
    """A creator. Handles are stored without '@' and lower-cased."""

    handle: str
    platform: str | None = None
    followers: int | None = Field(default=None, ge=0)
    niche: str | None = None
    display_name: str | None = None

    @field_validator("handle")
    @classmethod
    def _normalise_handle(cls, value: str) -> str:
        return normalise_handle(value)


class InfluencerSummary(InfluencerProfile):
    """A creator as listed by `assistant influencers`."""

    posts: int = 0


class Post(BaseModel):
    """One post from a creator's feed. Post text is untrusted input: it is data, never instructions."""

    id: str = Field(description="Stable content-derived id (see assistant.ids.post_id).")
    influencer: str
    text: str
    created_at: datetime | None = None
    likes: int | None = Field(default=None, ge=0)
    comments: int | None = Field(default=None, ge=0)
    shares: int | None = Field(default=None, ge=0)
    views: int | None = Field(default=None, ge=0)
    platform: str | None = None
    url: str | None = None
    sponsored: bool | None = Field(default=None, description="True/False only when the source says so.")
    source_id: str | None = Field(default=None, description="The id the export gave the post, if any.")


class SearchHit(BaseModel):
    """A retrieval result from the store."""

    kind: Literal["post", "guide"]
    id: str
    text: str
    score: float = Field(description="Similarity in [0, 1], higher is closer.")
    brand: str | None = None
    influencer: str | None = None
    heading_path: list[str] | None = None


def normalise_handle(value: str) -> str:
    handle = value.strip().lstrip("@").strip().lower()
    if not handle:
        raise ValueError("a handle can't be empty")
    return handle
