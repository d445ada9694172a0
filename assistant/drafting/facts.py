"""What both engines need before anyone writes a word: the facts a brief is built on, computed in code.

Guardrails, disclosure, KPIs, dates, deliverables fitted to the creator, the posts worth citing and the
creator's register come from here whichever engine drafts, so an LLM can only add prose on top of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from assistant.drafting import guide_facts, wording
from assistant.drafting import text as tx
from assistant.drafting.campaign import CampaignWords, campaign_words, capitalise
from assistant.drafting.creator import CreatorRegister, register
from assistant.drafting.guide_facts import Sourced
from assistant.drafting.kpis import kpis_for_goal
from assistant.drafting.plan import Plan, build_plan
from assistant.drafting.selection import eligible, rank_posts
from assistant.models import (
    CampaignInputs,
    FitAssessment,
    Guardrails,
    InfluencerProfile,
    Kpi,
    Post,
    Sources,
    VoiceGuide,
)

CITED_POSTS = 6
# How a creator writes and which formats work is read from their most recent posts: current habits, flat cost.
RECENT_FOR_STYLE = 500
REVISION_ROUNDS = 1
REPLY_DAYS = 2
LEAD_DAYS = 5


@dataclass
class DraftFacts:
    guide: VoiceGuide
    profile: InfluencerProfile
    posts: list[Post]
    assessment: FitAssessment | None
    inputs: CampaignInputs
    brand_name: str
    start: date
    weeks: int
    topic: str
    topics: list[str]
    selected: list[Post]
    ranked: list[Post]  # every citable post, best first
    creator: CreatorRegister
    plan: Plan
    guardrails: Guardrails
    guardrail_sections: list[str]
    disclosure: Sourced
    about: Sourced
    kpis: list[Kpi]
    approval: str
    usage_rights: str
    compensation: str
    campaign: CampaignWords
    brand_kind: str  # "app", "product" or "general" (guide_facts.brand_kind)
    revision_rounds: int = REVISION_ROUNDS
    citable_ids: set[str] = field(default_factory=set)
    extra_section_ids: list[str] = field(default_factory=list)

    @property
    def product(self) -> str:
        """The product the campaign is about, mid-sentence: the one named in the inputs, else what the campaign
        launches ("the autumn rain shell"); '' when neither names one."""
        return (self.inputs.product or "").strip() or self.campaign.launched

    @property
    def thing(self) -> str:
        """What the creator would talk about, for hooks: the product when there is one, else the brand."""
        return self.product or self.brand_name

    @property
    def thing_start(self) -> str:
        """:attr:`thing` at the start of a sentence."""
        return capitalise(self.thing)

    def span(self) -> str:
        """How long and for what, mid-sentence: "over the 12 weeks of the autumn rain shell launch"."""
        key = ("generic_" if self.campaign.generic else "") + ("one" if self.weeks == 1 else "many")
        return wording.render("brief", f"span.{key}", weeks=self.weeks, campaign=self.campaign.phrase)


def default_start(today: date | None = None) -> date:
    """Two weeks from today: time to agree terms before kickoff."""
    return (today or date.today()) + timedelta(days=14)


def shared_topics(guide: VoiceGuide, posts: list[Post]) -> list[str]:
    """The brand's topics the creator also posts about, most-posted first (ties keep the guide's order).

    Topics that are just a word of the brand's name ('outfitters') or a short generic word are skipped, and
    so is a topic that repeats one already listed ('sensitive' after 'sensitive skin', 'budget' after
    'budgeting').
    """
    name_stems = tx.content_stems(guide_facts.brand_name(guide)) | tx.content_stems(guide.brand)
    post_stems = [tx.content_stems(p.text) for p in posts]
    counted = []
    for order, topic in enumerate(guide.topics):
        stems = tx.content_stems(topic)
        if not stems or stems <= name_stems or (len(stems) == 1 and len(topic.strip()) < 5):
            continue  # a brand-name word or a too-generic single word ('care', 'kit') says nothing
        hits = sum(1 for s in post_stems if stems <= s)
        if hits:
            counted.append((-hits, -len(stems), order, topic, stems))
    kept: list[tuple[str, frozenset[str]]] = []
    for _, _, _, topic, stems in sorted(counted):
        if any(stems <= seen or seen <= stems for _, seen in kept):
            continue
        kept.append((topic, stems))
    return [topic for topic, _ in kept]


def main_topic(guide: VoiceGuide, shared: list[str], profile: InfluencerProfile) -> str:
    """The brand topic the creator talks about most (``shared`` from :func:`shared_topics`), preferring one
    their own niche names ('sensitive skin' for an evidence-based skincare for sensitive skin account); else
    their niche; else the brand's first topic."""
    niche = tx.content_stems(profile.niche or "")
    in_niche = [t for t in shared if niche and tx.content_stems(t) <= niche]
    if in_niche or shared:
        return (in_niche or shared)[0]
    if profile.niche:
        return profile.niche.split(",")[0].strip()
    return guide.topics[0] if guide.topics else guide_facts.brand_name(guide)


