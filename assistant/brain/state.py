"""What a conversation remembers between turns, and what one turn collects while it runs.

The current brand and creator live on the conversation row (so reopening a chat restores them); a question the
router is waiting on ("Which brand?") lives in the meta of the assistant turn that asked it, so it survives a
restart too and is forgotten as soon as the next turn is answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from assistant.brain.events import ContextChanged
from assistant.brain.intents import Intent, Slot

if TYPE_CHECKING:
    from assistant.services import Services


class Pending(BaseModel):
    """A request waiting for one missing detail: the router asked for ``missing`` and will finish ``intent``."""

    intent: Intent
    missing: Slot


@dataclass
class Conversation:
    """One chat: its id, the current brand and creator, the drafts made in it, and any question left open."""

    services: Services
    id: str
    brand: str | None = None
    influencer: str | None = None
    drafts: list[str] = field(default_factory=list)
    pending: Pending | None = None

    def set_context(self, *, brand: str | None = None, influencer: str | None = None) -> ContextChanged | None:
        """Make ``brand`` / ``influencer`` current (None leaves one as it is); persist; say what changed."""
        changes: dict[str, str] = {}
        if brand and brand != self.brand:
            changes["brand"] = self.brand = brand
        if influencer and influencer != self.influencer:
            changes["influencer"] = self.influencer = influencer
        if not changes:
            return None
        self.services.history.update_conversation(self.id, **changes)
        return ContextChanged(brand=self.brand, influencer=self.influencer)


@dataclass
class TurnRecord:
    """What a turn produced: the reply text, usage, and state to save with the assistant turn."""

    parts: list[str] = field(default_factory=list)
    pending: Pending | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    model_calls: int = 0
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    dropped_citations: list[str] = field(default_factory=list)
    fit_corrections: list[dict[str, str]] = field(default_factory=list)  # stated scores/verdicts the code corrected
    final_text: str | None = None  # set when the saved reply differs from what was streamed

    @property
    def text(self) -> str:
        return self.final_text if self.final_text is not None else "".join(self.parts)

    def add_tokens(self, prompt: int | None, completion: int | None) -> None:
        if prompt is not None:
            self.prompt_tokens = (self.prompt_tokens or 0) + prompt
        if completion is not None:
            self.completion_tokens = (self.completion_tokens or 0) + completion

    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {}
        if self.pending is not None:
            meta["pending"] = self.pending.model_dump(mode="json")
        if self.model_calls:
            meta["model_calls"] = self.model_calls
        if self.prompt_tokens is not None:
            meta["prompt_tokens"] = self.prompt_tokens
        if self.completion_tokens is not None:
            meta["completion_tokens"] = self.completion_tokens
        if self.tool_calls:
            meta["tool_calls"] = self.tool_calls
        if self.dropped_citations:
            meta["dropped_citations"] = self.dropped_citations
        if self.fit_corrections:
            meta["fit_corrections"] = self.fit_corrections
        return meta
