"""What the brain tells a face while it handles a turn (the actions layer returns the result events: fit, rank,
check, report, plan, fans, draft). The contract between the brain and the TUI / `ask`.

``Brain.handle(text)`` yields these in order; the TUI runs it in a thread worker and posts each one as a message.
A turn always ends with exactly one ``TurnFinished``.
"""

from __future__ import annotations

from typing import Literal, Union

from pydantic import BaseModel, Field

from assistant.models.fit import CheckReport, FitAssessment, RankedCreator
from assistant.models.campaigns import CampaignReport, FansReport, RosterPlan


class TextDelta(BaseModel):
    """A piece of the reply's Markdown, to append to what came before."""

    type: Literal["text"] = "text"
    text: str


class ToolStarted(BaseModel):
    type: Literal["tool_started"] = "tool_started"
    name: str
    arguments: dict[str, object] = Field(default_factory=dict)


class ToolFinished(BaseModel):
    type: Literal["tool_finished"] = "tool_finished"
    name: str
    ok: bool = True
    summary: str = ""


class ContextChanged(BaseModel):
    """The current brand and/or creator changed (by a slash command, a question, or a tool call)."""

    type: Literal["context"] = "context"
    brand: str | None = None
    influencer: str | None = None


class FitReady(BaseModel):
    """A fit assessment was computed: the panel draws its scorecard and sparkline from it."""

    type: Literal["fit"] = "fit"
    assessment: FitAssessment


class RankReady(BaseModel):
    type: Literal["rank"] = "rank"
    brand: str
    rows: list[RankedCreator]


class CheckReady(BaseModel):
    type: Literal["check"] = "check"
    report: CheckReport


class ReportReady(BaseModel):
    """A campaign report was computed: a face can draw a bar per creator and the weekly sparkline from it."""

    type: Literal["report"] = "report"
    report: CampaignReport


class PlanReady(BaseModel):
    type: Literal["plan"] = "plan"
    plan: RosterPlan


class FansReady(BaseModel):
    type: Literal["fans"] = "fans"
    fans: FansReport


class DraftSaved(BaseModel):
    """A brief or outreach draft was made and saved to history."""

    type: Literal["draft"] = "draft"
    draft_id: str
    kind: Literal["brief", "outreach"]
    title: str


class TurnFinished(BaseModel):
    """The end of a turn. ``status``: complete, stopped (the user pressed Esc; partial text kept) or error."""

    type: Literal["finished"] = "finished"
    status: Literal["complete", "stopped", "error"] = "complete"
    error: str | None = Field(default=None, description="A readable message when status is 'error'.")
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    model_calls: int = Field(default=0, description="Model requests made in this turn (0 offline).")
    final_text: str | None = Field(
        default=None,
        description=(
            "The reply as saved, when it differs from the concatenated TextDeltas (e.g. citations of posts that "
            "don't exist were removed after streaming). Faces should replace the shown reply with it."
        ),
    )


ChatEvent = Union[
    TextDelta, ToolStarted, ToolFinished, ContextChanged, FitReady, RankReady, CheckReady, ReportReady, PlanReady,
    FansReady, DraftSaved, TurnFinished,
]
