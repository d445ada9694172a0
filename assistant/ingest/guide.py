"""Reading a voice guide (Markdown or plain text) into a ``VoiceGuide``: sections plus the structure they state."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import InputError
from assistant.ids import section_id, slugify
from assistant.ingest.guide_extract import extract_structure
from assistant.ingest.markdown import RawSection, plain, split_sections, strip_comments_and_front_matter
from assistant.ingest.textfile import decode_text, read_bytes
from assistant.models.records import GuideSection, VoiceGuide

# Words that make a title generic ("Voice and tone", "Brand voice guide"): such a title doesn't name the brand.
_GENERIC_TITLE_WORDS = frozenset(
    "voice and & tone guide guidelines style brand writing content our the of book principles playbook copy "
    "handbook manual standards a notes".split()
)


def read_guide(path: Path, brand: str | None = None, name: str | None = None) -> VoiceGuide:
    """Read a Markdown or plain-text voice guide; an empty, binary or non-UTF-8 file is an InputError.

    ``brand`` defaults to a slug of the file name (``twilio.md`` -> ``twilio``), ``name`` to the title.
    """
    path = Path(path)
    text = decode_text(path, read_bytes(path))
    brand = brand or slugify(path.stem)
    return _parse(text, brand=brand, name=name, source=str(path), stem=path.stem, path=path)


def parse_guide_text(text: str, *, brand: str, name: str | None = None, source: str = "") -> VoiceGuide:
    """Parse a guide from a string (same rules as ``read_guide``); ``source`` names where it came from."""
    if not brand or not slugify(brand).strip("-"):
        raise ValueError("a guide needs a brand slug")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    stem = Path(source).stem if source else brand
    return _parse(text, brand=brand, name=name, source=source, stem=stem, path=Path(source or f"<{brand}>"))


def _parse(text: str, *, brand: str, name: str | None, source: str, stem: str, path: Path) -> VoiceGuide:
    if not strip_comments_and_front_matter(text).strip():
        raise InputError(path, "is empty (no guide text outside comments)" if text.strip() else "is empty")
    raw_sections = split_sections(text)
    seen: set[str] = set()
    sections = [
        GuideSection(id=section_id(brand, raw.heading_path, seen), heading_path=raw.heading_path, text=raw.text, line=raw.line)
        for raw in raw_sections
    ]
    name = name or _display_name(raw_sections, stem)
    structure = extract_structure(raw_sections, sections, brand=brand, name=name)
    return VoiceGuide(
        brand=brand,
        name=name,
        source=source,
        sections=sections,
        **structure,
    )


def _display_name(raw_sections: list[RawSection], stem: str) -> str:
    """The first H1 with generic words trimmed ("Northwind Outfitters — Voice guide" -> "Northwind Outfitters")."""
    h1 = next((s.heading_path[0] for s in raw_sections if s.level == 1 and len(s.heading_path) == 1), None)
    fallback = re.sub(r"[_\-]+", " ", stem).strip().title() or stem
    if not h1:
        return fallback
    title = plain(h1)
    paren = re.fullmatch(r"(.+?)\s*\((.+)\)", title)
    if paren and _is_generic(paren.group(1)):
        title = paren.group(2)
    parts = [p.strip() for p in re.split(r"\s+[—–|:-]\s+|:\s+|\s*[—–|]\s*", title) if p.strip()]
    specific = [p for p in parts if not _is_generic(p)]
    if not specific:
        return fallback
    # "Northwind Outfitters Voice Guide" -> "Northwind Outfitters"
    words = specific[0].split()
    while len(words) > 1 and _is_generic(words[-1]):
        words.pop()
    return " ".join(words)


def _is_generic(title: str) -> bool:
    words = re.findall(r"[\w&']+", title.lower())
    return bool(words) and all(w in _GENERIC_TITLE_WORDS for w in words)
