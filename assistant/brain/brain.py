"""The conversation: one turn at a time, saved as it goes, through the offline router or the LLM agent.

``Brain.handle`` is a plain generator so that both faces can drive it: the TUI runs it in a thread worker and
posts each event as a message; ``assistant ask`` collects the events and prints them. A turn is saved in two
writes: the user's message before anything runs, and the reply (complete, partial or error) when it ends, so a
killed process loses at most the reply in flight. The question it leaves without a reply is marked 'interrupted'
before the next turn (or when the conversation is reopened), and the agent folds it into the next question rather
than sending the model two user messages in a row.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from assistant.brain.events import ChatEvent, ContextChanged, DraftSaved, TextDelta, TurnFinished
from assistant.brain.state import Conversation, Pending, TurnRecord
from assistant.brain.wording import say
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.history import ConversationSummary, Turn
    from assistant.services import Services

TITLE_CHARS = 60
# Statuses as saved in the history: a stopped turn is 'partial' there, 'stopped' in the event.
_SAVED_STATUS = {"complete": "complete", "stopped": "partial", "error": "error"}


class Brain:
    """The chat's brain. ``mode`` is 'offline' (router) or 'llm' (agent), from the configured provider."""

    def __init__(self, services: Services, *, conversation_id: str | None = None) -> None:
        self.services = services
        self.mode = "offline" if services.settings.effective_provider == "offline" else "llm"
        self._conversation: Conversation
        if conversation_id is None:
            self.new_conversation()
        else:
            self.open_conversation(conversation_id)

    # Conversation ------------------------------------------------------------------------------------------
    @property
    def conversation_id(self) -> str:
        return self._conversation.id

    @property
    def brand(self) -> str | None:
        return self._conversation.brand

    @property
    def influencer(self) -> str | None:
        return self._conversation.influencer

    @property
    def drafts(self) -> list[str]:
        """Ids of the drafts made in this conversation, oldest first."""
        return list(self._conversation.drafts)

    def new_conversation(self) -> str:
        """Start a fresh conversation (no context, no history) and make it current. Returns its id."""
        cid = self.services.history.new_conversation()
        self._conversation = Conversation(services=self.services, id=cid)
        return cid

    def open_conversation(self, cid: str) -> None:
        """Reopen a saved conversation: its brand, creator, drafts and any question left open come back."""
        history = self.services.history
        row = history.get_conversation(cid)  # NotFoundError names the id
        history.mark_unanswered(row.id)  # questions a killed process never answered
        drafts = [d.id for d in reversed(history.list_drafts(conversation_id=row.id))]
        self._conversation = Conversation(
            services=self.services, id=row.id, brand=row.brand, influencer=row.influencer, drafts=drafts,
            pending=_pending_from(history.turns(row.id)),
        )

    def history(self) -> list[Turn]:
        """The turns of the current conversation, oldest first."""
        return self.services.history.turns(self.conversation_id)

    def set_context(self, *, brand: str | None = None, influencer: str | None = None) -> ContextChanged | None:
        """Set the current brand and/or creator from outside a turn (e.g. the TUI's picker)."""
        return self._conversation.set_context(brand=brand, influencer=influencer)

    # Turns -------------------------------------------------------------------------------------------------
    def handle(self, text: str, cancel: threading.Event | None = None) -> Iterator[ChatEvent]:
        """Handle one user message, yielding events; always ends with exactly one ``TurnFinished``.

        Setting ``cancel`` stops the turn at the next event: the text so far is kept and saved as 'partial'.
        Failures end the turn with status 'error' and a readable message; the partial reply is kept.
        """
        text = text.strip()
        if not text:
            yield TurnFinished(status="error", error=say("empty_message"))
            return
        try:
            self.services.history.mark_unanswered(self.conversation_id)
            self._save_question(text)
        except Exception as exc:  # noqa: BLE001 - e.g. the disk is full: say so, don't crash the face
            yield TurnFinished(status="error", error=_unexpected(exc, self.services, TurnRecord()))
            return

        turn = TurnRecord()
        status, error = "complete", None
        events: Iterator[ChatEvent] = iter(())
        try:
            events = self._run(text, turn, cancel)
            for event in events:
                if cancel is not None and cancel.is_set():
                    status = "stopped"
                    break
                if isinstance(event, TextDelta):
                    turn.parts.append(event.text)
                elif isinstance(event, DraftSaved) and event.draft_id not in self._conversation.drafts:
                    self._conversation.drafts.append(event.draft_id)
                yield event
            if status == "complete" and cancel is not None and cancel.is_set():
                status = "stopped"
        except AssistantError as exc:
            status, error = "error", str(exc)
        except Exception as exc:  # noqa: BLE001 - a bug must still end the turn with a message, not a traceback
            status, error = "error", _unexpected(exc, self.services, turn)
        except GeneratorExit:
            # The face closed us mid-turn (e.g. the app is quitting): keep what came, as a partial reply.
            self._save_reply(turn, "stopped", None)
            _close(events)
            raise
        finally:
            if status == "stopped":
                _close(events)

        if status == "error" and error and not turn.text.strip():
            # Say it in the reply too, so the saved conversation reads sensibly when reopened.
            turn.parts.append(say("error_in_reply", message=error))
        self._save_reply(turn, status, error)
        yield TurnFinished(
            status=status,  # type: ignore[arg-type]
            error=error,
            prompt_tokens=turn.prompt_tokens,
            completion_tokens=turn.completion_tokens,
            model_calls=turn.model_calls,
            final_text=turn.final_text,
        )

    def _save_question(self, text: str) -> None:
        history = self.services.history
        history.add_turn(self.conversation_id, "user", text)
        if not history.get_conversation(self.conversation_id).title and _is_request(text):
            history.update_conversation(self.conversation_id, title=_title_of(text))

    def _run(self, text: str, turn: TurnRecord, cancel: threading.Event | None) -> Iterator[ChatEvent]:
        from assistant.brain.router import Router

        router = Router(self.services, self._conversation)
        if self.mode == "offline" or text.startswith("/"):
            # Slash commands are exact, so even with a model they run in code: no model call, no cost.
            return router.run(text, turn)
        if self._conversation.pending is not None:
            # A command asked a question ("Which brand?"): an answer to it finishes the command in code too.
            answered = router.answer_pending(text)
            if answered is not None:
                return router.run(text, turn, answered)
        from assistant.brain.agent import Agent

        return Agent(self.services, self._conversation).run(text, turn, cancel)

    def _save_reply(self, turn: TurnRecord, status: str, error: str | None) -> None:
        meta: dict[str, Any] = turn.meta()
        if error:
            meta["error"] = error
        self._conversation.pending = turn.pending
        self.services.history.add_turn(self.conversation_id, "assistant", turn.text, status=_SAVED_STATUS[status],
                                       meta=meta)


