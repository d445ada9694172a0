"""Stable, content-derived ids: ingesting the same file twice yields the same ids, so nothing changes."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime


def _digest(*parts: str, length: int = 12) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def post_id(influencer: str, text: str, created_at: datetime | None, source_id: str | None = None) -> str:
    """Id of a post: the creator, the export's own id when it has one, else the timestamp and text.

    Metrics are left out on purpose: re-importing a newer export of the same post updates it in place.
    """
    if source_id:
        return f"{influencer}-{_digest(influencer, 'src', source_id)}"
    stamp = created_at.isoformat() if created_at else ""
    return f"{influencer}-{_digest(influencer, stamp, text.strip())}"


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "section"


def section_id(brand: str, heading_path: list[str], seen: set[str]) -> str:
    """Id of a guide section, unique within the brand (duplicates get -2, -3, ...)."""
    base = f"{brand}#{slugify('/'.join(heading_path)) if heading_path else 'preamble'}"
    candidate, n = base, 2
    while candidate in seen:
        candidate, n = f"{base}-{n}", n + 1
    seen.add(candidate)
    return candidate
