"""The drafting layer's entry points, used by the services layer: briefs, outreach, and which engine drafts.

Whichever engine writes, code has the last word: KPIs follow the goal, guardrails are the guide's hard
limits, cited posts and sections exist, and the micromanagement check runs and is stored on the brief.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from assistant.drafting import wording
from assistant.drafting.engine import DraftingEngine
from assistant.drafting.facts import DraftFacts, gather, keep_unchanged_sentence
from assistant.drafting.facts import sources as known_sources
from assistant.drafting.manners import check_outreach_manners
from assistant.drafting.micromanagement import check_micromanagement, is_suggestion
from assistant.drafting.offline import OfflineDraftingEngine
from assistant.errors import AssistantError
from assistant.models import (
    Brief,
    CampaignInputs,
    CheckReport,
    FitAssessment,
    InfluencerProfile,
    Outreach,
    OutreachChannel,
    Post,
    VoiceGuide,
)

if TYPE_CHECKING:
    from assistant.config import Settings

OUTREACH_CITABLE = 4
MAX_REVISION_ROUNDS = 2


def engine_for(settings: Settings | None) -> DraftingEngine:
    """The LLM engine when a provider is configured, else the offline one."""
    if settings is None or settings.effective_provider == "offline":
        return OfflineDraftingEngine()
    from assistant.drafting.llm_engine import LLMDraftingEngine

    return LLMDraftingEngine(settings)


def finalise_brief(brief: Brief, facts: DraftFacts) -> Brief:
    """Enforce in code what no engine may change, then run the micromanagement check.

    Brand, creator, campaign and goal come from the inputs; KPIs from the goal; guardrails are the guide's
    hard limits and claims rules; disclosure, approval, rights and compensation are the computed ones; sources
    keep only ids that exist; hooks are marked as suggestions; revision rounds are capped; keep_unchanged is
    honoured in creative_freedom.
    """
    marker = wording.get("brief", "hooks.marker")
    creative_freedom = brief.creative_freedom
    keep = keep_unchanged_sentence(facts)
    if keep and keep.strip() not in creative_freedom:
        creative_freedom = creative_freedom.rstrip() + keep
    fixed = brief.model_copy(
        update={
            "brand": facts.guide.brand,
            "influencer": facts.profile.handle,
            "campaign": facts.inputs.campaign,
            "goal": facts.inputs.goal,
            "kpis": facts.kpis,
            "guardrails": facts.guardrails,
            "disclosure": facts.disclosure.value,
            "approval": facts.approval,
            "usage_rights": facts.usage_rights,
            "compensation": facts.compensation,
            "revision_rounds": min(brief.revision_rounds, MAX_REVISION_ROUNDS),
            "example_hooks": [h if is_suggestion(h) else marker + h for h in brief.example_hooks],
            "creative_freedom": creative_freedom,
            "sources": known_sources(facts, brief.sources.post_ids, brief.sources.guide_sections),
        }
    )
    fixed.micromanagement = check_micromanagement(fixed, facts.guide)
    return fixed


def draft_brief(
    guide: VoiceGuide,
    profile: InfluencerProfile,
    posts: list[Post],
    assessment: FitAssessment | None,
    inputs: CampaignInputs,
    *,
    engine: DraftingEngine | None = None,
    today: date | None = None,
) -> Brief:
    """Draft a brief for ``profile`` working with ``guide``'s brand, checked for micromanagement."""
    facts = gather(guide, profile, posts, assessment, inputs, today=today)
    brief = (engine or OfflineDraftingEngine()).brief(facts)
    return finalise_brief(brief, facts)


def _check_text(guide: VoiceGuide, body: str) -> CheckReport:
    from assistant.analysis import check_text

    return check_text(guide, body)


def draft_outreach(
    guide: VoiceGuide,
    profile: InfluencerProfile,
    posts: list[Post],
    assessment: FitAssessment | None,
    inputs: CampaignInputs,
    *,
    channel: OutreachChannel = "dm",
    engine: DraftingEngine | None = None,
    today: date | None = None,
) -> Outreach:
    """Draft a DM or email that opens with the creator's own posts, in the brand's voice, with no pressure.

    The engine proposes candidates; the first that passes both the brand voice check (``check_text``) and the
    self-check wins, else the best-scoring one is returned with its reports so the marketer sees why.
    """
    facts = gather(guide, profile, posts, assessment, inputs, today=today)
    engine = engine or OfflineDraftingEngine()
    cited = facts.selected[:OUTREACH_CITABLE]
    known = {p.id for p in facts.posts}
    best: Outreach | None = None
    for proposal in engine.outreach(facts, channel, cited):
        cited_ids = [pid for pid in dict.fromkeys(proposal.cited_post_ids) if pid in known]
        candidate = Outreach(
            brand=guide.brand,
            influencer=profile.handle,
            channel=channel,
            subject=proposal.subject if channel == "email" else None,
            body=proposal.body,
            cited_post_ids=cited_ids,
            check=_check_text(guide, proposal.body),
            self_check=check_outreach_manners(proposal.body, cited_ids, channel),
            engine=proposal.engine,
            usage=proposal.usage,
        )
        if candidate.check.passed and candidate.self_check.passed:
            return candidate
        if best is None or _rank(candidate) > _rank(best):
            best = candidate
    if best is None:
        raise AssistantError(wording.get("outreach", "values.no_candidate"))
    return best


def _rank(o: Outreach) -> tuple[bool, int]:
    return (bool(o.self_check and o.self_check.passed), o.check.score if o.check else 0)