def list_conversations(services: Services, limit: int = 50) -> list[ConversationSummary]:
    """Saved conversations, most recently active first."""
    return services.history.list_conversations(limit=limit)


def _pending_from(turns: list[Turn]) -> Pending | None:
    """The question the last assistant turn left open, if the conversation ended on one."""
    if not turns or turns[-1].role != "assistant":
        return None
    raw = turns[-1].meta.get("pending")
    if not raw:
        return None
    try:
        return Pending.model_validate(raw)
    except ValueError:  # saved by an older version with a different shape: forget it
        return None


def _close(events: Iterator[ChatEvent]) -> None:
    close = getattr(events, "close", None)
    if close is not None:
        close()


def _is_request(text: str) -> bool:
    """Whether a message is a request worth titling the conversation with: a bare slash command (/help,
    /brands, /new...) says nothing about what the conversation is for."""
    words = text.split()
    return bool(words) and not (words[0].startswith("/") and len(words) == 1)


def _title_of(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"


def _unexpected(exc: BaseException, services: Services, turn: TurnRecord) -> str:
    """A one-line message for an exception nobody anticipated (provider failures are explained by name)."""
    if services.settings.effective_provider != "offline":
        from assistant.llm import friendly_error

        return str(friendly_error(exc, settings=services.settings, partial_text=turn.text))
    detail = " ".join(str(exc).split())[:200]
    return say("unexpected", what=f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__)
