"""Instagram's "Download your information" export: ``posts_1.json`` (a list of posts, each with ``media``).

Captions there are UTF-8 bytes written as if each were a latin-1 character ("cafÃ©" for "café"); we undo that.
The export has no likes or comments, so those stay unknown (None).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.ingest.json_feed import parse_json_items
from assistant.ingest.post_builder import RawPost

_SPONSOR_KEYS = ("is_paid_partnership", "paid_partnership", "is_sponsored", "sponsored", "branded_content")


def fix_mojibake(text: str) -> str:
    """Undo Instagram's latin-1-over-UTF-8 encoding when the round trip works; leave other text alone."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def looks_like_instagram(value: Any) -> bool:
    """Whether parsed JSON has the shape of an Instagram posts export."""
    items = _post_items(value)
    return bool(items) and all(isinstance(i, dict) and isinstance(i.get("media"), list) for i in items[:20])


def _post_items(value: Any) -> list[Any] | None:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):  # reels and newer exports wrap the list: {"ig_reels_media": [...]}
        for inner in value.values():
            if isinstance(inner, list) and inner and isinstance(inner[0], dict) and "media" in inner[0]:
                return inner
    return None


def read_instagram_records(path: Path, text: str) -> list[RawPost]:
    """RawPosts from posts_N.json. Posts without a caption carry no words to analyse and are skipped."""
    value, lines = parse_json_items(path, text)
    items = _post_items(value)
    if items is None or not looks_like_instagram(value):
        raise InputError(path, "is not an Instagram posts export (expected a list of posts with 'media')")
    if not isinstance(value, list):
        lines = None
    records: list[RawPost] = []
    for number, item in enumerate(items, start=1):
        line = lines[number - 1] if lines else None
        where = f"post {number}"
        if not isinstance(item, dict):
            raise InputError(path, f"each post should be a JSON object, not {type(item).__name__}", line=line, where=where)
        media = item.get("media")
        if media is not None and not isinstance(media, list):
            raise InputError(path, "'media' should be a list", line=line, where=where)
        media = [m for m in (media or []) if isinstance(m, dict)]
        caption = item.get("title") or next((m.get("title") for m in media if m.get("title")), None)
        if caption is not None and not isinstance(caption, str):
            raise InputError(path, "the caption ('title') should be a string", line=line, where=where)
        if not caption or not caption.strip():
            continue
        created = item.get("creation_timestamp")
        if created is None:
            created = next((m.get("creation_timestamp") for m in media if m.get("creation_timestamp") is not None), None)
        values: dict[str, Any] = {"text": fix_mojibake(caption), "created_at": created, "platform": "instagram"}
        sponsor_key = next((k for k in _SPONSOR_KEYS if k in item), None)
        if sponsor_key is not None:
            values["sponsored"] = item[sponsor_key]
        records.append(RawPost(values, line=line, where=where))
    if not records:
        raise InputError(path, "has no posts with a caption")
    return records
