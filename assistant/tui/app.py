"""The chat app: ``AssistantApp`` and ``run_chat()`` (what ``assistant`` with no arguments opens).

Import-light on purpose: nothing here imports chromadb, langchain or openai. The services and the brain are built
in a worker after the first screen is up (see ``ChatScreen.boot``), so the chat paints before they load.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from assistant.tui.commands import AssistantCommands

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.tui.screens.chat_screen import BrainFactory, ChatScreen

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class AssistantApp(App[None]):
    """A terminal chat for marketers: fit, briefs, outreach and voice checks, with a context panel."""

    TITLE = "assistant"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses defined elsewhere still find it
    COMMANDS = App.COMMANDS | {AssistantCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="help", tooltip="Show every key, the slash commands and how to add a new line."),
        Binding("ctrl+p", "command_palette", "Palette", id="palette", tooltip="Search every action: fit, brief, outreach, check, switch, ingest, export...", show=False),
        Binding("ctrl+t", "toggle_theme", "Theme", id="toggle-theme", tooltip="Switch between the light and the dark theme.", show=False),
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Quit. Conversations and drafts are already saved.", priority=True, show=False),
    ]
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (30, "-tall")]

    def __init__(self, settings: Settings | None = None, *, brain_factory: BrainFactory | None = None) -> None:
        # Without settings, the boot worker loads them after the first frame (pydantic-settings is slow to
        # import); only the theme is read now, cheaply, so that frame already has the right colours.
        self.settings = settings
        self._brain_factory = brain_factory
        super().__init__()
        self.apply_theme(settings.theme if settings is not None else peek_theme())
        self.keymap: dict[str, str] = {}
        if settings is not None:
            self.apply_keymap(settings.keymap)

    def apply_keymap(self, keymap: dict[str, str]) -> None:
        """Rebind keys by binding id (the ``keymap`` setting; F1 lists the ids and shows the keys in use)."""
        self.keymap = dict(keymap)
        self.set_keymap(self.keymap)

    def apply_theme(self, theme: str | None) -> None:
        """Use ``theme`` if Textual knows it, else the dark theme."""
        self.theme = theme if theme in self.available_themes else DARK_THEME

    def get_default_screen(self) -> ChatScreen:
        from assistant.tui.screens.chat_screen import ChatScreen

        return ChatScreen(self.settings, brain_factory=self._brain_factory)

    @property
    def chat(self) -> ChatScreen:
        from assistant.tui.screens.chat_screen import ChatScreen

        return next(s for s in self.screen_stack if isinstance(s, ChatScreen))

    async def on_ready(self) -> None:
        # The first frame is on screen: now mount the rest of the chat, then open the store and build the brain
        # (heavy imports) in a worker.
        await self.chat.start()

    def action_toggle_theme(self) -> None:
        """Flip between a light and a dark theme (from settings.theme, Ctrl+T or the palette)."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def action_help(self) -> None:
        from assistant.tui.screens.help_screen import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.chat.binding_groups()))


def peek_theme() -> str | None:
    """The ``theme`` setting read without loading the settings: ASSISTANT_THEME, else the config file's ``theme``.

    Same order as ``assistant.config`` (environment first, then the TOML file at the same location); anything unreadable is left to the full
    load, which reports it."""
    for name, value in os.environ.items():
        if name.upper() == "ASSISTANT_THEME":
            return value
    from assistant.locations import default_config_file

    path = default_config_file()
    try:
        theme = tomllib.loads(path.read_text(encoding="utf-8")).get("theme")
    except (OSError, ValueError):
        return None
    return theme if isinstance(theme, str) else None


def make_app(settings: Settings | None = None, *, brain_factory: BrainFactory | None = None) -> AssistantApp:
    """The app as ``run_chat`` builds it; tests and snapshots use this same factory."""
    return AssistantApp(settings, brain_factory=brain_factory)


def run_chat() -> None:
    """Open the chat in the terminal. Bad settings are one readable error (the CLI prints it), not a traceback."""
    from assistant.config import default_config_file, load_settings
    from assistant.errors import AssistantError

    try:
        settings = load_settings()
    except ValueError as exc:  # pydantic's ValidationError and tomllib's TOMLDecodeError are ValueErrors
        detail = " ".join(str(exc).split())[:300]
        raise AssistantError(f"The settings can't be read ({default_config_file()} or ASSISTANT_* variables): {detail}") from exc
    make_app(settings).run()
