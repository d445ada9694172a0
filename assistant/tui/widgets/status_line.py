"""One line at the bottom: who writes (provider and model, or offline), where the store is, the embedding."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import Static

from assistant.tui.texts import notice

if TYPE_CHECKING:
    from assistant.config import Settings


def short_path(location: str) -> str:
    """A path with the home folder written as ``~`` (URLs unchanged)."""
    if "://" in location:
        return location
    try:
        return "~/" + str(Path(location).resolve().relative_to(Path.home().resolve()))
    except (ValueError, RuntimeError):
        return location


class StatusLine(Static):
    """Shows ``provider · store · embedding``."""

    def show(self, settings: Settings, embedding: str | None = None) -> None:
        """Describe ``settings``; ``embedding`` is None until the store is open (its label needs chromadb)."""
        provider = settings.effective_provider
        who = notice("offline") if provider == "offline" else notice("llm", provider=provider, model=settings.llm_model)
        store = short_path(settings.store_location())
        if embedding is None:
            self.update(notice("starting_status", provider=who, store=store))
        else:
            self.update(notice("ready_status", provider=who, store=store, embedding=embedding))
