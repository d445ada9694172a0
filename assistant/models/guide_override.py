"""A marketer's corrections to what the reader took from a voice guide (the per-brand override file)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.models.records import CheckKind, Polarity, RuleKind


class OverrideRule(BaseModel):
    """Add a rule, or retype one the reader found (matched by its text, case and spacing ignored)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    kind: RuleKind = "do"
    check: CheckKind | None = None
    polarity: Polarity | None = None
    limit: float | None = None
    words: list[str] = Field(default_factory=list)


class GuideOverride(BaseModel):
    """The override file, `<data dir>/guide_overrides/<brand>.toml`. Every key is optional.

    Scalars replace what was read; ``voice_attributes`` (and the other lists) replace the list when given;
    ``add_*`` / ``remove_*`` edit it instead. ``remove_rules`` drops rules whose text matches; ``[[rules]]``
    adds rules or retypes the matching one.
    """

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    sells: str | None = None
    about: str | None = None
    voice_attributes: list[str] | None = None
    add_voice_attributes: list[str] = Field(default_factory=list)
    remove_voice_attributes: list[str] = Field(default_factory=list)
    preferred_words: list[str] | None = None
    add_preferred_words: list[str] = Field(default_factory=list)
    remove_preferred_words: list[str] = Field(default_factory=list)
    avoided_words: list[str] | None = None
    add_avoided_words: list[str] = Field(default_factory=list)
    remove_avoided_words: list[str] = Field(default_factory=list)
    topics: list[str] | None = None
    add_examples: list[str] = Field(default_factory=list)
    add_counter_examples: list[str] = Field(default_factory=list)
    remove_examples: list[str] = Field(default_factory=list)
    remove_rules: list[str] = Field(default_factory=list)
    rules: list[OverrideRule] = Field(default_factory=list)
