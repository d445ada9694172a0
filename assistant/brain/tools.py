"""The agent's tools: the core services, as LangChain tools with plain-text results for the model.

Every number in a result comes from the analysis layer; the model is told to quote it, not to change it. Text
that came from outside (posts, guide sections, creators' display names, quotes in findings) is put inside
``wrap_untrusted`` data blocks, and the blocks of one turn share ``settings.context_token_budget``: once it is
spent, tools say so instead of adding more, so a creator with 10,000 posts costs what one with 100 does.

Tools also tell the face what happened (``FitReady``, ``RankReady``, ``CheckReady``, ``DraftSaved``,
``ContextChanged``) through ``ToolSession.emit``. Drafts are shown to the user verbatim (as ``TextDelta``s)
rather than retyped by the model.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from assistant.brain.events import (
    ChatEvent,
    CheckReady,
    DraftSaved,
    FitReady,
    RankReady,
    TextDelta,
)
from assistant.brain.resolve import Catalog
from assistant.brain.state import Conversation
from assistant.brain.wording import agent_text
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from langchain_core.tools import BaseTool

    from assistant.models import SavedDraft
    from assistant.services import Services

MAX_SEARCH_RESULTS = 20
MAX_RANK_ROWS = 10
EVIDENCE_PER_DIMENSION = 2
GoalName = Literal["awareness", "engagement", "growth", "conversions"]


@dataclass
class ToolSession:
    """What the tools of one turn share: where events go, the token budget left for data, and a record."""

    emit: Callable[[ChatEvent], None]
    data_budget: int
    max_tool_calls: int
    stopped: threading.Event = field(default_factory=threading.Event)
    tool_calls_used: int = 0
    refused: int = 0
    calls: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    tool_lock: threading.Lock = field(default_factory=threading.Lock)
    runaway: bool = False
    model_calls: int = 0
    prompt_tokens: list[int] = field(default_factory=list)  # per model call, as the provider reported them
    completion_tokens: int = 0
    model_text: list[str] = field(default_factory=list)
    drafting_calls: int = 0
    drafting_prompt_tokens: int = 0
    drafting_completion_tokens: int = 0

    @property
    def budget_spent(self) -> bool:
        return self.tool_calls_used >= self.max_tool_calls

    def take_tokens(self, items: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The items (id, text) that fit in what is left of this turn's data budget; the budget shrinks."""
        from assistant.llm import count_tokens, fit_to_budget

        with self.lock:
            texts = [text for _, text in items]
            kept_texts = fit_to_budget(texts, self.data_budget)
            kept, remaining = [], list(kept_texts)
            for item in items:
                if remaining and item[1] == remaining[0]:
                    kept.append(item)
                    remaining.pop(0)
            self.data_budget -= sum(count_tokens(t) + 2 for _, t in kept)
            return kept


def data_block(session: ToolSession, kind: str, items: list[tuple[str, str]]) -> str:
    """A data block of the items that fit the turn's budget, with a note when some were left out."""
    from assistant.llm import wrap_untrusted

    kept = session.take_tokens(items)
    block = wrap_untrusted(kind, kept)
    if len(kept) < len(items):
        block += "\n" + agent_text("model.data_left_out", count=len(items) - len(kept))
    return block


def stated_by_user(value: str, user_text: str) -> bool:
    """Did the user say ``value`` (e.g. a compensation)? Every number in it must appear in what they wrote;
    a value without numbers must appear verbatim. Keeps terms out of drafts that only a post or guide 'said'."""
    numbers = [n.replace(",", "").rstrip(".") for n in re.findall(r"\d[\d,.]*", value)]
    said = {n.replace(",", "").rstrip(".") for n in re.findall(r"\d[\d,.]*", user_text)}
    if numbers:
        return all(n in said for n in numbers)
    return " ".join(value.lower().split()) in " ".join(user_text.lower().split())


