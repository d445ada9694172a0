"""The LLM brain: a LangChain ``create_agent`` whose tools are the core services, streamed as chat events.

Safety rails, all in code:

- a per-turn tool-call budget (``settings.agent_max_tool_calls``): further calls are refused with a message, the
  next model call gets no tools, and a model that still asks for tools is stopped;
- an explicit ``recursion_limit`` on the graph, as a backstop;
- tool results carrying posts or guide text are wrapped as data and share one token budget per turn
  (see :mod:`assistant.brain.tools`);
- a score or verdict the reply states is checked, a sentence at a time before it is shown, against what code
  computed (``assistant.llm.grounding.FitClaimChecker``); a contradicting one is replaced, with a note;
- after the reply, every post id the model cites is checked against the store and unknown ones are removed;
- provider failures become one readable line (``friendly_error``); the partial reply is kept.

The graph runs in a worker thread and hands events over a queue, so setting ``cancel`` stops the turn at once
even while a model call is still waiting for its first token.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from datetime import date
from string import Template
from typing import TYPE_CHECKING, Any

from assistant.brain.events import ChatEvent, FitReady, RankReady, TextDelta, ToolFinished, ToolStarted
from assistant.brain.state import Conversation, TurnRecord
from assistant.brain.tools import ToolSession, build_tools
from assistant.brain.wording import agent_text, prompt_text
from assistant.errors import AssistantError, ProviderError

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.services import Services

HISTORY_TURNS = 12
# Prompt tokens spent on earlier turns of the conversation, newest kept first.
HISTORY_TOKEN_BUDGET = 1500
# One earlier turn (a whole brief, say) may take at most this much of it; the rest is cut with a marker.
HISTORY_TURN_CHARS = 1600
POLL_SECONDS = 0.05


class RunawayModel(ProviderError):
    """The model kept asking for tools after its budget was spent, or the graph hit its step limit."""


class Agent:
    """One turn of the LLM agent. ``run`` yields events; the brain saves the turn and ends it."""

    def __init__(self, services: Services, conversation: Conversation, *, recursion_limit: int | None = None,
                 model: Any = None) -> None:
        self.services = services
        self.settings = services.settings
        self.conversation = conversation
        budget = self.settings.agent_max_tool_calls
        # Each tool round is two graph steps (model, tools) plus middleware hooks; leave room for the final answer.
        self.recursion_limit = recursion_limit or 4 * (budget + 2) + 4
        self._model = model

    # Prompt ------------------------------------------------------------------------------------------------
    def system_prompt(self) -> str:
        from assistant.llm import untrusted_data_rules

        context = []
        if self.conversation.brand:
            context.append(agent_text("model.context_brand", brand=self.conversation.brand))
        if self.conversation.influencer:
            context.append(agent_text("model.context_creator", handle=self.conversation.influencer))
        return Template(prompt_text("system.md")).substitute(
            today=date.today().isoformat(),
            max_tool_calls=self.settings.agent_max_tool_calls,
            untrusted_rules=untrusted_data_rules(),
            context=" ".join(context) or agent_text("model.context_none"),
        ).strip()

    def history_messages(self, text: str) -> list[Any]:
        """Earlier turns (newest first until the history budget is spent), then this message.

        User and assistant messages alternate: a question left without a usable reply (the process was killed
        mid-turn, or the reply was an error) is folded into the next question, marked as unanswered, never sent
        as a second user message in a row.
        """
        from langchain_core.messages import AIMessage, HumanMessage

        from assistant.llm import count_tokens

        turns = self.services.history.turns(self.conversation.id)
        if turns and turns[-1].role == "user" and turns[-1].content == text:
            turns = turns[:-1]  # the brain saved this message already
        kept: list[Any] = []
        used = 0
        for turn in reversed(turns[-HISTORY_TURNS:]):
            if turn.role not in ("user", "assistant") or turn.status == "error" or not turn.content.strip():
                continue
            content = _shortened(turn.content)
            cost = count_tokens(content) + 4
            if used + cost > HISTORY_TOKEN_BUDGET:
                break
            used += cost
            kept.append(HumanMessage(content) if turn.role == "user" else AIMessage(content))
        kept.reverse()
        while kept and not isinstance(kept[0], HumanMessage):
            kept.pop(0)
        return _alternating([*kept, HumanMessage(text)])

    # The graph ---------------------------------------------------------------------------------------------
    def build(self, session: ToolSession) -> Any:
        from langchain.agents import create_agent

        from assistant.llm import build_chat_model

        model = self._model or build_chat_model(self.settings, streaming=True)
        tools = build_tools(self.services, self.conversation, session)
        return create_agent(model, tools, system_prompt=self.system_prompt(),
                            middleware=[_budget_middleware(session, self.settings, [t.name for t in tools])])

    def run(self, text: str, turn: TurnRecord, cancel: threading.Event | None = None) -> Iterator[ChatEvent]:
        events: queue.Queue[tuple[str, Any]] = queue.Queue()
        session = ToolSession(
            emit=lambda event: events.put(("event", event)),
            data_budget=self.settings.context_token_budget,
            max_tool_calls=self.settings.agent_max_tool_calls,
        )
        graph = self.build(session)
        inputs = {"messages": self.history_messages(text)}
        config = {"recursion_limit": self.recursion_limit}
        worker = threading.Thread(target=_produce, args=(graph, inputs, config, session, events),
                                  name="assistant-agent", daemon=True)
        worker.start()
        grounding = self._fit_claim_checker(session)
        failure: BaseException | None = None
        try:
            while True:
                try:
                    kind, payload = events.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    if cancel is not None and cancel.is_set():
                        return
                    continue
                if kind == "done":
                    break
                if kind == "error":
                    failure = payload
                    break
                if kind == "text":
                    # Shown a finished sentence at a time, so a stated score or verdict is checked before it shows.
                    ready = grounding.feed(payload)
                    if ready:
                        yield TextDelta(text=ready)
                else:
                    held = grounding.flush()  # text the model wrote before this event comes before it
                    if held:
                        yield TextDelta(text=held)
                    _observe_computed(grounding, payload)
                    yield payload
                if cancel is not None and cancel.is_set():
                    return
            rest = grounding.flush()
            if rest:
                yield TextDelta(text=rest)
        finally:
            session.stopped.set()  # the worker stops at its next chunk; its tools refuse to start
            _record_usage(turn, session)

        if failure is not None:
            raise _explain(failure, self, turn)
        if session.runaway:
            raise RunawayModel(agent_text("user.runaway_tools", n=self.settings.agent_max_tool_calls))
        note = _corrections_note(grounding, turn)
        if note:
            yield TextDelta(text=note)
        note = self._check_citations(turn)
        if note:
            yield TextDelta(text=note)

    def _fit_claim_checker(self, session: ToolSession) -> Any:
        """A checker of stated fit scores and verdicts; a creator not assessed in this turn is assessed in code
        for the current brand when the reply makes a claim about them."""
        from assistant.llm.grounding import ComputedFit, FitClaimChecker

        def lookup(handle: str) -> ComputedFit | None:
            brand = self.conversation.brand
            if not brand:
                return None
            try:
                with session.tool_lock:
                    # A reply that names another brand may be about that brand's fit: nothing to check against.
                    from assistant.brain.resolve import Catalog

                    named = {m.value for m in Catalog.from_store(self.services.store).brand_mentions(
                        "".join(checker.seen))}
                    if named - {brand}:
                        return None
                    return ComputedFit.of(self.services.fit(brand, handle))
            except Exception:  # noqa: BLE001 - not a creator (any @mention), no such brand: nothing to check against
                return None

        checker = FitClaimChecker(lookup, default_handle=self.conversation.influencer)
        return checker

    def _check_citations(self, turn: TurnRecord) -> str | None:
        """Remove citations of post ids the store doesn't have; return a note for the user, if any."""
        from assistant.llm import drop_unknown_citations, extract_post_ids

        text = "".join(turn.parts)
        cited = extract_post_ids(text)
        if not cited:
            return None
        known = self.services.store.existing_post_ids(cited)
        cleaned, dropped = drop_unknown_citations(text, known)
        if not dropped:
            return None
        turn.dropped_citations = dropped
        note = "\n\n" + agent_text("user.dropped_citations", count=len(dropped), s="" if len(dropped) == 1 else "s",
                                     ids=", ".join(f"`{i}`" for i in dropped))
        turn.final_text = cleaned.rstrip() + note
        return note


