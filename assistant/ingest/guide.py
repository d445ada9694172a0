"""Reading a voice guide file: decode it, then hand the text to the guide layer (assistant.guide)."""

from __future__ import annotations

from pathlib import Path

from assistant.guide import parse_guide_text
from assistant.ids import slugify
from assistant.ingest.textfile import decode_text, read_bytes
from assistant.models.records import VoiceGuide


def read_guide(path: Path, brand: str | None = None, name: str | None = None) -> VoiceGuide:
    """Read a Markdown or plain-text voice guide; an empty, binary or non-UTF-8 file is an InputError.

    ``brand`` defaults to a slug of the file name (``twilio.md`` -> ``twilio``), ``name`` to the name the guide
    calls the brand by.
    """
    path = Path(path)
    text = decode_text(path, read_bytes(path))
    return parse_guide_text(text, brand=brand or slugify(path.stem), name=name, source=str(path))


__all__ = ["parse_guide_text", "read_guide"]
