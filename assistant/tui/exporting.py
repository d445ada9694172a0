"""Where an exported draft goes: the default (a file named after the draft, in the current directory) and what
a path typed in the export dialog means (a folder gets the default file name; a name without a suffix gets .md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.ids import slugify

if TYPE_CHECKING:
    from assistant.models import SavedDraft


def export_file_name(draft: SavedDraft, directory: Path) -> Path:
    """A readable file name from the draft's title in ``directory``, never overwriting a different file."""
    base = slugify(draft.title)[:80].strip("-") or "draft"
    path = directory / f"{base}.md"
    if path.exists() and not (path.is_file() and path.read_text(encoding="utf-8", errors="replace") == draft.markdown):
        path = directory / f"{base}-{draft.id[:6]}.md"
    return path


def default_export_path(draft: SavedDraft, directory: Path | None = None) -> Path:
    """The path the export dialog offers: an absolute file in ``directory`` (the current directory by default),
    so the marketer finds the file where they started the chat, not in the hidden data folder."""
    return export_file_name(draft, (directory or Path.cwd()).resolve())


def resolve_export_path(typed: str, draft: SavedDraft, base: Path | None = None) -> Path:
    """The absolute file a typed path means: ``~`` expanded, relative to ``base`` (the current directory), a
    folder (existing, or typed with a trailing slash) gets the draft's file name, and a bare name gets ``.md``."""
    text = typed.strip()
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = (base or Path.cwd()) / path
    if text.endswith(("/", "\\")) or path.is_dir():
        return export_file_name(draft, path.resolve())
    if not path.suffix:
        path = path.with_suffix(".md")
    return path.resolve()