def _alternating(messages: list[Any]) -> list[Any]:
    """Fold each run of user messages with no reply between them into the last one, the earlier ones marked as
    unanswered, so the model always sees user and assistant messages alternate."""
    from langchain_core.messages import HumanMessage

    folded: list[Any] = []
    unanswered: list[str] = []
    for message, following in zip(messages, [*messages[1:], None]):
        if isinstance(message, HumanMessage) and isinstance(following, HumanMessage):
            unanswered.append(str(message.content))
            continue
        if unanswered and isinstance(message, HumanMessage):
            earlier = "\n\n".join(unanswered)
            message = HumanMessage(f"{agent_text('model.unanswered_before')}\n{earlier}\n\n"
                                   f"{agent_text('model.unanswered_after')}\n{message.content}")
            unanswered = []
        folded.append(message)
    return folded


def _observe_computed(grounding: Any, event: ChatEvent) -> None:
    """Tell the claim checker what code computed in this turn."""
    from assistant.llm.grounding import ComputedFit

    if isinstance(event, FitReady):
        grounding.add(ComputedFit.of(event.assessment))
    elif isinstance(event, RankReady):
        for row in event.rows:
            grounding.add(ComputedFit.of(row))


def _corrections_note(grounding: Any, turn: TurnRecord) -> str | None:
    """Record the corrections made to the reply and say so in a note: one line per creator."""
    if not grounding.corrections:
        return None
    by_handle: dict[str, dict[str, list[str]]] = {}
    for c in grounding.corrections:
        turn.fit_corrections.append({"influencer": c.handle, "kind": c.kind, "stated": c.stated,
                                     "computed": c.computed})
        said = by_handle.setdefault(c.handle, {"stated": [], "computed": []})
        for key, value in (("stated", c.stated), ("computed", c.computed)):
            if value not in said[key]:
                said[key].append(value)
    lines = [agent_text("user.corrected_fit", handle=handle, stated=", ".join(v["stated"]),
                        computed=", ".join(v["computed"])) for handle, v in by_handle.items()]
    return "\n\n" + "\n".join(lines)


