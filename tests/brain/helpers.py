"""Helpers for the brain's tests: run a turn and look at its events."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.brain import Brain
from assistant.brain.events import ChatEvent, TextDelta, TurnFinished


class Reply:
    """The events of one turn, with helpers to look at them."""

    def __init__(self, events: Iterable[ChatEvent]) -> None:
        self.events = list(events)

    @property
    def finished(self) -> TurnFinished:
        last = self.events[-1]
        assert isinstance(last, TurnFinished), f"turn did not end with TurnFinished: {self.events!r}"
        assert sum(isinstance(e, TurnFinished) for e in self.events) == 1
        return last

    @property
    def text(self) -> str:
        if self.finished.final_text is not None:
            return self.finished.final_text
        return "".join(e.text for e in self.events if isinstance(e, TextDelta))

    @property
    def streamed(self) -> str:
        return "".join(e.text for e in self.events if isinstance(e, TextDelta))

    def of(self, cls: type) -> list:
        return [e for e in self.events if isinstance(e, cls)]

    def one(self, cls: type):
        found = self.of(cls)
        assert len(found) == 1, f"expected one {cls.__name__}, got {found!r}"
        return found[0]

    @property
    def tools(self) -> list[str]:
        return [e.name for e in self.events if e.type == "tool_started"]


def ask(brain: Brain, text: str, **kwargs: object) -> Reply:
    return Reply(brain.handle(text, **kwargs))


def add_creator(services, handle: str, captions: list[str], *, display_name: str | None = None,
                followers: int = 30000, niche: str = "hiking and outdoor gear") -> None:
    """Store a creator with one dated post per caption (steady, plausible metrics)."""
    from datetime import datetime, timedelta, timezone

    from assistant.ids import post_id
    from assistant.models import InfluencerProfile, Post

    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    posts = []
    for i, caption in enumerate(captions):
        created = start + timedelta(hours=20 * i)
        posts.append(Post(id=post_id(handle, caption, created), influencer=handle, text=caption, created_at=created,
                          likes=900 + (i * 37) % 300, comments=40 + (i * 7) % 30, platform="instagram"))
    profile = InfluencerProfile(handle=handle, followers=followers, platform="instagram", niche=niche,
                                display_name=display_name)
    services.store.add_posts(profile, posts)


def llm_brief() -> dict:
    """What the LLM drafting engine's structured call returns (the LLMBrief tool arguments)."""
    return {
        "objective": "Show hikers what spring kit is like on real trails.",
        "about_brand": "Northwind makes repairable outdoor gear.",
        "audience": "Hikers who read long gear posts.",
        "key_messages": ["Kit that lasts and can be repaired"],
        "deliverables": [
            {"channel": "Instagram", "format": "Reel", "quantity": 2, "due_week": 1, "notes": "Your routes."},
            {"channel": "Instagram", "format": "Story set", "quantity": 2, "due_week": 2, "notes": "As you pack."},
        ],
        "creative_freedom": "You own the concept and the voice.",
        "example_hooks": ["What survived a wet spring"],
        "cited_post_ids": [],
        "cited_section_ids": [],
    }
