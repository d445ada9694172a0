"""The command palette (Ctrl+P): every chat action, grouped by prefix, plus one entry per brand and creator."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from assistant.tui.screens.chat_screen import ChatScreen

Command = tuple[str, str, Callable[[], object]]


class AssistantCommands(Provider):
    """Commands act on the chat screen, whichever screen the palette was opened from."""

    def _chat(self) -> ChatScreen | None:
        from assistant.tui.screens.chat_screen import ChatScreen

        return next((s for s in self.app.screen_stack if isinstance(s, ChatScreen)), None)

    def commands(self) -> list[Command]:
        chat = self._chat()
        if chat is None:
            return []

        def run(action: str) -> Callable[[], object]:
            return partial(chat.run_action, action)

        commands: list[Command] = [
            ("fit: assess the current pair", "Score how well the current creator fits the current brand", run("fit")),
            ("draft: brief", "Start a brief request for the current pair (you add the campaign and goal)", run("brief")),
            ("draft: outreach DM", "Start an outreach DM request for the current pair", run("outreach")),
            ("check: text against the brand voice", "Start a voice check of a caption or draft", run("check")),
            ("draft: export the latest", "Write the latest draft to a Markdown file", run("export_draft")),
            ("draft: copy the latest", "Copy the latest draft's Markdown to the clipboard", run("copy_draft")),
            ("context: switch brand…", "Pick the current brand from the list", run("pick_brand")),
            ("context: switch creator…", "Pick the current creator from the list", run("pick_creator")),
            ("store: ingest a file…", "Add a voice guide or a creator's posts from a file path", run("ingest")),
            ("conversation: new", "Start a new conversation", run("new_conversation")),
            ("conversation: open a past one…", "Reopen a saved conversation", run("conversations")),
            ("reply: stop", "Stop the reply in flight and keep what came", run("stop")),
            ("view: toggle light/dark theme", "Switch between the light and the dark theme", partial(self.app.run_action, "toggle_theme")),
            ("view: toggle the context panel", "Show or hide the panel on the right", run("toggle_panel")),
            ("help: keys and commands", "Show every key binding and slash command", partial(self.app.run_action, "help")),
        ]
        panel = chat.panel
        for label, value in panel.choices("brand"):
            commands.append((f"context: brand → {label}", f"Make {value} the current brand", partial(chat.pick, brand=value)))
        for label, value in panel.choices("creator"):
            commands.append((f"context: creator → {label}", f"Make @{value} the current creator", partial(chat.pick, influencer=value)))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            if "→" not in name:
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
