"""The drafts made in this conversation; selecting one opens it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from assistant.models import SavedDraft


class DraftList(OptionList):
    """Newest first. Option ids are the draft ids."""

    def show(self, drafts: list[SavedDraft]) -> None:
        """List ``drafts``; nothing changes (not even the scroll position) when they are the ones shown."""
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
