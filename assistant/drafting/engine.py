"""The shape every drafting engine has, and what an outreach proposal carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from assistant.drafting.facts import DraftFacts
from assistant.models import Brief, OutreachChannel, Post
from assistant.models.drafts import EngineUsage


@dataclass
class OutreachCandidate:
    """One proposed message. ``cited_post_ids`` are checked against the feed before use."""

    body: str
    cited_post_ids: list[str]
    subject: str | None = None
    usage: EngineUsage = field(default_factory=EngineUsage)
    engine: Literal["offline", "llm"] = "offline"


class DraftingEngine(Protocol):
    """Writes a brief from the facts code computed, and proposes outreach messages, best first."""

    name: str

    def brief(self, facts: DraftFacts) -> Brief: ...

    def outreach(self, facts: DraftFacts, channel: OutreachChannel, cited: list[Post]) -> list[OutreachCandidate]: ...
