"""The side panel: the current brand and creator (pickable), their fit scorecard, and this conversation's drafts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Label, Select

from assistant.tui.texts import notice
from assistant.tui.widgets.draft_list import DraftList
from assistant.tui.widgets.fit_card import FitCard

if TYPE_CHECKING:
    from assistant.models import FitAssessment, SavedDraft


class ContextPanel(VerticalScroll):
    """Owns no state of its own: the chat screen tells it what to show, and it reports what the user picks."""

    @dataclass
    class Picked(Message):
        """The user picked a brand or a creator in one of the lists."""

        brand: str | None
        influencer: str | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._choices: dict[str, list[tuple[str, str]]] = {"brand": [], "creator": []}

    def choices(self, kind: str) -> list[tuple[str, str]]:
        """The (label, value) pairs listed for ``kind``: 'brand' or 'creator'."""
        return list(self._choices[kind])

    def compose(self) -> ComposeResult:
        yield Label("Brand", classes="panel-heading")
        yield Select[str]([], id="brand-select", prompt="pick a brand", compact=True)
        yield Label("Creator", classes="panel-heading")
        yield Select[str]([], id="creator-select", prompt="pick a creator", compact=True)
        yield FitCard(id="fit-card")
        yield Label("Drafts in this conversation", classes="panel-heading")
        yield DraftList(id="drafts")
        yield Label(notice("no_drafts"), id="no-drafts")

    @property
    def brand_select(self) -> Select[str]:
        return self.query_one("#brand-select", Select)

    @property
    def creator_select(self) -> Select[str]:
        return self.query_one("#creator-select", Select)

    @property
    def fit_card(self) -> FitCard:
        return self.query_one(FitCard)

    def set_choices(self, brands: list[tuple[str, str]], influencers: list[tuple[str, str]]) -> None:
        """Fill the lists with (label, value) pairs, keeping the current picks."""
        self._choices = {"brand": list(brands), "creator": list(influencers)}
        for select, options in ((self.brand_select, brands), (self.creator_select, influencers)):
            current = select.value
            with self.prevent(Select.Changed):
                select.set_options(options)
                if current in {value for _, value in options}:
                    select.value = current

    def set_context(self, brand: str | None, influencer: str | None) -> None:
        """Show the brain's current pair without reporting it back as a pick."""
        for select, kind, value in ((self.brand_select, "brand", brand), (self.creator_select, "creator", influencer)):
            with self.prevent(Select.Changed):
                if value is None or value not in {v for _, v in self._choices[kind]}:
                    select.clear()
                else:
                    select.value = value

    @property
    def brand(self) -> str | None:
        value = self.brand_select.value
        return value if isinstance(value, str) else None

    @property
    def influencer(self) -> str | None:
        value = self.creator_select.value
        return value if isinstance(value, str) else None

    def show_fit(self, assessment: FitAssessment | None, note: str = "") -> None:
        self.fit_card.show(assessment, note)

    def show_drafts(self, drafts: list[SavedDraft]) -> None:
        self.query_one(DraftList).show(drafts)
        self.query_one(DraftList).display = bool(drafts)
        self.query_one("#no-drafts").display = not drafts

    def reveal_drafts(self) -> None:
        """Scroll the drafts into view with the newest highlighted (after a draft was made)."""
        drafts = self.query_one(DraftList)
        if drafts.option_count:
            drafts.highlighted = 0
        # The drafts are the panel's last part. Anchoring keeps them in view as the rest is laid out (a scorecard
        # computed a moment later grows the panel after this call), until the user scrolls or the pair changes.
        self.anchor()

    def show_top(self) -> None:
        """Back to the top (brand, creator, scorecard), e.g. when the pair changes."""
        self.anchor(False)
        self.scroll_home(animate=False)

    def on_mount(self) -> None:
        self.show_drafts([])

    @on(Select.Changed)
    def _picked(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Picked(self.brand, self.influencer))
