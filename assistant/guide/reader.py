"""Reading a voice guide (Markdown or plain text) into a ``VoiceGuide``: sections plus the structure they state.

The guide is read once, at ingest; the result carries ``version`` (reader version + content hash) and is stored
with the brand, so analysis and drafting read stored rules and nothing re-parses the guide per turn.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from assistant.errors import InputError
from assistant.guide.extract import extract_structure
from assistant.guide.markdown import Section, blank_comments, parse_sections
from assistant.ids import section_id, slugify
from assistant.models.records import GuideSection, VoiceGuide

# Bump when what the reader extracts changes: stored guides then show an older version in `guide show`.
READER_VERSION = "guide-reader-2"

# Words that make a title generic ("Voice and tone", "Brand voice guide"): such a title doesn't name the brand.
_GENERIC_TITLE_WORDS = frozenset(
    "voice and & tone guide guidelines style brand writing content our the of book principles playbook copy "
    "handbook manual standards a notes design system".split()
)


def parse_guide_text(text: str, *, brand: str, name: str | None = None, source: str = "") -> VoiceGuide:
    """Read a guide from its text. ``brand`` is the slug; ``name`` defaults to the name the guide calls the brand
    by (else the file name of ``source``); ``source`` names where the text came from (used in errors).

    (Files are read by ``assistant.ingest.read_guide``, which decodes them and calls this.)
    """
    if not brand or not slugify(brand).strip("-"):
        raise ValueError("a guide needs a brand slug")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    stem = Path(source).stem if source else brand
    return _parse(text, brand=brand, name=name, source=source, stem=stem, path=Path(source or f"<{brand}>"))


def guide_version(text: str) -> str:
    return f"{READER_VERSION}+{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


def _parse(text: str, *, brand: str, name: str | None, source: str, stem: str, path: Path) -> VoiceGuide:
    raw_sections = parse_sections(text)
    if not any(s.text.strip() or s.heading_path for s in raw_sections):
        raise InputError(path, "is empty (no guide text outside comments)" if text.strip() else "is empty")
    seen: set[str] = set()
    sections = [
        GuideSection(
            id=section_id(brand, raw.heading_path, seen), heading_path=raw.heading_path, text=raw.text, line=raw.line
        )
        for raw in raw_sections
    ]
    name = name or brand_name(raw_sections, stem)
    structure = extract_structure(raw_sections, sections, brand=brand, name=name)
    return VoiceGuide(
        brand=brand,
        name=name,
        source=source,
        sections=sections,
        sells=_sells(structure["about"], name),
        version=guide_version(text),
        **structure,
    )


def brand_name(raw_sections: list[Section], stem: str) -> str:
    """The name the guide calls the brand by.

    The first H1, generic words trimmed ("Northwind Outfitters — Voice guide" -> "Northwind Outfitters",
    "Voice and tone (Twilio Paste design system)" -> "Twilio Paste"), then cut to its longest leading words that
    the guide's own text uses ("Twilio", when the body never says "Twilio Paste"). No usable title: the file name.
    """
    h1 = next((s.heading_path[0] for s in raw_sections if s.level == 1 and len(s.heading_path) == 1), None)
    fallback = re.sub(r"[_\-]+", " ", stem).strip().title() or stem
    if not h1:
        return fallback
    title = h1
    paren = re.fullmatch(r"(.+?)\s*\((.+)\)", title)
    if paren and not _is_generic(paren.group(2)):  # "Our approach (18F Content Guide)": the name is in brackets
        title = paren.group(2)
    parts = [p.strip() for p in re.split(r"\s+[—–|:-]\s+|[:,]\s+|\s*[—–|]\s*", title) if p.strip()]
    specific = [p for p in parts if not _is_generic(p)]
    if not specific:
        return fallback
    words = specific[0].split()
    while len(words) > 1 and _is_generic(words[-1]):
        words.pop()
    if len(words) > 8:  # not a name but a sentence (or worse): kept whole, for the caller to reject or shorten
        return " ".join(words)
    body = blank_comments(" ".join(s.text for s in raw_sections))
    for end in range(len(words), 0, -1):
        candidate = " ".join(words[:end])
        if _mentions(body, candidate):
            return candidate
    return " ".join(words)


def _mentions(body: str, name: str) -> int:
    """Mentions of ``name`` inside a sentence (after a word or comma): a name, not a capitalised first word."""
    return len(re.findall(r"(?<=[\w,;:’'] )" + re.escape(name) + r"(?![\w-])", body))


def _is_generic(title: str) -> bool:
    words = re.findall(r"[\w&']+", title.lower())
    return bool(words) and all(w in _GENERIC_TITLE_WORDS for w in words)


def _sells(about: str, name: str) -> str:
    """What the brand makes or sells, in the guide's words: the About sentence whose subject is the brand."""
    for sentence in re.split(r"(?<=[.!?])\s+", about.strip()):
        subject = re.match(r"^(?:at [^,]+, )?(" + re.escape(name) + r"|we)\b\s+(.+)$", sentence, re.IGNORECASE)
        history = re.match(r"^(started|began|were founded|was founded|believe|think)\b", subject.group(2), re.I) if subject else None
        if subject and not history:
            return sentence.strip()
    return ""
