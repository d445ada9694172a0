"""The LLM drafting engine: one structured-output call per brief, on top of the facts code computed.

The model sees the guide sections and posts only inside delimited data blocks (``wrap_untrusted``) under a
system prompt that says they are data. Retrieval is capped by ``settings.context_token_budget`` (the posts are
ranked with :func:`select_posts` and then fitted to the budget), so prompt size stays flat however long the
feed is. The model writes prose into a Brief-shaped schema; code fills and enforces the rest (see
:func:`assistant.drafting.api.finalise_brief`): KPIs from the goal, guardrails from the guide's hard limits,
disclosure, dates, approval, rights, compensation, and sources limited to ids that exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from assistant.drafting import wording
from assistant.drafting.creator import platform_info
from assistant.drafting.engine import OutreachCandidate
from assistant.drafting.facts import DraftFacts
from assistant.drafting.kpis import kind_wording
from assistant.drafting.offline import OfflineDraftingEngine, key_messages_for
from assistant.drafting.plan import PlannedItem, schedule, spread_weeks
from assistant.models import Brief, OutreachChannel, Post, Sources
from assistant.models.drafts import EngineUsage
from assistant.resources import read_prompt

if TYPE_CHECKING:
    from assistant.config import Settings

# Posts ranked before the token budget trims them: enough to fill any sane budget, bounded so work is flat.
RANKED_POSTS = 40
# Share of the context budget for guide sections; the rest goes to posts.
GUIDE_SHARE = 0.4
MAX_DELIVERABLES = 5


def _schema_text(dotted: str) -> str:
    return wording.get("schema", dotted, folder="llm")


def _described(section: str) -> ConfigDict:
    """Model config whose JSON-schema description (what the model reads as the tool's description) is from the file."""
    return ConfigDict(json_schema_extra={"description": _schema_text(f"{section}.description")})


class LLMDeliverable(BaseModel):
    """One deliverable as the model proposes it (descriptions: prompts/llm/schema.toml)."""

    model_config = _described("deliverable")

    channel: str = Field(description=_schema_text("deliverable.channel"))
    format: str = Field(description=_schema_text("deliverable.format"))
    quantity: int = Field(ge=1, le=12)
    due_week: int = Field(ge=0, description=_schema_text("deliverable.due_week"))
    notes: str = Field(default="", description=_schema_text("deliverable.notes"))


class LLMBrief(BaseModel):
    """The Brief-shaped answer the model writes; code fills and enforces the rest."""

    model_config = _described("brief")

    objective: str
    about_brand: str
    audience: str
    key_messages: list[str] = Field(description=_schema_text("brief.key_messages"))
    deliverables: list[LLMDeliverable]
    creative_freedom: str
    example_hooks: list[str] = Field(default_factory=list, description=_schema_text("brief.example_hooks"))
    cited_post_ids: list[str] = Field(default_factory=list, description=_schema_text("brief.cited_post_ids"))
    cited_section_ids: list[str] = Field(default_factory=list, description=_schema_text("brief.cited_section_ids"))


class LLMOutreach(BaseModel):
    """The outreach message the model writes."""

    model_config = _described("outreach")

    subject: str | None = Field(default=None, description=_schema_text("outreach.subject"))
    body: str
    cited_post_ids: list[str] = Field(description=_schema_text("outreach.cited_post_ids"))


def _value(dotted: str, **values: object) -> str:
    return wording.fill(wording.get("values", dotted, folder="llm"), **values)


def _prompt(name: str) -> str:
    return read_prompt(f"llm/{name}")


class LLMDraftingEngine:
    """Drafts through an OpenAI or OpenAI-compatible chat model (``assistant.llm.build_chat_model``)."""

    name = "llm"

    def __init__(self, settings: Settings, *, model=None):  # noqa: ANN001 - a LangChain chat model
        self.settings = settings
        self._model = model

    @property
    def model(self):  # noqa: ANN201
        if self._model is None:
            from assistant.llm import build_chat_model

            self._model = build_chat_model(self.settings, streaming=False)
        return self._model

    # Context -------------------------------------------------------------------------------------------------
    def guide_block(self, facts: DraftFacts, budget: int) -> tuple[str, list[str]]:
        """The guide sections that fit ``budget`` tokens, most useful first, as a data block; and their ids."""
        from assistant.llm import fit_to_budget, wrap_untrusted

        guide = facts.guide
        first = [*facts.about.section_ids, *facts.disclosure.section_ids, *facts.guardrail_sections]
        ordered = [s for s in (guide.section(i) for i in dict.fromkeys(first)) if s is not None]
        ordered += [s for s in guide.sections if s not in ordered and s.text.strip()]
        texts = [f"{s.title}\n{s.text.strip()}" for s in ordered]
        kept = set(fit_to_budget(texts, budget))
        chosen = [(s.id, t) for s, t in zip(ordered, texts) if t in kept]
        return wrap_untrusted("guide_sections", chosen), [i for i, _ in chosen]

    def posts_block(self, facts: DraftFacts, budget: int) -> tuple[str, list[Post]]:
        """The creator's best posts that fit ``budget`` tokens, as a data block; and the posts sent."""
        from assistant.llm import fit_to_budget, wrap_untrusted

        ranked = facts.ranked[:RANKED_POSTS]
        texts = [_post_line(p) for p in ranked]
        kept = set(fit_to_budget(texts, budget))
        chosen = [p for p, t in zip(ranked, texts) if t in kept]
        return wrap_untrusted("posts", [(p.id, _post_line(p)) for p in chosen]), chosen

    def _budgets(self) -> tuple[int, int]:
        total = self.settings.context_token_budget
        guide = int(total * GUIDE_SHARE)
        return guide, total - guide

    def _call(self, schema: type[BaseModel], messages: list[tuple[str, str]]) -> tuple[BaseModel, EngineUsage]:
        """One model call; usage as the provider reported it (or the offline estimate when it reports none)."""
        from langchain_core.callbacks import get_usage_metadata_callback

        from assistant.llm import count_message_tokens, invoke_structured, preferred_structured_method

        with get_usage_metadata_callback() as usage_cb:
            result = invoke_structured(
                self.model, schema, messages, method=preferred_structured_method(self.settings), settings=self.settings
            )
        reported = list(usage_cb.usage_metadata.values())
        if reported:
            usage = EngineUsage(
                model_calls=1,
                prompt_tokens=sum(u.get("input_tokens", 0) for u in reported),
                completion_tokens=sum(u.get("output_tokens", 0) for u in reported),
            )
        else:
            usage = EngineUsage(model_calls=1, prompt_tokens=count_message_tokens(messages))
        return result, usage

    # Brief ---------------------------------------------------------------------------------------------------
    def brief_messages(self, facts: DraftFacts) -> tuple[list[tuple[str, str]], list[Post], list[str]]:
        """The system and user messages for a brief, with the posts and section ids they contain."""
        from assistant.llm import untrusted_data_rules

        guide_budget, posts_budget = self._budgets()
        guide_block, section_ids = self.guide_block(facts, guide_budget)
        posts_block, sent = self.posts_block(facts, posts_budget)
        system = _prompt("brief_system.md").strip() + "\n\n" + untrusted_data_rules()
        user = wording.fill(_prompt("brief_user.md"), **self._brief_values(facts, guide_block, posts_block))
        return [("system", system), ("human", user)], sent, section_ids

    def _brief_values(self, facts: DraftFacts, guide_block: str, posts_block: str) -> dict[str, object]:
        from assistant.llm import wrap_fields

        none = _value("not_given")
        inputs, profile, assessment, reg = facts.inputs, facts.profile, facts.assessment, facts.creator
        join_and = wording.get("brief", "join.and")
        formats = [
            _value("format_line", platform=platform_info(s.platform)["name"], format=s.format, posts=s.posts, score=f"{s.score:.2f}")
            for s in facts.plan.format_stats[:6]
        ]
        plan = [
            _value("plan_line", channel=i.channel, format=i.format, quantity=len(i.due_weeks), week=i.due_weeks[0], notes=i.notes)
            for i in facts.plan.items
        ]
        return {
            "brand_name": facts.brand_name,
            "brand": facts.guide.brand,
            "handle": profile.handle,
            "platform": platform_info(facts.plan.platform)["name"],
            "followers": f"{profile.followers:,}" if profile.followers else none,
            "conversion_actions": kind_wording(facts.brand_kind)["actions"],
            "weeks": facts.weeks,
            # The marketer's free text and the creator's profile text: escaped and delimited, like posts.
            "inputs_block": wrap_fields({
                "campaign": inputs.campaign,
                "campaign_phrase": facts.campaign.phrase,
                "campaign_subject": facts.thing,
                "goal": inputs.goal,
                "product": inputs.product or none,
                "notes": inputs.notes or none,
                "niche": profile.niche or none,
            }),
            "fit_line": _value("fit_line", score=assessment.score, verdict=assessment.verdict) if assessment else none,
            "strengths": "; ".join(assessment.strengths) if assessment and assessment.strengths else none,
            "keep_unchanged": "; ".join(assessment.keep_unchanged) if assessment and assessment.keep_unchanged else none,
            "format_lines": "\n".join(formats) or none,
            "opener_line": _value("opener_some", opener=reg.opener) if reg.opener else _value("opener_none"),
            "shapes_line": _value("shapes_joiner").join(_value(f"shape.{shape}") for shape in reg.shapes[:3])
            or none,
            "sentence_words": reg.sentence_words or none,
            "person": _value(f"person.{reg.person}"),
            "emoji_line": _value("emoji_often", emoji=reg.emoji) if reg.emoji else _value("emoji_rarely"),
            "case_line": _value("case_lower") if reg.lowercase else _value("case_normal"),
            "plan_lines": "\n".join(plan) or none,
            "guide_block": guide_block,
            "posts_block": posts_block,
            "join_and": join_and,
        }

    def brief(self, facts: DraftFacts) -> Brief:
        """One model call; the answer becomes a Brief (code fills and enforces the rest in ``finalise_brief``)."""
        messages, sent_posts, section_ids = self.brief_messages(facts)
        draft, usage = self._call(LLMBrief, messages)
        assert isinstance(draft, LLMBrief)
        deliverables, timeline = self._deliverables(draft, facts)
        known_posts = {p.id for p in facts.posts}
        known_sections = {s.id for s in facts.guide.sections}
        claims = _fit_claims(facts)
        clean = lambda text: claims.check(_clean(text, known_posts))  # noqa: E731 - local shorthand
        key_messages = [clean(m) for m in draft.key_messages if m.strip()][:3] or key_messages_for(facts)[:1]
        return Brief(
            brand=facts.guide.brand,
            influencer=facts.profile.handle,
            campaign=facts.inputs.campaign,
            goal=facts.inputs.goal,
            objective=clean(draft.objective),
            about_brand=clean(draft.about_brand) or facts.about.value,
            audience=clean(draft.audience),
            key_messages=key_messages,
            deliverables=deliverables,
            creative_freedom=clean(draft.creative_freedom) or wording.get("brief", "creative_freedom.text"),
            example_hooks=[clean(h) for h in draft.example_hooks if h.strip()][:3],
            guardrails=facts.guardrails,
            disclosure=facts.disclosure.value,
            timeline=timeline,
            kpis=facts.kpis,
            approval=facts.approval,
            usage_rights=facts.usage_rights,
            compensation=facts.compensation,
            revision_rounds=facts.revision_rounds,
            sources=Sources(
                guide_sections=[s for s in dict.fromkeys(draft.cited_section_ids) if s in known_sections],
                post_ids=_known(draft.cited_post_ids, facts.posts),
            ),
            engine="llm",
            usage=usage,
        )

    def _deliverables(self, draft: LLMBrief, facts: DraftFacts):  # noqa: ANN202
        """The model's deliverables with code-computed dates; the plan's when the model's don't make a partnership
        (fewer than two formats)."""
        weeks = facts.weeks
        items = [
            PlannedItem(d.channel.strip(), d.format.strip(), spread_weeks(d.quantity, d.due_week, weeks), d.notes.strip())
            for d in draft.deliverables[:MAX_DELIVERABLES]
            if d.channel.strip() and d.format.strip()
        ]
        if len({i.format.lower() for i in items}) < 2:
            items = facts.plan.items
        return schedule(
            items,
            start=facts.start,
            weeks=weeks,
            tracked_code=facts.plan.tracked_code,
            code=facts.plan.code,
        )

    # Outreach ------------------------------------------------------------------------------------------------
    def outreach_messages(self, facts: DraftFacts, channel: OutreachChannel, cited: list[Post]) -> list[tuple[str, str]]:
        from assistant.llm import untrusted_data_rules, wrap_fields, wrap_untrusted

        guide_budget, _ = self._budgets()
        guide_block, _ = self.guide_block(facts, guide_budget)
        posts_block = wrap_untrusted("posts", [(p.id, _post_line(p)) for p in cited])
        none = _value("not_given")
        assessment = facts.assessment
        why = "; ".join(assessment.strengths[:3]) if assessment and assessment.strengths else none
        values = {
            "channel_name": _value(f"channel_name.{channel}"),
            "handle": facts.profile.handle,
            "platform": platform_info(facts.plan.platform)["name"],
            "brand_name": facts.brand_name,
            "brand": facts.guide.brand,
            "weeks": facts.weeks,
            # The marketer's free text and the creator's profile text: escaped and delimited, like posts.
            "inputs_block": wrap_fields({
                "campaign_phrase": facts.campaign.phrase,
                "goal": facts.inputs.goal,
                "compensation": facts.inputs.compensation or none,
                "display_name": facts.profile.display_name or facts.profile.handle,
            }),
            "why": why,
            "guide_block": guide_block,
            "posts_block": posts_block,
        }
        system = _prompt("outreach_system.md").strip() + "\n\n" + untrusted_data_rules()
        return [("system", system), ("human", wording.fill(_prompt("outreach_user.md"), **values))]

    def outreach(self, facts: DraftFacts, channel: OutreachChannel, cited: list[Post]) -> list[OutreachCandidate]:
        """The model's message first (one call), then the offline engine's as fallbacks if it fails the checks."""
        draft, usage = self._call(LLMOutreach, self.outreach_messages(facts, channel, cited))
        assert isinstance(draft, LLMOutreach)
        from assistant.llm import extract_post_ids

        ids = _known([*draft.cited_post_ids, *extract_post_ids(draft.body)], cited)
        subject = _strip_citations(draft.subject) if channel == "email" and draft.subject else None
        first = OutreachCandidate(
            body=_fit_claims(facts).check(_strip_citations(draft.body)), cited_post_ids=ids, subject=subject, usage=usage, engine="llm"
        )
        fallbacks = OfflineDraftingEngine().outreach(facts, channel, cited)
        for fallback in fallbacks:
            fallback.usage = usage  # the call was made either way
        return [first, *fallbacks]


def _post_line(post: Post) -> str:
    """A post as the model sees it: date, platform and metrics, then the text."""
    meta = [post.created_at.date().isoformat() if post.created_at else "", post.platform or ""]
    metrics = [f"{name} {value}" for name, value in (("likes", post.likes), ("comments", post.comments), ("views", post.views)) if value is not None]
    head = " · ".join(x for x in meta + metrics if x)
    return f"[{head}]\n{post.text.strip()}" if head else post.text.strip()


def _fit_claims(facts: DraftFacts):  # noqa: ANN202 - assistant.llm.grounding.FitClaimChecker
    """A checker that puts the computed fit score and verdict back wherever the model's prose states others."""
    from assistant.llm.grounding import ComputedFit, FitClaimChecker

    checker = FitClaimChecker(default_handle=facts.profile.handle)
    if facts.assessment is not None:
        checker.add(ComputedFit.of(facts.assessment))
    return checker


def _known(ids: list[str], posts: list[Post]) -> list[str]:
    """The ids that name one of ``posts`` (matched case-insensitively, returned as stored), once each."""
    by_lower = {p.id.lower(): p.id for p in posts}
    return list(dict.fromkeys(by_lower[i.strip().lower()] for i in ids if i.strip().lower() in by_lower))


def _clean(text: str, known: set[str]) -> str:
    """Prose with citations of posts we don't have removed (known ones stay)."""
    from assistant.llm import drop_unknown_citations

    cleaned, _ = drop_unknown_citations(text.strip(), known)
    return cleaned


def _strip_citations(text: str) -> str:
    """A message to a creator carries no bracketed ids: remove every citation and bare id."""
    from assistant.llm import drop_unknown_citations

    cleaned, _ = drop_unknown_citations(text, set(), marker="")
    return "\n".join(" ".join(line.split()) for line in cleaned.strip().splitlines())


__all__ = ["LLMBrief", "LLMDeliverable", "LLMDraftingEngine", "LLMOutreach"]