def _shortened(text: str) -> str:
    if len(text) <= HISTORY_TURN_CHARS:
        return text
    return text[:HISTORY_TURN_CHARS].rsplit(" ", 1)[0] + " […]"


def _produce(graph: Any, inputs: dict[str, Any], config: dict[str, Any], session: ToolSession,
             events: queue.Queue[tuple[str, Any]]) -> None:
    """Worker thread: stream the graph, putting text, tool events and the outcome on the queue."""
    from langchain_core.messages import AIMessageChunk

    try:
        for chunk, metadata in graph.stream(inputs, config=config, stream_mode="messages"):
            if session.stopped.is_set():
                break
            if not isinstance(chunk, AIMessageChunk) or metadata.get("langgraph_node") != "model":
                continue
            text = chunk.text if isinstance(chunk.text, str) else ""
            if text:
                session.model_text.append(text)
                events.put(("text", text))
    except BaseException as exc:  # noqa: BLE001 - every failure is reported to the consumer
        events.put(("error", exc))
        return
    events.put(("done", None))


def _budget_middleware(session: ToolSession, settings: Settings, tool_names: list[str]) -> Any:
    """Middleware enforcing the tool budget, counting model calls and usage, catching cut streams, and refusing
    (recorded as not run, with the reason) calls to tools that don't exist or with arguments that don't fit."""
    from langchain.agents.middleware import AgentMiddleware, hook_config
    from langchain_core.messages import SystemMessage, ToolMessage

    class ToolBudget(AgentMiddleware):
        def wrap_model_call(self, request: Any, handler: Any) -> Any:
            if session.budget_spent:
                note = agent_text("model.budget_spent", n=session.max_tool_calls)
                system = (request.system_prompt or "") + "\n\n" + note
                request = request.override(tools=[], system_message=SystemMessage(content=system))
            session.model_calls += 1
            response = handler(request)
            for message in getattr(response, "result", [response]):
                usage = getattr(message, "usage_metadata", None)
                if usage:
                    session.prompt_tokens.append(int(usage.get("input_tokens") or 0))
                    session.completion_tokens += int(usage.get("output_tokens") or 0)
                if getattr(message, "type", "") == "ai" and not (message.response_metadata or {}).get("finish_reason"):
                    # A stream that ended without saying why (a proxy timing it out) is a cut, not an answer.
                    from assistant.llm.errors import stream_ended_early

                    # The message holds all the text that came (the consumer may not have seen it all yet).
                    text = message.text if isinstance(message.text, str) else ""
                    raise stream_ended_early(settings, text or "".join(session.model_text))
            return response

        @hook_config(can_jump_to=["end", "model"])
        def after_model(self, state: Any, runtime: Any) -> dict[str, Any] | None:
            last = state["messages"][-1] if state.get("messages") else None
            if session.budget_spent and getattr(last, "tool_calls", None):
                session.runaway = True
                session.refused += len(last.tool_calls)
                return {"jump_to": "end"}
            invalid = list(getattr(last, "invalid_tool_calls", None) or [])
            if invalid and not getattr(last, "tool_calls", None):
                # Calls whose arguments aren't JSON: LangChain would end the turn with an empty answer. Record them
                # as refused and let the model try again (it is told why), within the budget.
                for call in invalid:
                    with session.lock:
                        session.tool_calls_used += 1
                    refusal(_tool_name(call.get("name")), {}, "malformed_arguments")
                if session.budget_spent:
                    session.runaway = True
                    return {"jump_to": "end"}
                return {"jump_to": "model"}
            return None

        def wrap_tool_call(self, request: Any, handler: Any) -> Any:
            call = request.tool_call
            name, args = _tool_name(call.get("name")), dict(call.get("args") or {})
            problem = None
            if request.tool is None:
                problem = "unknown_tool"
            else:
                problem = _argument_problem(request.tool, args)
            with session.lock:
                allowed = not session.budget_spent and not session.stopped.is_set()
                if allowed:
                    session.tool_calls_used += 1  # a refused call still spends budget: no endless invented calls
                reason = "budget" if not allowed else problem
            session.emit(ToolStarted(name=name, arguments=args))
            if reason is not None:
                return refusal(name, args, reason, call_id=call["id"])
            with session.lock:
                session.calls.append({"name": name, "arguments": args, "run": True})
            with session.tool_lock:  # the services aren't thread-safe; parallel tool calls take turns
                result = handler(request)
            content = str(getattr(result, "content", ""))
            ok = getattr(result, "status", "success") != "error" and not content.startswith("Error:")
            session.emit(ToolFinished(name=name, ok=ok, summary=content.splitlines()[0][:160] if content else ""))
            return result

    def refusal(name: str, args: dict[str, Any], reason: str, *, call_id: str | None = None) -> Any:
        """Record a call that was not run, tell the face, and (for a call with an id) answer the model why."""
        detail = ""
        if reason.startswith("invalid_arguments:"):
            reason, detail = reason.split(":", 1)
        with session.lock:
            session.refused += 1
            session.calls.append({"name": name, "arguments": args, "run": False, "refused": reason,
                                  **({"problem": detail} if detail else {})})
        if call_id is None:
            session.emit(ToolStarted(name=name, arguments=args))
        session.emit(ToolFinished(name=name, ok=False, summary=agent_text(f"user.refused_{reason}", problem=detail)))
        if call_id is None:
            return None
        return ToolMessage(content=agent_text(f"model.refused_{reason}", n=session.max_tool_calls, name=name,
                                              tools=", ".join(tool_names), problem=detail),
                           tool_call_id=call_id, name=name, status="error")

    return ToolBudget()


