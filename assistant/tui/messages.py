"""Messages that the chat screen's workers post to it. Workers never touch widgets; the handlers of these
messages do. (Widgets with jobs of their own, like the fit card or the dialogs, declare their messages inside.)

Each class is a plain Textual ``Message`` carrying data (pydantic models or builtins), harlequin-style.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from assistant.brain.events import ChatEvent
    from assistant.config import Settings


class SettingsLoaded(Message):
    """The boot worker loaded the settings (when the app was started without them)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings


class Booted(Message):
    """Services and the brain are built; the store's brands and creators are listed."""

    def __init__(
        self,
        *,
        services: Any,
        brain: Any,
        brands: list[tuple[str, str]],
        influencers: list[tuple[str, str]],
        embedding: str,
        demo: dict[str, int] | None,
    ) -> None:
        super().__init__()
        self.services = services
        self.brain = brain
        self.brands = brands
        self.influencers = influencers
        self.embedding = embedding
        self.demo = demo


class BootFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class BrainEvent(Message):
    """One event of the brain's reply to turn ``turn``."""

    def __init__(self, turn: int, event: ChatEvent) -> None:
        super().__init__()
        self.turn = turn
        self.event = event


class ConversationLoaded(Message):
    """A conversation was (re)opened or started: re-render its turns."""

    def __init__(
        self,
        *,
        conversation_id: str | None,
        title: str,
        turns: list[Any],
        brand: str | None,
        influencer: str | None,
        reopened: bool,
    ) -> None:
        super().__init__()
        self.conversation_id = conversation_id
        self.title = title
        self.turns = turns
        self.brand = brand
        self.influencer = influencer
        self.reopened = reopened


class Notice(Message):
    """A line for the chat log: the result of an action (export, ingest...) or a readable error."""

    def __init__(self, markdown: str, *, error: bool = False) -> None:
        super().__init__()
        self.markdown = markdown
        self.error = error
