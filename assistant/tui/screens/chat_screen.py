"""The main screen: the chat log, the context panel, the input and the status line.

Threading rule (harlequin's): every bit of I/O or model work runs in a ``thread=True`` worker that only posts
messages; the ``on_*`` handlers own all state and touch the widgets. Each job lives with the widget it serves:
this screen builds the services and the brain (``boot``), runs a turn (``reply``) and switches conversations;
the panel lists the store and saves picks, the fit card scores a pair, the draft list lists drafts, and the
export, ingest and conversations dialogs do their own work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from textual.widgets.text_area import Selection
from textual.worker import Worker, WorkerState, get_current_worker

from assistant.tui.messages import (
    Booted,
    BootFailed,
    BrainEvent,
    ConversationLoaded,
    Notice,
    SettingsLoaded,
)
from assistant.tui.readable import readable_error
from assistant.tui.texts import demo_loaded, notice, welcome, welcome_markup
from assistant.tui.widgets.chat_log import ChatLog
from assistant.tui.widgets.prompt_input import PromptInput
from assistant.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.models import SavedDraft
    from assistant.tui.screens.ingest_screen import IngestOutcome
    from assistant.tui.widgets.chat_message import ChatMessage
    from assistant.tui.widgets.context_panel import ContextPanel

BrainFactory = Callable[[Any], Any]
"""Builds the brain from the services; the default is ``assistant.brain.Brain``. Tests may wrap the real one."""

# Slash commands the chat itself answers; everything else (including other /commands) goes to the brain.
# (/export, /ingest, /drafts and the rest are the brain's: see its /help.)
UI_COMMANDS = {
    "/copy": "copy_draft",
    "/conversations": "conversations",
    "/history": "conversations",
    "/new": "new_conversation",
    "/theme": "app.toggle_theme",
    "/quit": "app.quit",
}


def default_brain_factory(services: Any) -> Any:
    from assistant.brain import Brain

    return Brain(services)


class ChatScreen(Screen[None]):
    """Where the conversation happens. Holds the services and the brain once the boot worker has built them."""

    AUTO_FOCUS = "#prompt"
    BINDINGS = [
        Binding("escape", "stop", "Stop", id="stop", tooltip="Stop the reply in flight (what came so far is kept) and go back to the input."),
        Binding("ctrl+f", "fit", "Fit", id="fit", tooltip="Assess how well the current creator fits the current brand."),
        Binding("ctrl+s", "export_draft", "Export", id="export", tooltip="Export the latest draft to a Markdown file."),
        Binding("ctrl+g", "copy_draft", "Copy", id="copy", tooltip="Copy the latest draft to the clipboard (OSC 52).", show=False),
        Binding("ctrl+o", "conversations", "History", id="conversations", tooltip="Reopen a past conversation."),
        Binding("ctrl+n", "new_conversation", "New", id="new-conversation", tooltip="Start a new conversation.", show=False),
        Binding("ctrl+b", "toggle_panel", "Panel", id="toggle-panel", tooltip="Show or hide the context panel.", show=False),
        Binding("pageup", "scroll_log('page_up')", "Page up", id="log-page-up", show=False,
                tooltip="Scroll the chat back a page, from the input too."),
        Binding("pagedown", "scroll_log('page_down')", "Page down", id="log-page-down", show=False,
                tooltip="Scroll the chat forward a page, from the input too."),
        Binding("home,ctrl+home", "scroll_log('top')", "First message", id="log-top", show=False,
                tooltip="Go to the start of the conversation (Home from the input when it is empty)."),
        Binding("end,ctrl+end", "scroll_log('latest')", "Latest", id="log-latest",
                tooltip="Jump to the latest message and follow the reply as it streams (End from the input when it is empty)."),
    ]

    def __init__(self, settings: Settings | None, *, brain_factory: BrainFactory | None = None) -> None:
        super().__init__(id="chat-screen")
        self.settings = settings
        self.brain_factory = brain_factory or default_brain_factory
        self.services: Any = None
        self.brain: Any = None
        self.boot_error = ""
        self._turn = 0
        self._reply: ChatMessage | None = None
        self._cancel: threading.Event | None = None
        self._reply_worker: Worker[None] | None = None
        self._pending: list[str] = []
        self._new_draft: str | None = None

    # Layout ------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The first frame is light: a plain welcome and an empty panel of the panel's size. ``start()`` swaps in
        # the Markdown welcome and the real panel (Selects, scorecard, drafts) once that frame is on screen.
        with Horizontal(id="main"):
            with ChatLog(id="chat-log"):
                yield Static(welcome_markup(), id="welcome-placeholder", classes="message -notice")
            yield Static(id="context-placeholder")
        yield PromptInput(id="prompt", placeholder=notice("input_placeholder"))
        yield StatusLine(id="status", markup=False)
        yield Footer()

    @property
    def chat_log(self) -> ChatLog:
        return self.query_one(ChatLog)

    @property
    def panel(self) -> ContextPanel:
        return self.query_one("#context")  # type: ignore[return-value]  # a ContextPanel, mounted by start()

    @property
    def prompt(self) -> PromptInput:
        return self.query_one(PromptInput)

    @property
    def ready(self) -> bool:
        return self.brain is not None

    @property
    def replying(self) -> bool:
        return self._reply_worker is not None and self._reply_worker.state in (WorkerState.PENDING, WorkerState.RUNNING)

    def on_mount(self) -> None:
        if self.settings is None:  # loaded by the boot worker
            self.query_one(StatusLine).update(notice("starting"))
        else:
            self.query_one(StatusLine).show(self.settings)

    async def start(self) -> None:
        """Finish the screen and start building the services and the brain. The app calls this once the first
        frame is on screen: the imports here and in the boot worker (which holds the GIL) would delay it."""
        if self.query("#context-placeholder"):
            await self._finish_layout()
        if self.services is None and not self.boot_error:
            self.boot()

    async def _finish_layout(self) -> None:
        """Swap the first frame's placeholders for the Markdown welcome and the context panel, in one update."""
        from assistant.tui.widgets.context_panel import ContextPanel

        with self.app.batch_update():
            await self.query_one("#context-placeholder").remove()
            await self.query_one("#main").mount(ContextPanel(id="context"))
            await self.query_one("#welcome-placeholder").remove()
            await self.chat_log.add("notice", welcome())

    # Start-up ----------------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="boot", description="Opening the store")
    def boot(self) -> None:
        """Load the settings if the app was given none, then build the services and the brain (the heavy imports
        happen here), loading the demo on first run."""
        try:
            settings = self.settings
            if settings is None:
                from assistant.config import load_settings

                settings = load_settings()
                self.post_message(SettingsLoaded(settings))

            from assistant.services import Services
            from assistant.store.embeddings import embedding_label

            services = Services(settings)
            demo = services.ensure_demo()
            brain = self.brain_factory(services)
            from assistant.tui.widgets.context_panel import store_choices

            brands, influencers = store_choices(services)
            self.post_message(
                Booted(
                    services=services,
                    brain=brain,
                    brands=brands,
                    influencers=influencers,
                    embedding=embedding_label(settings),
                    demo=(
                        {"brands": len(demo.brands), "influencers": len(demo.influencers), "posts": demo.posts_added}
                        if demo
                        else None
                    ),
                )
            )
        except Exception as exc:  # noqa: BLE001 - shown to the user as a readable line
            self.log.error("boot failed", exc)
            self.post_message(BootFailed(readable_error(exc)))

    def on_settings_loaded(self, message: SettingsLoaded) -> None:
        self.settings = message.settings
        self.query_one(StatusLine).show(message.settings)
        app: Any = self.app
        app.settings = message.settings
        if message.settings.theme != app.theme:
            app.apply_theme(message.settings.theme)
        if message.settings.keymap:
            app.apply_keymap(message.settings.keymap)

    async def on_booted(self, message: Booted) -> None:
        self.services, self.brain = message.services, message.brain
        self.query_one(StatusLine).show(self.settings, message.embedding)
        self.panel.attach(self.services, self.brain)
        self.panel.set_choices(message.brands, message.influencers)
        if message.demo:
            await self.chat_log.add("notice", demo_loaded(message.demo))
        self.panel.follow(None, None)
        self.panel.list_drafts(self.conversation_id)
        await self._send_pending()

    @property
    def conversation_id(self) -> str | None:
        return getattr(self.brain, "conversation_id", None)

    async def on_boot_failed(self, message: BootFailed) -> None:
        self.boot_error = message.error
        await self.chat_log.add("error", notice("boot_failed", error=message.error))

    # Sending -----------------------------------------------------------------------------------------
    @on(PromptInput.Submitted)
    async def _submitted(self, event: PromptInput.Submitted) -> None:
        await self.submit(event.text)

    async def submit(self, text: str) -> None:
        """Send a request: UI slash commands run here, the rest goes to the brain (queued until it is free)."""
        command = text.split(maxsplit=1)[0].lower() if text.startswith("/") else ""
        if command in UI_COMMANDS:
            argument = text[len(command) :].strip()
            await self._run_ui_command(UI_COMMANDS[command], argument)
            return
        if not self.ready or self.replying:
            self._pending.append(text)
            await self.chat_log.add("user", _as_user_markdown(text))
            if not self.ready:
                await self.chat_log.add("notice", notice("still_starting"))
            return
        await self.chat_log.add("user", _as_user_markdown(text))
        await self._start_reply(text)

    async def _start_reply(self, text: str) -> None:
        self._turn += 1
        self._cancel = threading.Event()
        self._reply = await self.chat_log.add("assistant")
        self._reply_worker = self.reply(text, self._turn, self._cancel)

    async def _send_pending(self) -> None:
        if self._pending and self.ready and not self.replying:
            await self._start_reply(self._pending.pop(0))

    @work(thread=True, exclusive=True, exit_on_error=False, group="reply", description="Replying")
    def reply(self, text: str, turn: int, cancel: threading.Event) -> None:
        """Run the brain's turn and post every event; always ends with exactly one TurnFinished."""
        from assistant.brain.events import TurnFinished

        worker = get_current_worker()
        finished = False
        try:
            for event in self.brain.handle(text, cancel):
                if worker.is_cancelled:
                    cancel.set()
                self.post_message(BrainEvent(turn, event))
                if event.type == "finished":
                    finished = True
                    break
        except Exception as exc:  # noqa: BLE001 - a readable line in the chat, never a traceback
            self.log.error("reply failed", exc)
            self.post_message(BrainEvent(turn, TurnFinished(status="error", error=readable_error(exc))))
            finished = True
        if not finished:
            status = "stopped" if cancel.is_set() else "complete"
            self.post_message(BrainEvent(turn, TurnFinished(status=status)))

    async def on_brain_event(self, message: BrainEvent) -> None:
        event = message.event
        reply = self._reply if message.turn == self._turn else None
        if event.type == "text":
            if reply is not None:
                await reply.write(event.text)
        elif event.type == "tool_started":
            if reply is not None:
                reply.tool_started(_tool_label(event.name, event.arguments))
        elif event.type == "tool_finished":
            if reply is not None:
                reply.tool_finished(_tool_summary(event.name, event.summary), event.ok)
        elif event.type == "context":
            # The scorecard waits for the turn's end: a fit or a brief brings its own, not worth computing twice.
            self.panel.follow(event.brand, event.influencer, score=False)
        elif event.type == "fit":
            self.panel.show_fit(event.assessment)
        elif event.type == "draft":
            self._new_draft = event.draft_id  # listed (and revealed) when the turn ends
        elif event.type == "finished":
            if reply is not None:
                if event.final_text is not None:
                    await reply.replace(event.final_text)
                await self._finish_reply(event.status, event.error)
            await self._after_turn()

    async def _finish_reply(self, status: str, error: str | None = None) -> None:
        reply, self._reply = self._reply, None
        if reply is None:
            return
        if status == "stopped":
            await reply.finish("stopped", notice("stopped"))
        elif status == "error":
            await reply.finish("error", error or notice("error_badge"))
        else:
            await reply.finish("complete")

    async def _after_turn(self) -> None:
        self._cancel = None
        reveal, self._new_draft = self._new_draft, None
        self.panel.follow(None, None)  # the pair the turn left current, scored unless the turn drew it
        self.panel.list_drafts(self.conversation_id, reveal)
        self.panel.list_store()  # the turn may have ingested a guide or posts, or loaded the demo
        await self._send_pending()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is self._reply_worker and event.state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            self._reply_worker = None
            self.call_later(self._send_pending)

    def on_unmount(self) -> None:
        # Quitting mid-reply: let the brain stop and save what came, so the worker thread doesn't hold up the exit.
        if self._cancel is not None:
            self._cancel.set()

    def action_stop(self) -> None:
        """Esc: ask the brain to stop, and mark the reply stopped at once (the UI never waits for it); focus goes
        back to the input either way."""
        self.prompt.focus()
        if self._cancel is not None:
            self._cancel.set()
        if self._reply_worker is not None:
            self._reply_worker.cancel()
        if self._reply is not None:
            self._turn += 1  # late events of the stopped turn no longer write into its message
            self.call_later(self._finish_reply, "stopped")

    # Context panel ---------------------------------------------------------------------------------
    def on_context_panel_failed(self, message: ContextPanel.Failed) -> None:
        self.post_message(Notice(notice("unexpected_error", error=message.error), error=True))

    @on(OptionList.OptionSelected, "#drafts")
    def _draft_selected(self, event: OptionList.OptionSelected) -> None:
        draft = self.panel.draft_list.by_id(event.option.id)
        if draft is not None:
            self.open_draft(draft)

    def open_draft(self, draft: SavedDraft) -> None:
        from assistant.tui.screens.draft_screen import DraftScreen

        self.app.push_screen(DraftScreen(draft, on_export=self.export, on_copy=self.copy))

    # Drafts: export and copy -------------------------------------------------------------------------
    @property
    def drafts(self) -> list[SavedDraft]:
        return self.panel.drafts

    def latest_draft(self) -> SavedDraft | None:
        return self.panel.draft_list.latest

    async def _run_ui_command(self, action: str, argument: str) -> None:
        await self.run_action(action)

    async def action_export_draft(self) -> None:
        draft = self.latest_draft()
        if draft is None:
            await self.chat_log.add("notice", notice("no_draft"))
            return
        self.export(draft)

    async def action_copy_draft(self) -> None:
        draft = self.latest_draft()
        if draft is None:
            await self.chat_log.add("notice", notice("no_draft"))
            return
        self.copy(draft)

    def copy(self, draft: SavedDraft) -> None:
        """Copy a draft's Markdown to the clipboard (OSC 52) and say so."""
        self.app.copy_to_clipboard(draft.markdown)
        message = notice("copied", title=draft.title, chars=len(draft.markdown))
        self.post_message(Notice(message))
        self.notify(f"Copied {draft.title}", timeout=3)

    def export(self, draft: SavedDraft) -> None:
        """Ask where to write a draft (the export dialog writes it); the chat then says the full path."""
        from assistant.tui.screens.export_screen import ExportScreen

        def written(path: Path | None) -> None:
            if path is not None:
                self.post_message(Notice(notice("exported", title=draft.title, path=path)))

        self.app.push_screen(ExportScreen(draft, self.services), written)

    async def on_notice(self, message: Notice) -> None:
        await self.chat_log.add("error" if message.error else "notice", message.markdown)
        if self.app.screen is not self:
            self.notify(message.markdown.replace("**", "").replace("`", ""), severity="error" if message.error else "information")

    # Actions for the palette and the keys ------------------------------------------------------------
    def _pair(self) -> tuple[str, str] | None:
        brand, influencer = self.panel.brand, self.panel.influencer
        return (brand, influencer) if brand and influencer else None

    async def action_fit(self) -> None:
        pair = self._pair()
        if pair is None:
            await self.chat_log.add("notice", notice("no_pair"))
            return
        await self.submit(f"Is @{pair[1]} a fit for {pair[0]}?")

    def prefill(self, text: str) -> None:
        """Put a request in the input for the user to finish; the first <placeholder> is selected, so typing
        replaces it."""
        prompt = self.prompt
        prompt.text = text
        start, end = text.find("<"), text.find(">")
        if 0 <= start < end and "\n" not in text:
            prompt.selection = Selection((0, start), (0, end + 1))
        else:
            prompt.move_cursor(prompt.document.end)
        prompt.focus()

    def action_brief(self) -> None:
        brand, influencer = self.panel.brand or "<brand>", self.panel.influencer or "<creator>"
        self.prefill(f"Draft a brief for @{influencer} for {brand}: <campaign>, goal conversions")

    def action_outreach(self) -> None:
        brand, influencer = self.panel.brand or "<brand>", self.panel.influencer or "<creator>"
        self.prefill(f"Write @{influencer} a DM for {brand}")

    def action_check(self) -> None:
        brand = self.panel.brand or "<brand>"
        self.prefill(f"Check this against {brand}'s voice: ")

    def action_pick_brand(self) -> None:
        self.panel.brand_select.focus()
        self.panel.brand_select.expanded = True

    def action_pick_creator(self) -> None:
        self.panel.creator_select.focus()
        self.panel.creator_select.expanded = True

    def pick(self, *, brand: str | None = None, influencer: str | None = None) -> None:
        """Switch the current brand or creator (from the palette)."""
        self.panel.pick(brand=brand, influencer=influencer)

    def action_toggle_panel(self) -> None:
        self.panel.display = not self.panel.display

    # Keys: scrolling the log, typing from anywhere ---------------------------------------------------
    def action_scroll_log(self, where: str) -> None:
        """PageUp/PageDown/Home/End on the chat log, wherever the focus is (the input passes them on)."""
        log = self.chat_log
        if where == "page_up":
            log.scroll_page_up(animate=False)
        elif where == "page_down":
            log.scroll_page_down(animate=False)
        elif where == "top":
            log.scroll_home(animate=False)
        else:
            log.follow()  # back to the bottom, following a streaming reply again

    @on(PromptInput.ScrollLog)
    def _input_scrolls_log(self, message: PromptInput.ScrollLog) -> None:
        self.action_scroll_log(message.where)

    def on_key(self, event: events.Key) -> None:
        """A printable key that no focused widget took (focus on the log, the panel, a list) goes to the input,
        so typing never goes nowhere."""
        if not event.is_printable or event.character is None:
            return
        focused = self.focused
        if isinstance(focused, (Input, TextArea)):
            return
        event.stop()
        prompt = self.prompt
        prompt.focus()
        prompt.insert(event.character, prompt.document.end)
        prompt.move_cursor(prompt.document.end)

    # Conversations -----------------------------------------------------------------------------------
    async def _refuse_while_busy(self) -> bool:
        if self.replying or not self.ready:
            await self.chat_log.add("notice", notice("busy") if self.ready else notice("still_starting"))
            return True
        return False

    async def action_new_conversation(self) -> None:
        if await self._refuse_while_busy():
            return
        self.switch_conversation(None)

    async def action_conversations(self) -> None:
        if not self.ready:
            await self.chat_log.add("notice", notice("still_starting"))
            return
        from assistant.tui.screens.conversations_screen import ConversationsScreen

        def chosen(cid: str | None) -> None:
            if cid:
                self.call_later(self.open_conversation, cid)

        self.app.push_screen(ConversationsScreen(self.services, self.conversation_id), chosen)

    async def open_conversation(self, cid: str) -> None:
        if await self._refuse_while_busy():
            return
        self.switch_conversation(cid)

    @work(thread=True, exclusive=True, exit_on_error=False, group="conversations", description="Opening a conversation")
    def switch_conversation(self, cid: str | None) -> None:
        """Open ``cid`` (or start a new conversation) in the brain and post its turns (the panel lists its drafts)."""
        try:
            if cid is None:
                self.brain.new_conversation()
                title, turns = "", []
            else:
                self.brain.open_conversation(cid)
                title = self.services.history.get_conversation(cid).title
                turns = list(self.brain.history())
            current = self.brain.conversation_id
        except Exception as exc:  # noqa: BLE001
            self.post_message(Notice(notice("unexpected_error", error=readable_error(exc)), error=True))
            return
        self.post_message(
            ConversationLoaded(
                conversation_id=current,
                title=title,
                turns=turns,
                brand=getattr(self.brain, "brand", None),
                influencer=getattr(self.brain, "influencer", None),
                reopened=cid is not None,
            )
        )

    async def on_conversation_loaded(self, message: ConversationLoaded) -> None:
        self._turn += 1
        self._reply = None
        self._pending.clear()
        log = self.chat_log
        await log.clear()
        if not message.turns:
            await log.add("notice", welcome())
        for turn in message.turns:
            role = getattr(turn, "role", "assistant")
            content = getattr(turn, "content", "")
            status = getattr(turn, "status", "complete")
            if role == "user":
                await log.add("user", _as_user_markdown(content))
            else:
                note = "" if status == "complete" else notice("stopped") if status in ("partial", "stopped") else notice("error_badge")
                shown = await log.add("assistant", content, status=note)
                if status in ("partial", "stopped"):
                    shown.add_class("-stopped")
                elif status == "error":
                    shown.add_class("-error")
        if message.reopened:
            await log.add("notice", notice("conversation_opened", title=message.title or "(untitled)", turns=len(message.turns)))
        self.panel.list_drafts(message.conversation_id)
        self.panel.follow(message.brand, message.influencer, fresh=True)
        log.follow()

    # Ingest ------------------------------------------------------------------------------------------
    async def action_ingest(self) -> None:
        if not self.ready:
            await self.chat_log.add("notice", notice("still_starting"))
            return
        from assistant.tui.screens.ingest_screen import IngestScreen

        def done(outcome: IngestOutcome | None) -> None:
            if outcome is not None:
                self.panel.post_message(self.panel.Listed(outcome.brands, outcome.influencers))
                self.post_message(Notice(outcome.summary))

        self.app.push_screen(IngestScreen(self.services), done)

    # Help --------------------------------------------------------------------------------------------
    def binding_groups(self) -> list[tuple[str, Iterable[Any]]]:
        """The bindings the help screen lists, by where they apply."""
        from assistant.tui.screens.conversations_screen import ConversationsScreen
        from assistant.tui.screens.draft_screen import DraftScreen
        from assistant.tui.screens.export_screen import ExportScreen
        from assistant.tui.screens.help_screen import HelpScreen
        from assistant.tui.screens.ingest_screen import IngestScreen

        dialogs = [*ExportScreen.BINDINGS, *IngestScreen.BINDINGS, *ConversationsScreen.BINDINGS, *HelpScreen.BINDINGS]
        return [
            ("Everywhere", self.app.BINDINGS),
            ("In the chat", self.BINDINGS),
            ("Reading a draft", DraftScreen.BINDINGS),
            ("Dialogs", dialogs),
        ]


def _as_user_markdown(text: str) -> str:
    # The user's words are shown as typed: keep line breaks, don't let a leading '#' become a heading.
    lines = text.splitlines() or [""]
    return "  \n".join(("\\" + line) if line.startswith(("#", ">", "-", "*", "+")) else line for line in lines)


def _tool_summary(name: str, summary: str, limit: int = 72) -> str:
    line = " ".join(summary.split())
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    return f"{name}: {line}" if line else name


def _tool_label(name: str, arguments: dict[str, object]) -> str:
    shown = ", ".join(f"{k}={v}" for k, v in arguments.items() if isinstance(v, (str, int, float)) and len(str(v)) < 40)
    return f"{name}({shown})" if shown else name
