"""The offline brain: understands a message (``intents.parse``), asks for what is missing, calls the services, and
replies in Markdown with the same reports the CLI prints. No model is involved, so nothing in a post, a guide or
a caption can change what it does or any score it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

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
)
from assistant.brain.intents import Intent, Slot, campaign_from_answer, looks_like_new_command, parse
from assistant.brain.resolve import Catalog, find_goal
from assistant.brain.state import Conversation, Pending, TurnRecord
from assistant.brain.wording import say
from assistant.plural import plural

if TYPE_CHECKING:
    from assistant.services import Services

T = TypeVar("T")
GUIDE_SUFFIXES = {".md", ".markdown", ".txt"}


class Router:
    """Handles turns without a model. ``run`` yields events; the brain wraps them into a saved turn."""

    def __init__(self, services: Services, conversation: Conversation) -> None:
        self.services = services
        self.conversation = conversation

    # Entry -------------------------------------------------------------------------------------------------
    def run(self, text: str, turn: TurnRecord, intent: Intent | None = None) -> Iterator[ChatEvent]:
        """Handle ``text`` (or an intent already understood from it)."""
        catalog = Catalog.from_store(self.services.store)
        if intent is None:
            intent = self.understand(text, catalog)
        yield from self._do(intent, catalog, turn)

    def understand(self, text: str, catalog: Catalog) -> Intent:
        """The intent of ``text``, completing the question left open by the previous turn when it answers it."""
        return self.answer_pending(text, catalog) or parse(text, catalog)

    def answer_pending(self, text: str, catalog: Catalog | None = None) -> Intent | None:
        """The open question's request completed by ``text``, or None if ``text`` doesn't answer it. Either way
        the question is closed: it only ever applies to the very next message."""
        pending, self.conversation.pending = self.conversation.pending, None
        if pending is None or text.strip().startswith("/"):
            return None
        return _answer(pending, text, catalog or Catalog.from_store(self.services.store))

    # Dispatch ----------------------------------------------------------------------------------------------
    def _do(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        handlers = {
            "help": self._help,
            "welcome": self._welcome,
            "demo": self._demo,
            "brands": self._brands,
            "creators": self._creators,
            "search": self._search,
            "fit": self._fit,
            "rank": self._rank,
            "brief": self._draft,
            "outreach": self._draft,
            "check": self._check,
            "set_context": self._set_context,
            "ingest": self._ingest,
            "drafts": self._drafts,
            "export": self._export,
        }
        if intent.error:
            yield TextDelta(text=say("bad_command", problem=intent.error))
            return
        handler = handlers.get(intent.kind)
        if handler is None:
            yield TextDelta(text=say("not_understood", context=self._context_line(catalog)))
            return
        yield from handler(intent, catalog, turn)

    # Asking for what is missing ----------------------------------------------------------------------------
    def _ask(self, turn: TurnRecord, intent: Intent, missing: Slot, question: str) -> TextDelta:
        turn.pending = Pending(intent=intent, missing=missing)
        return TextDelta(text=question)

    def _brand_for(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> tuple[str | None, TextDelta | None]:
        """The brand to use (named, else current), or a question asking for it."""
        if not catalog.brands:
            return None, TextDelta(text=say("no_brands"))
        if intent.unknown_brand:
            question = say("ask_brand_unknown", name=intent.unknown_brand, brands=catalog.brand_list())
            return None, self._ask(turn, intent.model_copy(update={"unknown_brand": None}), "brand", question)
        brand = intent.brand or self.conversation.brand
        if brand is None:
            return None, self._ask(turn, intent, "brand", say("ask_brand", brands=catalog.brand_list()))
        return brand, None

    def _creator_for(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> tuple[str | None, TextDelta | None]:
        """The creator to use (named, else the one 'she' / 'this creator' / the context means), or a question."""
        if not catalog.creators:
            return None, TextDelta(text=say("no_creators"))
        named = intent.influencer
        if named and named.startswith("?"):
            question = say("ask_creator_unknown", name=named[1:], creators=catalog.creator_list())
            return None, self._ask(turn, intent.model_copy(update={"influencer": None}), "influencer", question)
        creator = named or self.conversation.influencer
        if creator is None:
            key = "ask_creator_pronoun" if intent.uses_pronoun else "ask_creator"
            return None, self._ask(turn, intent, "influencer", say(key, creators=catalog.creator_list()))
        return creator, None

    def _context_line(self, catalog: Catalog) -> str:
        what = self._context_what(catalog)
        return say("context_line", what=what) if what else say("context_none")

    def _context_what(self, catalog: Catalog) -> str:
        parts = []
        if self.conversation.brand:
            parts.append(f"**{catalog.brand_name(self.conversation.brand)}**")
        if self.conversation.influencer:
            parts.append(f"**@{self.conversation.influencer}**")
        return " and ".join(parts)

    def _use(self, *, brand: str | None = None, influencer: str | None = None) -> Iterator[ContextChanged]:
        changed = self.conversation.set_context(brand=brand, influencer=influencer)
        if changed is not None:
            yield changed

    def _call(self, name: str, arguments: dict[str, Any], fn: Callable[[], T], summary: Callable[[T], str]
              ) -> Generator[ChatEvent, None, T]:
        """Run a service call between ToolStarted and ToolFinished (ok=False, then re-raised, if it fails)."""
        yield ToolStarted(name=name, arguments=arguments)
        try:
            result = fn()
        except Exception as exc:
            yield ToolFinished(name=name, ok=False, summary=" ".join(str(exc).split())[:200])
            raise
        yield ToolFinished(name=name, summary=summary(result))
        return result

    # Conversation ------------------------------------------------------------------------------------------
    def _help(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        yield TextDelta(text=say("help"))

    def _welcome(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        if not catalog.brands and not catalog.creators:
            yield TextDelta(text=say("welcome_empty"))
        else:
            yield TextDelta(text=say("welcome", context=self._context_line(catalog)))

    def _set_context(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        if intent.unknown_brand:
            brand, question = self._brand_for(intent, catalog, turn)
            if question:
                yield question
                return
        if intent.influencer and intent.influencer.startswith("?"):
            _, question = self._creator_for(intent, catalog, turn)
            if question:
                yield question
                return
        if not intent.brand and not intent.influencer:
            what = self._context_what(catalog)
            yield TextDelta(text=say("context_unchanged", what=what) if what else say("context_cleared"))
            return
        changed = self.conversation.set_context(brand=intent.brand, influencer=intent.influencer)
        if changed is not None:
            yield changed
        key = "context_set" if changed is not None else "context_unchanged"
        yield TextDelta(text=say(key, what=self._context_what(catalog)))

    # Store -------------------------------------------------------------------------------------------------
    def _demo(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        result = yield from self._call("load_demo", {}, self.services.load_demo,
                                       lambda r: f"{plural(len(r.brands), 'brand')}, {plural(len(r.influencers), 'creator')}")
        yield TextDelta(text=say(
            "demo_loaded",
            brands=", ".join(result.brands),
            creators=", ".join(f"@{h}" for h in result.influencers),
            posts=result.posts_added,
        ))

    def _brands(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        from assistant.reports import brands_markdown

        yield TextDelta(text=brands_markdown(catalog.brands))

    def _creators(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        from assistant.reports import influencers_markdown

        yield TextDelta(text=influencers_markdown(catalog.creators))

    def _search(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        from assistant.reports import search_markdown

        if not intent.text:
            yield TextDelta(text=say("search_empty_query"))
            return
        if intent.influencer and intent.influencer.startswith("?"):
            _, question = self._creator_for(intent, catalog, turn)
            if question:
                yield question
                return
        influencer = intent.influencer
        brand = None if influencer else intent.brand
        query = intent.text
        hits = yield from self._call("search", {"query": query, "brand": brand, "influencer": influencer},
                                     lambda: self.services.search(query, brand=brand, influencer=influencer),
                                     lambda h: f"{len(h)} results")
        scope = f"@{influencer}'s posts" if influencer else (f"{catalog.brand_name(brand)}'s guide" if brand else
                                                              "all guides and posts")
        yield TextDelta(text=search_markdown(hits) + "\n\n" + say("search_scope", scope=scope))

    def _ingest(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        if not intent.path:
            yield self._ask(turn, intent, "path", say("ask_path"))
            return
        path = Path(intent.path).expanduser()
        if path.suffix.lower() in GUIDE_SUFFIXES:
            guide, _ = yield from self._call("ingest_guide", {"path": str(path)},
                                             lambda: self.services.ingest_guide(path, brand=intent.brand),
                                             lambda r: plural(len(r[0].sections), "section"))
            yield from self._use(brand=guide.brand)
            yield TextDelta(text=say("guide_ingested", name=guide.name, brand=guide.brand,
                                     sections=len(guide.sections), rules=len(guide.rules)))
            return
        handle = (intent.influencer or "").lstrip("?")
        if not handle:
            yield self._ask(turn, intent, "influencer", say("ask_ingest_creator"))
            return
        profile, result = yield from self._call("ingest_posts", {"path": str(path), "influencer": handle},
                                                lambda: self.services.ingest_posts(path, handle),
                                                lambda r: plural(r[1].total, "post"))
        yield from self._use(influencer=profile.handle)
        yield TextDelta(text=say("posts_ingested", handle=profile.handle, total=result.total, added=result.added,
                                 updated=result.updated, unchanged=result.unchanged))

    # Analysis ----------------------------------------------------------------------------------------------
    def _fit(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        from assistant.reports import fit_markdown

        creator, question = self._creator_for(intent, catalog, turn)
        if question:
            yield question
            return
        brand, question = self._brand_for(intent.model_copy(update={"influencer": creator}), catalog, turn)
        if question:
            yield question
            return
        assert brand and creator
        yield from self._use(brand=brand, influencer=creator)
        assessment = yield from self._call("assess_fit", {"brand": brand, "influencer": creator},
                                           lambda: self.services.fit(brand, creator),
                                           lambda a: f"{a.score}/100, {a.verdict}")
        yield FitReady(assessment=assessment)
        yield TextDelta(text=fit_markdown(assessment))

    def _rank(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        from assistant.reports import rank_markdown

        brand, question = self._brand_for(intent, catalog, turn)
        if question:
            yield question
            return
        assert brand
        yield from self._use(brand=brand)
        rows = yield from self._call("rank_creators", {"brand": brand}, lambda: self.services.rank(brand),
                                     lambda r: plural(len(r), "creator"))
        yield RankReady(brand=brand, rows=rows)
        yield TextDelta(text=rank_markdown(catalog.brand_name(brand), rows))

    def _check(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        from assistant.reports import check_markdown

        brand, question = self._brand_for(intent, catalog, turn)
        if question:
            yield question
            return
        if not intent.text or not intent.text.strip():
            yield self._ask(turn, intent.model_copy(update={"brand": brand}), "text", say("ask_text"))
            return
        assert brand
        yield from self._use(brand=brand)
        text = intent.text
        report = yield from self._call("check_text", {"brand": brand, "chars": len(text)},
                                       lambda: self.services.check(brand, text), lambda r: f"{r.score}/100")
        yield CheckReady(report=report)
        yield TextDelta(text=check_markdown(report))

    # Drafting ----------------------------------------------------------------------------------------------
    def _draft(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        from assistant.models import CampaignInputs

        creator, question = self._creator_for(intent, catalog, turn)
        if question:
            yield question
            return
        intent = intent.model_copy(update={"influencer": creator})
        brand, question = self._brand_for(intent, catalog, turn)
        if question:
            yield question
            return
        intent = intent.model_copy(update={"brand": brand})
        campaign = intent.campaign
        if intent.kind == "brief" and not campaign:
            yield self._ask(turn, intent, "campaign", say("ask_campaign"))
            return
        assert brand and creator
        start = None
        if intent.start:
            try:
                start = date.fromisoformat(intent.start)
            except ValueError:
                yield TextDelta(text=say("bad_command", problem=say("bad_start", value=intent.start)))
                return
        inputs = CampaignInputs(
            campaign=campaign or say("default_outreach_campaign"),
            goal=intent.goal or "awareness",
            weeks=intent.weeks or 12,
            start=start,
            product=intent.product,
            compensation=intent.compensation,
        )
        yield from self._use(brand=brand, influencer=creator)
        cid = self.conversation.id
        arguments: dict[str, Any] = {"brand": brand, "influencer": creator,
                                     **inputs.model_dump(mode="json", exclude_none=True)}
        if intent.kind == "brief":
            saved = yield from self._call("draft_brief", arguments,
                                          lambda: self.services.brief(brand, creator, inputs, conversation_id=cid),
                                          lambda d: d.title)
        else:
            channel = intent.channel or "dm"
            saved = yield from self._call(
                "draft_outreach", {**arguments, "channel": channel},
                lambda: self.services.outreach(brand, creator, inputs, channel=channel, conversation_id=cid),
                lambda d: d.title)
        self.conversation.drafts.append(saved.id)
        usage = saved.data.usage  # the LLM drafting engine's calls, when a model is configured
        turn.model_calls += usage.model_calls
        turn.add_tokens(usage.prompt_tokens, usage.completion_tokens)
        yield DraftSaved(draft_id=saved.id, kind=saved.kind, title=saved.title)
        notes = []
        if intent.kind == "brief" and not intent.goal:
            notes.append(say("goal_defaulted", goal=inputs.goal))
        notes.append(say("draft_saved", id=saved.id))
        yield TextDelta(text=saved.markdown.rstrip() + "\n\n" + "\n\n".join(notes))

    def _drafts(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        drafts = self.services.history.list_drafts(limit=30)
        if not drafts:
            yield TextDelta(text=say("drafts_none"))
            return
        rows = [say("drafts_header")]
        for d in drafts:
            title = d.title.replace("|", "\\|")
            rows.append(f"| `{d.id}` | {d.kind} | {title} | {d.created_at:%Y-%m-%d %H:%M} |")
        yield TextDelta(text="\n".join(rows))

    def _export(self, intent: Intent, catalog: Catalog, turn: TurnRecord) -> Iterator[ChatEvent]:
        draft_id = intent.draft_id or (self.conversation.drafts[-1] if self.conversation.drafts else None)
        if draft_id is None:
            yield TextDelta(text=say("export_none"))
            return
        draft = self.services.history.get_draft(draft_id)
        path = Path(intent.path).expanduser() if intent.path else self.services.settings.drafts_dir / f"{draft.id}.md"
        written = yield from self._call("export_draft", {"draft_id": draft.id, "path": str(path)},
                                        lambda: self.services.export_draft(draft.id, path), str)
        yield TextDelta(text=say("exported", id=draft.id, path=written))


def _answer(pending: Pending, text: str, catalog: Catalog) -> Intent | None:
    """``pending``'s intent completed with ``text`` as the answer, or None when ``text`` is a new request."""
    intent, missing = pending.intent, pending.missing
    if missing == "text":  # whatever is pasted is the text to check, commands and all: it's data
        return intent.model_copy(update={"text": text.strip() or None})
    if missing == "path":
        return intent.model_copy(update={"path": text.strip().strip("'\"`") or None})
    if missing == "campaign":
        if looks_like_new_command(text):
            return None
        goal = find_goal(text)
        update: dict[str, object] = {"campaign": campaign_from_answer(text, catalog)}
        if goal:
            update["goal"] = goal
        return intent.model_copy(update=update)
    short = len(text.split()) <= 4
    if missing == "brand":
        brand = catalog.find_brand(text) or (catalog.brand_named(text.strip(" .!?")) if short else None)
        if brand:
            return intent.model_copy(update={"brand": brand, "unknown_brand": None})
        if looks_like_new_command(text) or not short:
            return None
        return intent.model_copy(update={"unknown_brand": text.strip(" .!?")})
    # missing == "influencer"
    creator = catalog.find_creator(text)
    if creator is None and short:
        creator = catalog.creator_named(text.strip(" .!?"))
    if intent.kind == "ingest" and short and creator is None:
        creator = text.strip(" .!?").lstrip("@").lower() or None  # posts may be from a creator not yet stored
    if creator:
        update = {"influencer": creator.lstrip("?") if intent.kind == "ingest" else creator}
        brand = catalog.find_brand(text)
        if brand and not intent.brand:
            update["brand"] = brand
        return intent.model_copy(update=update)
    if looks_like_new_command(text) or not short:
        return None
    return intent.model_copy(update={"influencer": f"?{text.strip(' .!?').lstrip('@').lower()}"})
