"""Drafting: briefs and outreach from the guide, the fit assessment, the creator's posts and the campaign.

Two engines: offline (wording in ``prompts/offline/``) and LLM (prompts in ``prompts/llm/``, structured
output). Code has the last word on facts either way, and every brief gets the micromanagement check.
"""

from assistant.drafting.api import draft_brief, draft_outreach, engine_for, finalise_brief
from assistant.drafting.engine import DraftingEngine, OutreachCandidate
from assistant.drafting.kpis import kpis_for_goal
from assistant.drafting.manners import check_outreach_manners
from assistant.drafting.micromanagement import check_micromanagement
from assistant.drafting.offline import OfflineDraftingEngine
from assistant.drafting.render import render_brief_markdown, render_outreach_markdown
from assistant.drafting.selection import select_posts


def __getattr__(name: str):
    # The LLM engine imports langchain lazily; keep it out of this package's import time too.
    if name == "LLMDraftingEngine":
        from assistant.drafting.llm_engine import LLMDraftingEngine

        return LLMDraftingEngine
    raise AttributeError(name)


__all__ = [
    "DraftingEngine",
    "LLMDraftingEngine",
    "OfflineDraftingEngine",
    "OutreachCandidate",
    "check_micromanagement",
    "check_outreach_manners",
    "draft_brief",
    "draft_outreach",
    "engine_for",
    "finalise_brief",
    "kpis_for_goal",
    "render_brief_markdown",
    "render_outreach_markdown",
    "select_posts",
]
