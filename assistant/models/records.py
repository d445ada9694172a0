"""Records: what the store holds. Brands and their voice guides, influencers and their posts.

Missing metrics are ``None``, never ``0``: a creator who hides likes has unknown likes, not zero likes.
"""

from __future__ import annotations

import unicodedata
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

# Limits on what a user or a file may hand us (documented in the README's "Guarantees").
MAX_COUNT = 10**12  # likes, comments, shares, views, followers: 1,000,000,000,000 is past any real account
MAX_HANDLE_LENGTH = 100  # platforms allow 15-30; a longer "handle" is a pasted sentence or a path
MAX_BRAND_NAME_LENGTH = 200  # a display name, not a paragraph


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
    followers: int | None = Field(default=None, ge=0, le=MAX_COUNT)
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
    likes: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    comments: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    shares: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    views: int | None = Field(default=None, ge=0, le=MAX_COUNT)
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
    """'  @Maya.Makes ' -> 'maya.makes'. Lenient (used for lookups and stored records); see ``validate_handle``."""
    handle = unicodedata.normalize("NFC", value).strip().lstrip("@").strip().lower()
    if not handle:
        raise ValueError("a handle can't be empty")
    return handle


def validate_handle(value: str, *, what: str = "handle") -> str:
    """A creator handle typed by a user or named by a file, normalised, or a ValueError saying what is wrong.

    A handle holds letters of any alphabet, digits, '.', '_' and '-' (what Instagram, TikTok, X and YouTube allow),
    at most ``MAX_HANDLE_LENGTH`` characters, and no '..': it becomes part of post ids and is shown in tables.
    Brand slugs follow the same rule (``what="brand slug"``).
    """
    raw = value if isinstance(value, str) else ""
    control = _control_character(raw)
    if control:
        raise ValueError(f"a {what} can't hold a line break or control character ({control})")
    handle = unicodedata.normalize("NFC", raw).strip().lstrip("@").strip().lower()
    if not handle:
        raise ValueError(f"a {what} can't be empty")
    if len(handle) > MAX_HANDLE_LENGTH:
        raise ValueError(f"a {what} can be at most {MAX_HANDLE_LENGTH} characters; this one has {len(handle):,}")
    if "/" in handle or "\\" in handle or ".." in handle:
        raise ValueError(f"a {what} can't hold '/', '\\' or '..' (got {_preview(handle)!r})")
    # Mn/Mc: combining marks, which some alphabets (Devanagari, Thai) need inside a word.
    bad = next((c for c in handle if not (c.isalnum() or c in "._-" or unicodedata.category(c) in ("Mn", "Mc"))), None)
    if bad is not None:
        raise ValueError(f"a {what} holds letters, digits, '.', '_' and '-' only; {_preview(handle)!r} has {bad!r}")
    return handle


def validate_brand_slug(value: str) -> str:
    """A brand slug given by a user (``--brand``): the same rule as a handle."""
    return validate_handle(value, what="brand slug")


def validate_brand_name(value: str, *, what: str = "brand name") -> str:
    """A brand's display name, stripped, or a ValueError: not empty, one line, at most MAX_BRAND_NAME_LENGTH."""
    raw = value if isinstance(value, str) else ""
    if _control_character(raw):
        raise ValueError(f"a {what} can't hold a line break or control character ({_control_character(raw)})")
    name = raw.strip()
    if not name:
        raise ValueError(f"a {what} can't be empty")
    if len(name) > MAX_BRAND_NAME_LENGTH:
        raise ValueError(f"a {what} can be at most {MAX_BRAND_NAME_LENGTH} characters; this one has {len(name):,}")
    return name


def _control_character(text: str) -> str | None:
    """A readable name of the first line break or control character in ``text``, if any."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Zl", "Zp"):
            return _CONTROL_NAMES.get(char, f"U+{ord(char):04X}")
    return None


_CONTROL_NAMES = {"\n": "a newline", "\r": "a carriage return", "\t": "a tab"}


def _preview(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
