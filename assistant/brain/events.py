"""The brain's events live in ``assistant.models.events`` (the actions layer, below the brain, returns them
too); re-exported here so ``from assistant.brain.events import FitReady`` keeps working."""

from assistant.models.events import (
    ChatEvent,
    CheckReady,
    ContextChanged,
    DraftSaved,
    FansReady,
    FitReady,
    PlanReady,
    RankReady,
    ReportReady,
    TextDelta,
    ToolFinished,
    ToolStarted,
    TurnFinished,
)

__all__ = [
    "ChatEvent",
    "CheckReady",
    "ContextChanged",
    "DraftSaved",
    "FansReady",
    "FitReady",
    "PlanReady",
    "RankReady",
    "ReportReady",
    "TextDelta",
    "ToolFinished",
    "ToolStarted",
    "TurnFinished",
]
