"""The side panel: the current brand and creator (pickable), their fit scorecard, and this conversation's drafts.

Laid out so nothing moves: two one-line pickers, the scorecard at its own height, then the drafts list, which
takes the rest of the panel (so it is always in view and never pushes the scorecard around).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, Select

from assistant.tui.readable import readable_error
from assistant.tui.texts import notice
from assistant.tui.widgets.draft_list import DraftList
from assistant.tui.widgets.fit_card import FitCard

if TYPE_CHECKING:
    from assistant.models import FitAssessment, SavedDraft

Choices = list[tuple[str, str]]


def store_choices(services: Any) -> tuple[Choices, Choices]:
    """(label, value) pairs of the brands and creators in the store, for the panel's lists."""
    brands = [(b.slug, b.slug) for b in services.store.list_brands()]
    influencers = [(f"@{i.handle}", i.handle) for i in services.store.list_influencers()]
    return brands, influencers


class ContextPanel(Vertical):
    """Shows the current pair, its scorecard and the drafts. Its workers (listing the store, saving a pick) only
    post messages; its handlers own what it shows. ``attach`` gives it the services and the brain once built."""

    class Listed(Message):
        """The brands and creators in the store, read in a worker."""

        def __init__(self, brands: Choices, influencers: Choices) -> None:
            super().__init__()
            self.brands = brands
            self.influencers = influencers

    class Failed(Message):
        """Saving a pick failed: a readable line for the chat."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._choices: dict[str, Choices] = {"brand": [], "creator": []}
        self.services: Any = None
        self.brain: Any = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="brand-row", classes="pick-row"):
            yield Label("Brand", classes="pick-label")
            yield Select[str]([], id="brand-select", prompt="pick a brand", compact=True)
        with Horizontal(id="creator-row", classes="pick-row"):
            yield Label("Creator", classes="pick-label")
            yield Select[str]([], id="creator-select", prompt="pick a creator", compact=True)
        yield FitCard(id="fit-card")
        yield Label("Drafts in this conversation", classes="panel-heading", id="drafts-heading")
        yield Label(notice("no_drafts"), id="no-drafts")
        yield DraftList(id="drafts")

    def on_mount(self) -> None:
        self.show_drafts([])

    def attach(self, services: Any, brain: Any) -> None:
        self.services, self.brain = services, brain

    # Parts -----------------------------------------------------------------------------------------------
    @property
    def brand_select(self) -> Select[str]:
        return self.query_one("#brand-select", Select)

    @property
    def creator_select(self) -> Select[str]:
        return self.query_one("#creator-select", Select)

    @property
    def fit_card(self) -> FitCard:
        return self.query_one(FitCard)

    @property
    def draft_list(self) -> DraftList:
        return self.query_one(DraftList)

    @property
    def drafts(self) -> list[SavedDraft]:
        return self.draft_list.drafts

    @property
    def brand(self) -> str | None:
        value = self.brand_select.value
        return value if isinstance(value, str) else None

    @property
    def influencer(self) -> str | None:
        value = self.creator_select.value
        return value if isinstance(value, str) else None

    # The brands and creators -------------------------------------------------------------------------------
    def choices(self, kind: str) -> Choices:
        """The (label, value) pairs listed for ``kind``: 'brand' or 'creator'."""
        return list(self._choices[kind])

    def set_choices(self, brands: Choices, influencers: Choices) -> None:
        """Fill the lists with (label, value) pairs, keeping the current picks."""
        self._choices = {"brand": list(brands), "creator": list(influencers)}
        for select, options in ((self.brand_select, brands), (self.creator_select, influencers)):
            current = select.value
            with self.prevent(Select.Changed):
                select.set_options(options)
                if current in {value for _, value in options}:
                    select.value = current

    @work(thread=True, exclusive=True, exit_on_error=False, group="store", description="Listing the store")
    def list_store(self) -> None:
        """Read the store's brands and creators again (after a turn or an ingest may have added some)."""
        try:
            brands, influencers = store_choices(self.services)
        except Exception as exc:  # noqa: BLE001 - the lists just stay as they were
            self.log.warning("listing the store failed", exc)
            return
        self.post_message(self.Listed(brands, influencers))

    def on_context_panel_listed(self, message: ContextPanel.Listed) -> None:
        message.stop()
        if (message.brands, message.influencers) == (self._choices["brand"], self._choices["creator"]):
            return
        self.set_choices(message.brands, message.influencers)
        self.follow(getattr(self.brain, "brand", None), getattr(self.brain, "influencer", None))

    # The current pair --------------------------------------------------------------------------------------
    def set_context(self, brand: str | None, influencer: str | None) -> None:
        """Show a pair in the lists without reporting it back as a pick."""
        for select, kind, value in ((self.brand_select, "brand", brand), (self.creator_select, "creator", influencer)):
            with self.prevent(Select.Changed):
                if value is None or value not in {v for _, v in self._choices[kind]}:
                    select.clear()
                else:
                    select.value = value

    def follow(self, brand: str | None, influencer: str | None, *, fresh: bool = False, score: bool = True) -> None:
        """Show the brain's current pair (a name not given keeps the brain's) and, with ``score``, its scorecard
        (computed unless shown; ``score=False`` during a turn, whose own fit, if it makes one, is drawn as is)."""
        brand = brand or getattr(self.brain, "brand", None)
        influencer = influencer or getattr(self.brain, "influencer", None)
        self.set_context(brand, influencer)
        if score:
            self.fit_card.want(self.services, self.brand, self.influencer, fresh=fresh)

    def show_fit(self, assessment: FitAssessment) -> None:
        """A scorecard the brain's reply computed: show its pair and draw it (no second computation)."""
        self.set_context(assessment.brand, assessment.influencer)
        self.fit_card.show_assessment(assessment)

    def pick(self, *, brand: str | None = None, influencer: str | None = None) -> None:
        """Make a pair current, as if picked in the lists (the palette's 'brand → …' entries)."""
        self.set_context(brand or self.brand, influencer or self.influencer)
        self._picked()

    @on(Select.Changed)
    def _picked(self, event: Select.Changed | None = None) -> None:
        if event is not None:
            event.stop()
        if self.brain is not None:
            self.remember(self.brand, self.influencer)
        self.fit_card.want(self.services, self.brand, self.influencer)

    @work(thread=True, exit_on_error=False, group="context", description="Saving the current pair")
    def remember(self, brand: str | None, influencer: str | None) -> None:
        """Tell the brain (which saves it with the conversation) about a pick made in the panel."""
        try:
            self.brain.set_context(brand=brand, influencer=influencer)
        except Exception as exc:  # noqa: BLE001
            self.post_message(self.Failed(readable_error(exc)))

    # Drafts ------------------------------------------------------------------------------------------------
    def show_drafts(self, drafts: list[SavedDraft]) -> None:
        self.draft_list.show(drafts)
        self._drafts_shown(bool(drafts))

    def list_drafts(self, conversation_id: str | None, reveal: str | None = None) -> None:
        self.draft_list.load(self.services, conversation_id, reveal)

    @on(DraftList.Loaded)
    def _drafts_loaded(self, message: DraftList.Loaded) -> None:
        self._drafts_shown(bool(message.drafts))

    def _drafts_shown(self, any_drafts: bool) -> None:
        self.query_one("#no-drafts").display = not any_drafts
        self.draft_list.display = any_drafts