MAX_TOOL_NAME = 64


def _tool_name(name: object) -> str:
    """The name a model gave a tool call, bounded (an invented name is shown, so it can't be a page long)."""
    text = " ".join(str(name or "?").split())
    return text if len(text) <= MAX_TOOL_NAME else text[: MAX_TOOL_NAME - 1] + "…"


def _argument_problem(tool: Any, args: dict[str, Any]) -> str | None:
    """'invalid_arguments:<what>' when ``args`` don't fit the tool's schema (a wrong type, a missing or unknown
    argument); None when they do."""
    from pydantic import ValidationError

    schema = tool.get_input_schema()
    unknown = sorted(set(args) - set(getattr(schema, "model_fields", {})))
    if unknown:
        return "invalid_arguments:" + agent_text("model.unknown_arguments", names=", ".join(unknown))
    try:
        schema.model_validate(args)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "arguments"
        return f"invalid_arguments:{where}: {first.get('msg', 'invalid')}"
    return None


def _record_usage(turn: TurnRecord, session: ToolSession) -> None:
    turn.model_calls = session.model_calls + session.drafting_calls
    if session.prompt_tokens or session.drafting_prompt_tokens:
        turn.prompt_tokens = sum(session.prompt_tokens) + session.drafting_prompt_tokens
        turn.completion_tokens = session.completion_tokens + session.drafting_completion_tokens
    turn.tool_calls = list(session.calls)


def _explain(exc: BaseException, agent: Agent, turn: TurnRecord) -> BaseException:
    """The exception to end the turn with: ours as they are, the graph's step limit, or a provider failure."""
    from assistant.llm import friendly_error

    if isinstance(exc, AssistantError):
        return exc
    if type(exc).__name__ == "GraphRecursionError":
        return RunawayModel(agent_text("user.runaway_steps", n=agent.recursion_limit))
    return friendly_error(exc, settings=agent.settings, partial_text="".join(turn.parts))
