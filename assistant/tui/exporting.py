"""Where an exported draft goes by default: ``<data dir>/drafts/<title-slug>.md``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.ids import slugify

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.models import SavedDraft


def default_export_path(settings: Settings, draft: SavedDraft) -> Path:
    """A readable file name from the draft's title, in the data dir's drafts folder (never overwriting another draft)."""
    base = slugify(draft.title)[:80].strip("-") or "draft"
    path = settings.drafts_dir / f"{base}.md"
    if path.exists() and not path.read_text(encoding="utf-8") == draft.markdown:
        path = settings.drafts_dir / f"{base}-{draft.id[:6]}.md"
    return path
