"""The drafts made in this conversation; selecting one opens it. Lists them itself (``load``), in a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from assistant.models import SavedDraft


class DraftList(OptionList):
    """Newest first. Option ids are the draft ids; ``drafts`` are the drafts listed."""

    class Loaded(Message):
        """The drafts of a conversation, read in a worker."""

        def __init__(self, drafts: list[SavedDraft], reveal: str | None) -> None:
            super().__init__()
            self.drafts = drafts
            self.reveal = reveal

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.drafts: list[SavedDraft] = []

    @property
    def latest(self) -> SavedDraft | None:
        return self.drafts[0] if self.drafts else None

    def by_id(self, draft_id: str | None) -> SavedDraft | None:
        return next((d for d in self.drafts if d.id == draft_id), None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="drafts", description="Listing drafts")
    def load(self, services: Any, conversation_id: str | None, reveal: str | None = None) -> None:
        """List the drafts of ``conversation_id``; ``reveal``: a new draft to highlight once it is listed."""
        drafts = services.history.list_drafts(conversation_id=conversation_id) if conversation_id else []
        self.post_message(self.Loaded(drafts, reveal))

    def on_draft_list_loaded(self, message: DraftList.Loaded) -> None:
        # Not stopped: the panel shows or hides the list after it.
        self.show(message.drafts)
        if message.reveal is not None and self.by_id(message.reveal) is not None:
            self.highlighted = self.get_option_index(message.reveal)
            self.scroll_to_highlight()

    def show(self, drafts: list[SavedDraft]) -> None:
        """List ``drafts``; nothing changes (not even the scroll position) when they are the ones shown."""
        self.drafts = list(drafts)
        self.set_class(not drafts, "-empty")
        if [d.id for d in drafts] == [self.get_option_at_index(i).id for i in range(self.option_count)]:
            return
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        self.clear_options()
        self.add_options(Option(self.label(d), id=d.id) for d in drafts)
        if highlighted is not None and any(d.id == highlighted for d in drafts):
            self.highlighted = self.get_option_index(highlighted)

    @staticmethod
    def label(draft: SavedDraft) -> str:
        icon = "📄" if draft.kind == "brief" else "✉"
        return f"{icon} {draft.title}"