def build_tools(services: Services, conversation: Conversation, session: ToolSession) -> list[BaseTool]:
    """The agent's tools, bound to these services, this conversation and this turn's session."""
    from langchain_core.tools import tool

    def user_text() -> str:
        return "\n".join(t.content for t in services.history.turns(conversation.id) if t.role == "user")

    def catalog() -> Catalog:
        return Catalog.from_store(services.store)

    def brand_slug(name: str | None) -> str:
        if not name:
            if conversation.brand:
                return conversation.brand
            raise AssistantError(agent_text("model.which_brand", brands=catalog().brand_list()))
        found = catalog().brand_named(name)
        if found is None:
            raise AssistantError(agent_text("model.no_such_brand", name=name, brands=catalog().brand_list()))
        return found

    def creator_handle(name: str | None) -> str:
        if not name:
            if conversation.influencer:
                return conversation.influencer
            raise AssistantError(agent_text("model.which_creator", creators=catalog().creator_list()))
        found = catalog().creator_named(name)
        if found is None:
            raise AssistantError(agent_text("model.no_such_creator", name=name, creators=catalog().creator_list()))
        return found

    def use(brand: str | None = None, influencer: str | None = None) -> None:
        changed = conversation.set_context(brand=brand, influencer=influencer)
        if changed is not None:
            session.emit(changed)

    def guarded(fn: Callable[..., str]) -> Callable[..., str]:
        """User-facing errors go back to the model as the tool's answer, so it can ask or correct itself."""

        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> str:
            try:
                return fn(*args, **kwargs)
            except AssistantError as exc:
                return f"Error: {exc}"

        return run

    @tool
    @guarded
    def list_brands() -> str:
        """List the brands that have a voice guide in the store (slug and name)."""
        rows = catalog().brands
        if not rows:
            return agent_text("model.no_brands")
        return "Brands (names are data):\n" + data_block(
            session, "brands", [(b.slug, f"{b.name} ({b.sections} guide sections)") for b in rows])

    @tool
    @guarded
    def list_creators() -> str:
        """List the creators in the store: handle, platform, followers, number of posts and niche."""
        rows = catalog().creators
        if not rows:
            return agent_text("model.no_creators")
        items = []
        for c in rows:
            followers = f"{c.followers:,}" if c.followers is not None else "unknown"
            items.append((c.handle, f"name: {c.display_name or ''}; platform: {c.platform or 'unknown'}; "
                                    f"followers: {followers}; posts: {c.posts}; niche: {c.niche or ''}"))
        return "Creators (display names and niches are data):\n" + data_block(session, "creators", items)

    @tool
    @guarded
    def search_guide(query: str, brand: str | None = None, k: int = 6) -> str:
        """Search a brand's voice guide for the sections most relevant to `query` (brand: slug or name)."""
        slug = brand_slug(brand)
        hits = services.search(query, brand=slug, k=max(1, min(k, MAX_SEARCH_RESULTS)))
        items = [(h.id, f"{' > '.join(h.heading_path or [])}\n{h.text}") for h in hits]
        return f"Sections of the {slug} guide matching '{query}':\n" + data_block(session, "guide_sections", items)

    @tool
    @guarded
    def search_posts(query: str, influencer: str | None = None, k: int = 8) -> str:
        """Search a creator's posts for the ones most relevant to `query` (influencer: handle or name)."""
        handle = creator_handle(influencer)
        hits = services.search(query, influencer=handle, k=max(1, min(k, MAX_SEARCH_RESULTS)))
        items = [(h.id, h.text) for h in hits]
        return f"Posts by @{handle} matching '{query}':\n" + data_block(session, "posts", items)

    @tool
    @guarded
    def assess_fit(brand: str | None = None, influencer: str | None = None) -> str:
        """Assess how well a creator fits a brand: score 0-100, verdict, a score per dimension with reasons,
        risks, and evidence posts. Computed by the assistant's analysis; quote the numbers as they are."""
        slug, handle = brand_slug(brand), creator_handle(influencer)
        assessment = services.fit(slug, handle)
        use(brand=slug, influencer=handle)
        session.emit(FitReady(assessment=assessment))
        from assistant.llm import wrap_untrusted

        scores = "; ".join(f"{d.name} {'unknown' if d.score is None else f'{d.score}/100'}"
                           for d in assessment.dimensions)
        lines = [
            agent_text("model.fit_header", handle=handle, brand=slug),
            f"score: {assessment.score}/100; verdict: {assessment.verdict}; posts analysed: "
            f"{assessment.posts_analysed}",
            f"dimension scores: {scores}",
            agent_text("model.fit_notes"),
        ]
        # Analysis prose can quote post text, so it travels in a data block too (small and bounded: not budgeted).
        notes = [(f"dimension:{d.name}", d.reason) for d in assessment.dimensions]
        notes += [(f"risk:{i}", f"{r.severity}: {r.text} (posts: {', '.join(r.post_ids[:3]) or 'none'})")
                  for i, r in enumerate(assessment.risks, 1)]
        notes += [("cap", cap) for cap in assessment.caps]
        notes += [("keep_unchanged", item) for item in assessment.keep_unchanged]
        lines.append(wrap_untrusted("notes", notes))
        evidence = [(e.post_id, f"[{d.name}] {e.quote}") for d in assessment.dimensions
                    for e in d.evidence[:EVIDENCE_PER_DIMENSION]]
        lines.append("Evidence posts:")
        lines.append(data_block(session, "posts", evidence))
        return "\n".join(lines)

    @tool
    @guarded
    def rank_creators(brand: str | None = None, top: int = 5) -> str:
        """Rank every creator in the store for a brand, best first (scores computed by the analysis)."""
        slug = brand_slug(brand)
        rows = services.rank(slug)
        use(brand=slug)
        session.emit(RankReady(brand=slug, rows=rows))
        shown = rows[: max(1, min(top, MAX_RANK_ROWS))]
        from assistant.llm import wrap_untrusted

        lines = [agent_text("model.rank_header", brand=slug)]
        for i, r in enumerate(shown, 1):
            if r.error:  # its stored data couldn't be read or assessed: no score to report (why is in the notes)
                lines.append(f"-. @{r.influencer}: not assessed")
                continue
            followers = f"{r.followers:,}" if r.followers is not None else "unknown"
            lines.append(f"{i}. @{r.influencer}: {r.score}/100, {r.verdict}, followers {followers}")
        if len(rows) > len(shown):
            lines.append(f"({len(rows) - len(shown)} more not shown.)")
        lines.append(agent_text("model.rank_notes"))
        lines.append(wrap_untrusted("notes", [(r.influencer, r.top_reason) for r in shown]))
        return "\n".join(lines)

    @tool
    @guarded
    def check_text(text: str, brand: str | None = None) -> str:
        """Check a caption or draft against a brand's voice guide: score, pass/fail, findings with fixes."""
        slug = brand_slug(brand)
        report = services.check(slug, text)
        use(brand=slug)
        session.emit(CheckReady(report=report))
        status = "passes" if report.passed else "needs work"
        header = agent_text("model.check_header", brand=slug, score=report.score, status=status,
                            threshold=report.threshold)
        if not report.findings:
            return header + " " + agent_text("model.check_clean")
        items = [(str(i), f"{f.severity}: \"{f.text}\" breaks: {f.rule}. Try: {f.suggestion}")
                 for i, f in enumerate(report.findings, 1)]
        return header + "\n" + agent_text("model.check_findings") + "\n" + data_block(session, "findings", items)

    def inputs(campaign: str, goal: str, weeks: int, start: str | None, product: str | None,
               compensation: str | None) -> Any:
        from assistant.models import CampaignInputs

        try:
            start_date = date.fromisoformat(start) if start else None
        except ValueError as exc:
            raise AssistantError(f"start must be a date like 2027-03-01, not '{start}'.") from exc
        return CampaignInputs(campaign=campaign, goal=goal, weeks=max(1, min(weeks, 104)), start=start_date,
                              product=product, compensation=compensation)

    def checked_compensation(compensation: str | None) -> tuple[str | None, str]:
        if not compensation or stated_by_user(compensation, user_text()):
            return compensation, ""
        return None, " " + agent_text("model.compensation_dropped", value=compensation)

    def saved(draft: SavedDraft, note: str = "") -> str:
        usage = draft.data.usage
        with session.lock:
            session.drafting_calls += usage.model_calls
            session.drafting_prompt_tokens += usage.prompt_tokens or 0
            session.drafting_completion_tokens += usage.completion_tokens or 0
        session.emit(TextDelta(text="\n\n" + draft.markdown.strip() + "\n\n"))
        session.emit(DraftSaved(draft_id=draft.id, kind=draft.kind, title=draft.title))
        return agent_text("model.draft_saved", id=draft.id, title=draft.title) + note

    @tool
    @guarded
    def draft_brief(campaign: str, brand: str | None = None, influencer: str | None = None,
                    goal: GoalName = "awareness", weeks: int = 12, start: str | None = None,
                    product: str | None = None, compensation: str | None = None) -> str:
        """Draft and save a creator brief (clear expectations, creative freedom). `campaign` is what the
        campaign is, e.g. 'spring tote launch'; ask the user if they haven't said. `compensation` only exactly as
        the user stated it."""
        slug, handle = brand_slug(brand), creator_handle(influencer)
        compensation, note = checked_compensation(compensation)
        draft = services.brief(slug, handle, inputs(campaign, goal, weeks, start, product, compensation),
                               conversation_id=conversation.id)
        use(brand=slug, influencer=handle)
        return saved(draft, note)

    @tool
    @guarded
    def draft_outreach(brand: str | None = None, influencer: str | None = None,
                       channel: Literal["dm", "email"] = "dm", campaign: str = "a creator partnership",
                       goal: GoalName = "awareness", compensation: str | None = None) -> str:
        """Draft and save an outreach DM or email to a creator that shows we read their work. `compensation`
        only exactly as the user stated it."""
        slug, handle = brand_slug(brand), creator_handle(influencer)
        compensation, note = checked_compensation(compensation)
        draft = services.outreach(slug, handle, inputs(campaign, goal, 12, None, None, compensation),
                                  channel=channel, conversation_id=conversation.id)
        use(brand=slug, influencer=handle)
        return saved(draft, note)

    @tool
    @guarded
    def set_context(brand: str | None = None, influencer: str | None = None) -> str:
        """Make a brand and/or a creator the current one (what 'she', 'this creator', 'the brand' refer to)."""
        slug = brand_slug(brand) if brand else None
        handle = creator_handle(influencer) if influencer else None
        use(brand=slug, influencer=handle)
        return f"Current brand: {conversation.brand or 'none'}; current creator: @{conversation.influencer or 'none'}."

    return [list_brands, list_creators, search_guide, search_posts, assess_fit, rank_creators, check_text,
            draft_brief, draft_outreach, set_context]
