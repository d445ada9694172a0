"""The conversation brain: the offline router, the LLM agent, and the turn-by-turn history of a chat.

No Textual here: the TUI and ``assistant ask`` both drive :class:`Brain`.
"""

from assistant.brain.brain import Brain, list_conversations
from assistant.brain.events import (
    ChatEvent,
    CheckReady,
    ContextChanged,
    DraftSaved,
    FitReady,
    RankReady,
    TextDelta,
    ToolFinished,
    ToolStarted,
    TurnFinished,
)

__all__ = [
    "Brain",
    "ChatEvent",
    "CheckReady",
    "ContextChanged",
    "DraftSaved",
    "FitReady",
    "RankReady",
    "TextDelta",
    "ToolFinished",
    "ToolStarted",
    "TurnFinished",
    "list_conversations",
]