def audience_topics(shared: list[str], guide: VoiceGuide, profile: InfluencerProfile, limit: int = 3) -> list[str]:
    """Up to ``limit`` shared topics for the audience line, leaving out what the creator's niche already says."""
    niche = tx.content_stems(profile.niche or "")
    fresh = [t for t in shared if not (niche and tx.content_stems(t) <= niche)]
    return (fresh or shared or guide.topics)[:limit]


def gather(
    guide: VoiceGuide,
    profile: InfluencerProfile,
    posts: list[Post],
    assessment: FitAssessment | None,
    inputs: CampaignInputs,
    *,
    today: date | None = None,
) -> DraftFacts:
    """Everything code decides about a brief, before any prose."""
    name = guide_facts.brand_name(guide)
    kind = guide_facts.brand_kind(guide)
    start = inputs.start or default_start(today)
    own_posts = [p for p in posts if p.influencer == profile.handle] or posts
    citable = eligible(own_posts, guide, assessment)
    ranked = rank_posts(citable, guide, topic_hint=inputs.campaign)
    recent = sorted(own_posts, key=lambda p: (p.created_at is not None, p.created_at or 0), reverse=True)
    recent = recent[:RECENT_FOR_STYLE]
    shared = shared_topics(guide, recent)
    plan = build_plan(
        recent,
        profile,
        inputs.goal,
        start=start,
        weeks=inputs.weeks,
        brand_name=name,
        brand_kind=kind,
        niche_text=profile.niche or " ".join(shared),
    )
    rails, rail_sections = guide_facts.guardrails(guide)
    compensation = inputs.compensation or wording.render("brief", "compensation.to_agree", weeks=inputs.weeks)
    return DraftFacts(
        guide=guide,
        profile=profile,
        posts=own_posts,
        assessment=assessment,
        inputs=inputs,
        brand_name=name,
        start=start,
        weeks=inputs.weeks,
        topic=main_topic(guide, shared, profile),
        topics=audience_topics(shared, guide, profile),
        selected=ranked[:CITED_POSTS],
        ranked=ranked,
        creator=register(recent),
        plan=plan,
        guardrails=rails,
        guardrail_sections=rail_sections,
        disclosure=guide_facts.disclosure(guide, plan.platform, name),
        about=guide_facts.about(guide, name),
        kpis=kpis_for_goal(inputs.goal, kind),
        approval=wording.render(
            "brief",
            "approval.text",
            lead_days=LEAD_DAYS,
            reply_days=REPLY_DAYS,
            rounds_phrase=wording.get("brief", "approval.rounds")[str(REVISION_ROUNDS)],
        ),
        usage_rights=wording.render(
            "brief",
            "usage_rights.text",
            brand_name=name,
            handle=profile.handle,
            organic_days=wording.get("brief", "usage_rights.organic_days"),
        ),
        compensation=compensation,
        campaign=campaign_words(inputs.campaign, name),
        brand_kind=kind,
        citable_ids={p.id for p in citable},
    )


def sources(facts: DraftFacts, post_ids: list[str], section_ids: tuple[str, ...] | list[str] = ()) -> Sources:
    """Sources limited to sections that exist in the guide and to posts that exist in the feed and are safe to
    cite (not flagged, not instructions, not naming a competitor), in order, once each."""
    known_posts = facts.citable_ids
    sections = [*facts.about.section_ids, *facts.disclosure.section_ids, *facts.guardrail_sections, *section_ids]
    return Sources(
        guide_sections=[s for s in dict.fromkeys(sections) if facts.guide.section(s) is not None],
        post_ids=[p for p in dict.fromkeys(post_ids) if p in known_posts],
    )


def _sentence_case_inside(item: str) -> str:
    """Lower-case an item's first letter for use mid-sentence, unless it starts a name ("Leave No Trace")."""
    first, _, rest = item.partition(" ")
    next_word = rest.split(" ", 1)[0] if rest else ""
    if first[:1].isupper() and first[1:].islower() and not next_word[:1].isupper():
        return item[:1].lower() + item[1:]
    return item


def _to_creator(item: str) -> str:
    """Third person about the creator becomes second person to them ("their tone" -> "your tone")."""
    swaps = wording.get("brief", "creative_freedom.to_creator")
    pattern = r"(?<![\w'])(" + "|".join(re.escape(w) for w in sorted(swaps, key=len, reverse=True)) + r")(?![\w'])"
    return re.sub(pattern, lambda m: swaps[m.group(1).lower()], item, flags=re.IGNORECASE)


def keep_unchanged_sentence(facts: DraftFacts) -> str:
    """The creative-freedom sentence honouring the assessment's keep_unchanged, or '' when there is none."""
    keep = [k.strip().rstrip(".") for k in (facts.assessment.keep_unchanged if facts.assessment else []) if k.strip()]
    if not keep:
        return ""
    keep = [_to_creator(_sentence_case_inside(k)) for k in keep]
    return wording.render("brief", "creative_freedom.keep_unchanged", keep=tx.oxford_join(keep, wording.get("brief", "join.and")))
